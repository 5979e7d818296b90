import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { CardsSection } from '@/components/options/cards-section';
import { FeedsSection } from '@/components/options/feeds-section';
import { plural } from '@/components/ui/format';
import { createCardsClient } from '@/lib/cards/client';
import { createFeedsClient } from '@/lib/feeds/client';
import type { ImportSummary } from '@/lib/db/import';
import { sendMessage } from '@/lib/messaging';
import { LIMITS, thousands } from '@/lib/protocol-schema';

type Stats = { stories: number; teasers: number };
const cardsClient = createCardsClient();
const feedsClient = createFeedsClient(downloadBlob);
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What an import did, in one sentence. */
export function importSummaryText(name: string, summary: ImportSummary): string {
  const { stories, teasers } = summary;
  const parts = [plural(stories.added, 'new story', 'new stories')];
  if (stories.merged) {
    parts.push(`${plural(stories.merged, 'story', 'stories')} already here (kept, reading history merged)`);
  }
  parts.push(plural(teasers.added, 'new headline', 'new headlines'));
  return `Imported ${name}: ${parts.join(', ')}.`;
}

/** The options page: what Backstory stores, export it, import an export, delete it, and what stays private. */
export function App({ saveFile = downloadBlob, now = () => new Date() }: OptionsAppProps) {
  const [stats, setStats] = useState<Stats | null>(null);
  const [statsError, setStatsError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'export' | 'import' | 'clear' | null>(null);
  const [confirming, setConfirming] = useState(false);
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
        text: `Exported ${plural(file.stories.length, 'story', 'stories')} to ${name}.`,
      });
    } catch (error) {
      setNotice({ tone: 'error', text: `Export failed: ${messageOf(error)}` });
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
      const tooLarge = `The file is too large (over ${thousands(LIMITS.importChars)} characters). Nothing was imported.`;
      // Bytes first (a character takes at most 3 bytes of UTF-8 here), so a huge file is never read in.
      if (file.size > LIMITS.importChars * 3) throw new Error(tooLarge);
      const text = await file.text();
      if (text.length > LIMITS.importChars) throw new Error(tooLarge);
      const summary = await sendMessage('importData', { text });
      setNotice({ tone: 'ok', text: importSummaryText(file.name, summary) });
      loadStats();
    } catch (error) {
      setNotice({ tone: 'error', text: `Import failed: ${messageOf(error)}` });
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
        text: `Deleted ${plural(cleared, 'story', 'stories')} and everything read with them.`,
      });
      loadStats();
    } catch (error) {
      setNotice({ tone: 'error', text: `Delete failed: ${messageOf(error)}` });
    } finally {
      setBusy(null);
    }
  };

  const empty = stats !== null && stats.stories === 0 && stats.teasers === 0;

  return (
    <main>
      <h1>Backstory</h1>

      <section class="options-section" aria-labelledby="data-heading">
        <h2 id="data-heading">Your data</h2>
        {statsError ? (
          <p class="notice notice-error">Could not count your data: {statsError}</p>
        ) : stats === null ? (
          <p>Counting…</p>
        ) : (
          <dl class="stats">
            <dt>Stories read</dt>
            <dd>{stats.stories}</dd>
            <dt>Headlines seen</dt>
            <dd>{stats.teasers}</dd>
          </dl>
        )}

        <div class="actions">
          <button type="button" class="button" onClick={onExport} disabled={busy !== null}>
            {busy === 'export' ? 'Exporting…' : 'Export all data'}
          </button>
          <button
            type="button"
            class="button button-secondary"
            onClick={() => fileRef.current?.click()}
            disabled={busy !== null}
            aria-describedby="import-help"
          >
            {busy === 'import' ? 'Importing…' : 'Import from a file…'}
          </button>
          <input
            ref={fileRef}
            type="file"
            accept=".json,application/json"
            class="visually-hidden"
            tabIndex={-1}
            aria-label="Backstory export file to import"
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
            Delete all data…
          </button>
        </div>

        <p id="import-help">
          Import reads a file made by <em>Export all data</em>, on this or another browser. The whole file is
          checked first; if anything in it is wrong, nothing is imported. Stories you already have are kept.
        </p>

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
            <h3 id="confirm-heading">Delete everything Backstory stored?</h3>
            <p>
              {empty
                ? 'There is nothing stored right now.'
                : stats
                  ? `This deletes ${plural(stats.stories, 'story', 'stories')} and ${plural(stats.teasers, 'headline', 'headlines')} from this device.`
                  : 'This deletes every story and headline from this device.'}{' '}
              It cannot be undone.
            </p>
            <div class="actions">
              <button
                type="button"
                class="button button-danger"
                onClick={onConfirmClear}
                disabled={busy !== null}
              >
                {busy === 'clear' ? 'Deleting…' : 'Delete everything'}
              </button>
              <button type="button" class="button button-secondary" onClick={cancel} disabled={busy !== null}>
                Cancel
              </button>
            </div>
          </section>
        )}

        <div role="status" aria-live="polite">
          {notice && <p class={`notice notice-${notice.tone}`}>{notice.text}</p>}
        </div>
      </section>

      <CardsSection client={cardsClient} />
      <FeedsSection client={feedsClient} />

      <section class="options-section" aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">Privacy</h2>
        <p>
          Everything Backstory reads and remembers stays on this device, in your browser's storage for this
          extension. Nothing about what you read is sent to us or to anyone else. Backstory makes no network
          requests unless you turn on news feeds (it then fetches the feeds you add) or encyclopedia cards (it then
          looks names up on Wikipedia). Delete the data here at any time; removing the extension deletes it too.
        </p>
      </section>
    </main>
  );
}
