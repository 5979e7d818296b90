import { useCallback, useEffect, useId, useRef, useState } from 'preact/hooks';
import type { FeedInfo } from '@/lib/feeds/store';
import { t, tAround, tp } from '@/lib/i18n';
import { ExternalLink } from '../ui/external-link';
import { messageOf, type Notice, StatusNotice } from '../ui/notice';
import '../lookup/lookup.css';
import './feeds.css';
import { Switch } from '../ui/switch';

/** What the section needs from the extension (the real one: lib/feeds/client.ts). */
export interface FeedsClient {
  list(): Promise<{ enabled: boolean; feeds: FeedInfo[] }>;
  setEnabled(enabled: boolean): Promise<{ enabled: boolean }>;
  /**
   * Asks the browser for access to the feeds' sites ("https://example.org/*"); true when granted. Called
   * synchronously inside the click: browsers only show the prompt in response to a user gesture.
   */
  requestOrigins(feedUrls: string[]): Promise<boolean>;
  /** Asks the browser to keep this extension's storage when space runs low (navigator.storage.persist). */
  persistStorage?(): Promise<boolean>;
  add(url: string): Promise<{ feed: FeedInfo; added: boolean }>;
  remove(id: number): Promise<{ removed: boolean }>;
  importOpml(text: string): Promise<{ added: number; known: number; feeds: FeedInfo[] }>;
  exportOpml(): Promise<{ text: string }>;
  checkNow(): Promise<{ enabled: boolean; fetched: number; newItems: number }>;
  /** Saves a file (the OPML export). */
  saveFile(name: string, blob: Blob): void;
}

