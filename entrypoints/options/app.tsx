import { Fragment } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { BackfillSection } from '@/components/options/backfill-section';
import { BadgesSection } from '@/components/options/badges-section';
import { CardsSection } from '@/components/options/cards-section';
import { FeedsSection } from '@/components/options/feeds-section';
import { NetworkFeatures } from '@/components/options/network-features';
import { type RetentionClient, RetentionSection } from '@/components/options/retention-section';
import { formatNumber } from '@/components/ui/format';
import { messageOf } from '@/components/ui/notice';
import { badgesEnabled, setBadgesEnabled } from '@/lib/badges/setting';
import { createCardsClient } from '@/lib/cards/client';
import type { ImportSummary } from '@/lib/db/import';
import { createFeedsClient } from '@/lib/feeds/client';
import { createBackfillSettingsClient } from '@/lib/feeds/discovery-client';
import { t, tp } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging';
import { LIMITS } from '@/lib/protocol-schema';

type Stats = { stories: number; teasers: number };
const cardsClient = createCardsClient();
const badgesClient = { enabled: badgesEnabled, setEnabled: setBadgesEnabled };
const feedsClient = createFeedsClient(downloadBlob);
const backfillClient = createBackfillSettingsClient();
const retentionClient: RetentionClient = {
  get: () => sendMessage('getRetention', {}),
  set: (policy) => sendMessage('setRetention', policy),
};
type Notice = { tone: 'ok' | 'error'; text: string };

export interface OptionsAppProps {
  /** Saves the export; defaults to a Blob URL and an `<a download>`. */
  saveFile?: (name: string, blob: Blob) => void;
  /** The clock, for the file name. */
  now?: () => Date;
}

/** backstory-export-YYYY-MM-DD.json, in the reader's local date. */
export function exportFileName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `backstory-export-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.json`;
}

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Firefox needs the URL alive a moment after the click.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What an import did, in one sentence. */
export function importSummaryText(name: string, summary: ImportSummary): string {
  const { stories, teasers } = summary;
  const parts = [tp('optionsImportNewStories', stories.added)];
  if (stories.merged) parts.push(tp('optionsImportMerged', stories.merged));
  parts.push(tp('optionsImportNewHeadlines', teasers.added));
  return t('optionsImportSummary', name, parts.join(', '));
}

