/**
 * The one typed message protocol between the extension's contexts. Every request goes to the background,
 * which alone writes to IndexedDB. Payloads are plain JSON (core/model types).
 */
import { browser } from 'wxt/browser';
import type { BackfillResult, BackfillSettings } from '@/core/feeds/backfill';
import type { FeedOffer } from '@/core/feeds/discover';
import type { CardSettings, LookupResult, PageReading, SearchResults, TabView } from '@/core/model';
import type { ExportFile } from '@/lib/db/export';
import type { ImportSummary } from '@/lib/db/import';
import type { RetentionPolicy, RetentionSettings } from '@/lib/feeds/retention';
import type { FeedInfo } from '@/lib/feeds/store';
import { validatePayload } from '@/lib/protocol-schema';

export interface ProtocolMap {
  /** Content script → background: a page that is not an article (sent once per URL). */
  pageRead(data: PageReading): { storyId: number | null; related: number };
  /** Content script → background: an article page's HTML, read in the background (sent once per URL). */
  pageCaptured(data: { url: string; html: string }): { storyId: number | null; related: number };
  /**
   * Content script → background: one part of a capture too large for one message (lib/content-messaging.ts
   * postCapture), numbered from 0 within its upload; the last part's answer is the page's (`pageCaptured`), the
   * others' say how many parts the background holds.
   */
  pageCapturedPart(data: {
    url: string;
    upload: string;
    index: number;
    last: boolean;
    html: string;
  }): { storyId: number | null; related: number } | { received: number };
  /** Popup / side panel → background: the context for a tab. */
  getTabView(data: { tabId: number }): TabView;
  /**
   * Content script → background (in-page badges, opt-in): which of a front page's headline links lead to stories
   * the reader's stories know, with what to say beside each. Empty when the setting is off or the site paused.
   */
  knownTeasers(data: { pageUrl: string; urls: string[] }): { url: string; label: string }[];
  /** Popup / side panel → background: pause (or resume) Backstory on a site; answers the paused sites. */
  setSitePaused(data: { site: string; paused: boolean }): { site: string; paused: boolean; sites: string[] };
  /** Popup / side panel → background: the reader's stories and entities matching a query (search box). */
  search(data: { query: string }): SearchResults;
  /** Side panel / popup → background: what the reader's stories know about a name or phrase (look-ups). */
  lookup(data: { query: string }): LookupResult;
  /** Extension page → background: show a look-up, the same path as the context menu (lib/background/lookup.ts). */
  openLookup(data: { query: string; tabId?: number }): 'side-panel' | 'sidebar' | 'window';
  /** Options → background: the encyclopedia cards setting (off by default). */
  getCardSettings(data: Record<string, never>): CardSettings;
  /** Options → background: turn cards on (after the permission was granted) or off (forgets cached cards). */
  setCardSettings(data: { enabled: boolean }): CardSettings;
  /** Options → background: every stored record, versioned. */
  exportData(data: Record<string, never>): ExportFile;
  /** Options → background: an export file (its text, as read from disk), validated whole, then merged. */
  importData(data: { text: string }): ImportSummary;
  /** Options → background: wipe every story, teaser and tab record. */
  clearData(data: Record<string, never>): { cleared: number };
  /** Options → background: counts for the data section. */
  getStats(data: Record<string, never>): { stories: number; teasers: number };
  // Feeds and follows (lib/background/feed-handlers.ts).
  listFeeds(data: Record<string, never>): { enabled: boolean; feeds: FeedInfo[] };
  addFeed(data: { url: string; title?: string }): { feed: FeedInfo; added: boolean };
  removeFeed(data: { id: number }): { removed: boolean };
  importOpml(data: { text: string }): { added: number; known: number; feeds: FeedInfo[] };
  exportOpml(data: Record<string, never>): { text: string };
  setFeedsEnabled(data: { enabled: boolean }): { enabled: boolean };
  /** Options ("Check now") → background: one run of the feeds alarm. */
  pollFeeds(data: Record<string, never>): {
    enabled: boolean;
    fetched: number;
    newItems: number;
    teaserStubs: number;
    notifications: number;
  };
  getFollow(data: { threadId: string }): { following: boolean };
  followThread(data: { threadId: string; title: string }): { following: boolean };
  unfollowThread(data: { threadId: string }): { following: boolean };
  listFollows(
    data: Record<string, never>,
  ): { threadId: string; title: string; followedTs: number; unseen: number }[];
  /** Popup / side panel → background: the feeds the tab's page advertises, not followed yet (discovery). */
  getPageFeeds(data: { tabId: number }): { feeds: FeedOffer[] };
  /** Popup / side panel → background: follow a discovered feed (turns feeds on); the site was asked for in the click. */
  followPageFeed(data: { url: string; title?: string; siteUrl?: string }): {
    feed: FeedInfo;
    added: boolean;
    feedsTurnedOn: boolean;
  };
  /** Options, popup → background: the search-feed provider for "Find more coverage" (off by default). */
  getBackfillSettings(data: Record<string, never>): BackfillSettings;
  /** Options → background: turn backfill on or off; `urlTemplate` replaces the provider (null: the default). */
  setBackfillSettings(data: { enabled: boolean; urlTemplate?: string | null }): BackfillSettings;
  /** Popup / side panel ("Find more coverage", the reader's click) → background: one search-feed request. */
  findMoreCoverage(data: { storyId: number }): BackfillResult;
  /** Options → background: the retention policy the daily run uses, its defaults and limits. */
  getRetention(data: Record<string, never>): RetentionSettings;
  /** Options → background: a new policy (whole numbers within the limits, else refused and nothing changes). */
  setRetention(data: RetentionPolicy): RetentionSettings;
}

