import { useEffect, useState } from 'preact/hooks';
import type { BackfillResult, BackfillSettings } from '@/core/feeds/backfill';
import { t, tp } from '@/lib/i18n';
import { messageOf, type Notice } from '../ui/notice';
import './feeds.css';

/** "Find more coverage" of a story through the search-feed provider (the real one: lib/feeds/discovery-client.ts). */
export interface BackfillControl {
  /** Whether the reader turned the provider on (options page), and its site. */
  settings(): Promise<BackfillSettings>;
  /**
   * Asks the browser for the provider's site (`origin`) synchronously, inside the click, then asks the background
   * to search for the story. Rejects with the reason in the reader's words.
   */
  find(storyId: number, origin: string): Promise<BackfillResult>;
}

function hostOf(origin: string): string {
  try {
    return new URL(origin.replace(/\/\*$/, '/')).host;
  } catch {
    return origin;
  }
}

/** What a search did, in one sentence. */
export function backfillSummary(result: BackfillResult, host: string): string {
  const searched = t('backfillSearched', host, result.query);
  if (!result.found) return `${searched} ${t('backfillNothingFound')}`;
  if (!result.added) return `${searched} ${t('backfillNothingNew')}`;
  return `${searched} ${tp('backfillAdded', result.added)} ${tp('backfillLinked', result.linked)}`;
}

/**
 * The "Find more coverage" button under a story: shown only when the reader turned backfill on. Nothing is sent
 * until it is clicked; the click asks the browser for the provider's site first.
 */
export function MoreCoverage({
  control,
  storyId,
  onAdded,
}: {
  control: BackfillControl;
  storyId: number;
  /** Called after new stories were stored (the related list is then reloaded). */
  onAdded?: () => void;
}) {
  const [settings, setSettings] = useState<BackfillSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => {
    let live = true;
    control.settings().then(
      (s) => live && setSettings(s),
      () => live && setSettings(null),
    );
    return () => {
      live = false;
    };
  }, [control]);

  useEffect(() => setNotice(null), [storyId]);

  if (!settings?.enabled) return null;
  const host = hostOf(settings.origin);

  const onClick = () => {
    setBusy(true);
    setNotice(null);
    control.find(storyId, settings.origin).then(
      (result) => {
        setBusy(false);
        setNotice({ tone: 'ok', text: backfillSummary(result, host) });
        if (result.added) onAdded?.();
      },
      (error: unknown) => {
        setBusy(false);
        setNotice({ tone: 'error', text: messageOf(error) });
      },
    );
  };

  return (
    <div class="more-coverage">
      <button type="button" class="button button-small button-secondary" disabled={busy} onClick={onClick}>
        {busy ? t('backfillSearching') : t('backfillButton')}
      </button>
      <p class="meta">{t('backfillWhatIsSent', host)}</p>
      <div role="status" aria-live="polite">
        {notice && <p class={notice.tone === 'error' ? 'inline-error' : 'meta'}>{notice.text}</p>}
      </div>
    </div>
  );
}