/** An http(s) address as typed, or null. */
function webUrl(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const MAX_OPML_BYTES = 5 * 1024 * 1024;

/**
 * A feed's last result in the reader's language. The poller stores it in English (lib/feeds/poller.ts):
 * "not modified", "3 new items (more next time)", "error (2 failures in a row)"…; anything else is shown as it is.
 */
export function feedResultLabel(result: string | undefined): string {
  if (result === undefined || result === 'not fetched yet') return t('feedsResultNotFetched');
  if (result === 'not modified') return t('feedsResultNotModified');
  if (result === 'permission not granted') return t('feedsResultNoPermission');
  let m = /^(\d+) new items?( \(more next time\))?$/.exec(result);
  if (m) return m[2] ? tp('feedsResultNewItemsMore', Number(m[1])) : tp('feedsResultNewItems', Number(m[1]));
  m = /^error \((\d+) failures? in a row\)$/.exec(result);
  if (m) return tp('feedsResultErrors', Number(m[1]));
  if (result === 'error') return t('feedsResultError');
  return result;
}

/**
 * News feeds (off by default): a switch, add a feed by its address (the browser is asked for that site then),
 * the list with each feed's last result, remove, OPML import and export. Feed titles and results are text.
 */
export function FeedsSection({ client }: { client: FeedsClient }) {
  const [state, setState] = useState<{ enabled: boolean; feeds: FeedInfo[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [address, setAddress] = useState('');
  const [notice, setNotice] = useState<Notice | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const helpId = useId();

  const reload = useCallback(() => {
    client
      .list()
      .then(setState, (error: unknown) =>
        setNotice({ tone: 'error', text: t('feedsListFailed', messageOf(error)) }),
      );
  }, [client]);
  useEffect(reload, [reload]);

  const run = (work: Promise<string>) => {
    setBusy(true);
    setNotice(null);
    work.then(
      (text) => {
        setNotice({ tone: 'ok', text });
        setBusy(false);
        reload();
      },
      (error: unknown) => {
        setNotice({ tone: 'error', text: messageOf(error) });
        setBusy(false);
        reload();
      },
    );
  };

  const on = state?.enabled === true;
  const [helpBefore, helpAfter] = tAround('feedsHelp');
  const denied = (state?.feeds ?? []).filter((f) => f.lastResult === 'permission not granted');

  const onToggle = () => {
    // Asked in the click: keep the stored stories when the browser runs short of space.
    const persisted = on
      ? Promise.resolve(true)
      : (client.persistStorage?.().catch(() => false) ?? Promise.resolve(true));
    run(
      persisted
        .then(() => client.setEnabled(!on))
        .then(({ enabled }) => (enabled ? t('feedsTurnedOn') : t('feedsTurnedOff'))),
    );
  };

  const onAdd = (event: Event) => {
    event.preventDefault();
    const url = webUrl(address);
    if (!url) {
      setNotice({ tone: 'error', text: t('feedsBadAddress') });
      return;
    }
    // The prompt first, synchronously in the submit. The feed is kept whatever the answer (the prompt may stay
    // open a while): without access it is simply not fetched, and the list says so.
    const granted = client.requestOrigins([url]).catch(() => false);
    const host = new URL(url).host;
    run(
      client.add(url).then(({ feed, added }) => {
        setAddress('');
        if (!added) return t('feedsAlreadyFollowed', feed.title);
        return on ? t('feedsAdded', feed.title) : t('feedsAddedOff', feed.title);
      }),
    );
    granted.then((ok) => {
      if (!ok) {
        setNotice({
          tone: 'error',
          text: t('feedsNotGranted', host),
        });
      }
    });
  };

  const onGrant = () => {
    const asked = client.requestOrigins(denied.map((f) => f.url));
    run(asked.then((ok) => (ok ? t('feedsGranted') : t('feedsGrantRefused'))));
  };

  const onImport = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    run(
      (async () => {
        if (file.size > MAX_OPML_BYTES) throw new Error(t('feedsOpmlTooLarge'));
        const { added, known } = await client.importOpml(await file.text());
        input.value = '';
        const parts = [tp('feedsNewFeeds', added), ...(known ? [tp('feedsKnownFeeds', known)] : [])];
        return t('feedsImported', parts.join(', '));
      })(),
    );
  };

  const onExport = () => {
    run(
      client.exportOpml().then(({ text }) => {
        client.saveFile('backstory-feeds.opml', new Blob([text], { type: 'text/x-opml' }));
        return tp('feedsExported', state?.feeds.length ?? 0, 'backstory-feeds.opml');
      }),
    );
  };

  const onCheck = () => {
    run(
      client
        .checkNow()
        .then((r) =>
          r.enabled
            ? t('feedsChecked', tp('feedsFeeds', r.fetched), tp('feedsNewItems', r.newItems))
            : t('feedsCheckedOff'),
        ),
    );
  };

  return (
    <section class="options-section feeds-section" aria-labelledby="feeds-heading">
      <h2 id="feeds-heading">{t('feedsHeading')}</h2>
      <p id={helpId}>
        {helpBefore}
        <strong>{t('feedsHelpYouAdd')}</strong>
        {helpAfter}
      </p>
      <Switch on={on} disabled={state === null || busy} describedBy={helpId} onToggle={onToggle}>
        {t('feedsSwitch')}
      </Switch>

      <form class="actions" onSubmit={onAdd}>
        <input
          type="url"
          aria-label={t('feedsAddress')}
          placeholder={t('feedsAddressPlaceholder')}
          value={address}
          onInput={(e) => setAddress(e.currentTarget.value)}
          disabled={busy}
          maxLength={2000}
        />
        <button type="submit" class="button" disabled={busy || !address.trim()}>
          {t('feedsAdd')}
        </button>
      </form>

      {state && state.feeds.length > 0 && (
        <ul class="feed-list" aria-label={t('feedsList')}>
          {state.feeds.map((f) => (
            <li key={f.id} class="feed-item">
              <span class="feed-title">
                <ExternalLink href={f.siteUrl ?? f.url}>{f.title}</ExternalLink>
              </span>{' '}
              <span class="meta feed-url">{f.url}</span>
              <span class={`meta feed-result${f.lastError ? ' feed-error' : ''}`}>
                {feedResultLabel(f.lastResult)}
                {f.lastError && f.lastError !== f.lastResult ? `: ${f.lastError}` : ''}
              </span>
              <button
                type="button"
                class="button button-small button-secondary"
                onClick={() => run(client.remove(f.id).then(() => t('feedsRemoved', f.title)))}
                disabled={busy}
                aria-label={t('feedsRemoveLabel', f.title)}
              >
                {t('feedsRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {state && state.feeds.length === 0 && <p class="meta">{t('feedsNone')}</p>}

      <div class="actions">
        {denied.length > 0 && (
          <button type="button" class="button" onClick={onGrant} disabled={busy}>
            {tp('feedsGrant', denied.length)}
          </button>
        )}
        <button type="button" class="button button-secondary" onClick={onCheck} disabled={busy || !on}>
          {t('feedsCheckNow')}
        </button>
        <button
          type="button"
          class="button button-secondary"
          onClick={() => fileRef.current?.click()}
          disabled={busy}
        >
          {t('feedsImportOpml')}
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".opml,.xml,text/x-opml,application/xml,text/xml"
          class="visually-hidden"
          tabIndex={-1}
          aria-label={t('feedsOpmlFile')}
          onChange={(event) => onImport(event.currentTarget)}
          disabled={busy}
        />
        <button
          type="button"
          class="button button-secondary"
          onClick={onExport}
          disabled={busy || !state?.feeds.length}
        >
          {t('feedsExportOpml')}
        </button>
      </div>
      <StatusNotice notice={notice} />
    </section>
  );
}