/** Background → extension pages: a tab's view changed (new article read, analysis finished). */
export interface TabViewChanged {
  type: 'tabViewChanged';
  tabId: number;
}

export type MessageType = keyof ProtocolMap;
export type MessageData<K extends MessageType> = Parameters<ProtocolMap[K]>[0];
export type MessageReturn<K extends MessageType> = ReturnType<ProtocolMap[K]>;

export interface Envelope<K extends MessageType = MessageType> {
  type: K;
  data: MessageData<K>;
}

type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/** Thrown in the sender when the background answered with an error. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

export async function sendMessage<K extends MessageType>(
  type: K,
  data: MessageData<K>,
): Promise<MessageReturn<K>> {
  const reply = (await browser.runtime.sendMessage({ type, data } satisfies Envelope<K>)) as
    | Reply<MessageReturn<K>>
    | undefined;
  if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
    throw new ProtocolError(`No answer from the background to "${type}"`);
  }
  if (!reply.ok) throw new ProtocolError(reply.error);
  return reply.value;
}

export type Handlers = {
  [K in MessageType]: (
    data: MessageData<K>,
    sender: { tabId?: number; url?: string },
  ) => Promise<MessageReturn<K>> | MessageReturn<K>;
};

function isEnvelope(message: unknown, handlers: Handlers): message is Envelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof (message as { type?: unknown }).type === 'string' &&
    Object.hasOwn(handlers, (message as { type: string }).type)
  );
}

/**
 * Registers the background's handlers. Messages from other extensions or web pages are ignored. Every payload
 * is checked against its schema (lib/protocol-schema.ts) first: a malformed or oversized one is answered with
 * `{ok:false}` and its handler never runs. Handler errors are sent back as `{ok:false}` too, so the sender gets
 * a clear message instead of `undefined`.
 */
export function onMessage(handlers: Handlers): () => void {
  const listener = (message: unknown, sender: { id?: string; tab?: { id?: number }; url?: string }) => {
    if (!isEnvelope(message, handlers)) return undefined;
    if (sender.id !== undefined && sender.id !== browser.runtime.id) return undefined;
    const checked = validatePayload(message.type, message.data);
    if (!checked.ok) return Promise.resolve<Reply<unknown>>({ ok: false, error: checked.error });
    const handler = handlers[message.type] as (data: unknown, s: { tabId?: number; url?: string }) => unknown;
    return Promise.resolve()
      .then(() => handler(checked.data, { tabId: sender.tab?.id, url: sender.url }))
      .then(
        (value): Reply<unknown> => ({ ok: true, value }),
        (error: unknown): Reply<unknown> => ({
          ok: false,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** Background → all extension pages. Pages that are not open simply do not receive it. */
export async function broadcastTabViewChanged(tabId: number): Promise<void> {
  try {
    await browser.runtime.sendMessage({ type: 'tabViewChanged', tabId } satisfies TabViewChanged);
  } catch {
    // No page is listening: nothing to do.
  }
}

export function onTabViewChanged(callback: (tabId: number) => void): () => void {
  const listener = (message: unknown) => {
    const m = message as Partial<TabViewChanged> | null;
    if (m && m.type === 'tabViewChanged' && typeof m.tabId === 'number') callback(m.tabId);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