/** The options page: what Backstory stores, export it, import an export, delete it, and what stays private. */
export function App({ saveFile = downloadBlob, now = () => new Date() }: OptionsAppProps) {
  const [stats, setStats] = useState<Stats | null>(null);
  const [statsError, setStatsError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'export' | 'import' | 'clear' | null>(null);
  const [confirming, setConfirming] = useState(false);
  // Bumped after a wipe or an import: the settings sections below are drawn afresh and read what is stored now.
  const [generation, setGeneration] = useState(0);
  const [notice, setNotice] = useState<Notice | null>(null);
  const confirmRef = useRef<HTMLElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const loadStats = useCallback(() => {
    sendMessage('getStats', {}).then(
      (value) => {
        setStats(value);
        setStatsError(null);
      },
      (error: unknown) => setStatsError(messageOf(error)),
    );
  }, []);

  useEffect(loadStats, [loadStats]);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const onExport = async () => {
    setBusy('export');
    setNotice(null);
    try {
      const file = await sendMessage('exportData', {});
      const name = exportFileName(now());
      saveFile(name, new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
      setNotice({
        tone: 'ok',
        text: tp('optionsExported', file.stories.length, name),
      });
    } catch (error) {
      setNotice({ tone: 'error', text: t('optionsExportFailed', messageOf(error)) });
    } finally {
      setBusy(null);
    }
  };

  const onImport = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setBusy('import');
    setNotice(null);
    try {
      const tooLarge = t('optionsImportTooLarge', formatNumber(LIMITS.importChars));
      // Bytes first (a character takes at most 3 bytes of UTF-8 here), so a huge file is never read in.
      if (file.size > LIMITS.importChars * 3) throw new Error(tooLarge);
      const text = await file.text();
      if (text.length > LIMITS.importChars) throw new Error(tooLarge);
      const summary = await sendMessage('importData', { text });
      setNotice({ tone: 'ok', text: importSummaryText(file.name, summary) });
      loadStats();
      setGeneration((g) => g + 1);
    } catch (error) {
      setNotice({ tone: 'error', text: t('optionsImportFailed', messageOf(error)) });
    } finally {
      // The same file can be chosen again.
      input.value = '';
      setBusy(null);
    }
  };

  const cancel = () => {
    setConfirming(false);
    deleteRef.current?.focus();
  };

  const onConfirmClear = async () => {
    setBusy('clear');
    setNotice(null);
    try {
      const { cleared } = await sendMessage('clearData', {});
      setConfirming(false);
      setNotice({
        tone: 'ok',
        text: tp('optionsDeleted', cleared),
      });
      loadStats();
      setGeneration((g) => g + 1);
    } catch (error) {
      setNotice({ tone: 'error', text: t('optionsDeleteFailed', messageOf(error)) });
    } finally {
      setBusy(null);
    }
  };

  const empty = stats !== null && stats.stories === 0 && stats.teasers === 0;

  return (
    <main>
      <h1>{t('extName')}</h1>

      <section class="options-section" aria-labelledby="data-heading">
        <h2 id="data-heading">{t('optionsDataHeading')}</h2>
        {statsError ? (
          <p class="notice notice-error">{t('optionsStatsFailed', statsError)}</p>
        ) : stats === null ? (
          <p>{t('optionsCounting')}</p>
        ) : (
          <dl class="stats">
            <dt>{t('optionsStoriesRead')}</dt>
            <dd>{formatNumber(stats.stories)}</dd>
            <dt>{t('optionsHeadlinesSeen')}</dt>
            <dd>{formatNumber(stats.teasers)}</dd>
          </dl>
        )}

        <div class="actions">
          <button type="button" class="button" onClick={onExport} disabled={busy !== null}>
            {busy === 'export' ? t('optionsExporting') : t('optionsExport')}
          </button>
          <button
            type="button"
            class="button button-secondary"
            onClick={() => fileRef.current?.click()}
            disabled={busy !== null}
            aria-describedby="import-help"
          >
            {busy === 'import' ? t('optionsImporting') : t('optionsImport')}
          </button>
          <input
            ref={fileRef}
            type="file"
            accept=".json,application/json"
            class="visually-hidden"
            tabIndex={-1}
            aria-label={t('optionsImportFile')}
            onChange={(event) => void onImport(event.currentTarget)}
            disabled={busy !== null}
          />
          <button
            type="button"
            class="button button-secondary"
            ref={deleteRef}
            onClick={() => {
              setNotice(null);
              setConfirming(true);
            }}
            disabled={busy !== null || confirming}
          >
            {t('optionsDelete')}
          </button>
        </div>

        <p id="import-help">{t('optionsImportHelp', t('optionsExport'))}</p>

        {confirming && (
          <section
            class="confirm"
            aria-labelledby="confirm-heading"
            tabIndex={-1}
            ref={confirmRef}
            onKeyDown={(event) => {
              if (event.key === 'Escape') cancel();
            }}
          >
            <h3 id="confirm-heading">{t('optionsConfirmHeading')}</h3>
            <p>
              {empty
                ? t('optionsConfirmNothing')
                : stats
                  ? t(
                      'optionsConfirmCounts',
                      tp('optionsStories', stats.stories),
                      tp('optionsHeadlines', stats.teasers),
                    )
                  : t('optionsConfirmAll')}{' '}
              {t('optionsConfirmUndone')}
            </p>
            <div class="actions">
              <button
                type="button"
                class="button button-danger"
                onClick={onConfirmClear}
                disabled={busy !== null}
              >
                {busy === 'clear' ? t('optionsDeleting') : t('optionsDeleteEverything')}
              </button>
              <button type="button" class="button button-secondary" onClick={cancel} disabled={busy !== null}>
                {t('commonCancel')}
              </button>
            </div>
          </section>
        )}

        <div role="status" aria-live="polite">
          {notice && <p class={`notice notice-${notice.tone}`}>{notice.text}</p>}
        </div>
      </section>

      <Fragment key={generation}>
        <CardsSection client={cardsClient} />
        <BadgesSection client={badgesClient} />
        <FeedsSection client={feedsClient} />
        <RetentionSection client={retentionClient} stories={stats?.stories ?? null} />
        <BackfillSection client={backfillClient} />
      </Fragment>

      <section class="options-section" aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">{t('optionsPrivacyHeading')}</h2>
        <p>{t('optionsPrivacyText')}</p>
        <NetworkFeatures />
      </section>
    </main>
  );
}
