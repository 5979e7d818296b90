/**
 * The background's message handlers: the content script's page readings, the popup's and side panel's
 * requests, the options page's data requests. Tab state lives in IndexedDB, not in memory, because the MV3
 * worker is stopped and restarted at will.
 */
import { browser } from 'wxt/browser';
import type { PageReading, TabView } from '@/core/model';
import { siteOf } from '@/core/site';
import { setBadgesEnabled } from '@/lib/badges/setting';
import { createCardService } from '@/lib/cards/cards';
import { clearAll, exportAll } from '@/lib/db/export';
import { importAll } from '@/lib/db/import';
import type { BackstoryDB, TabRecord } from '@/lib/db/schema';
import { withQuotaRetry } from '@/lib/feeds/retention';
import { t } from '@/lib/i18n';
import { broadcastTabViewChanged, type Handlers, onMessage } from '@/lib/messaging';
import { LIMITS } from '@/lib/protocol-schema';
import type { StoryService } from '@/lib/story-service';
import { textKit } from '@/lib/text-kit';
import { clearViewCache, rememberView } from '@/lib/view-cache';
import type { DiscoveredFeed } from '@/page/feeds';
import { setTabBadge } from './badge';
import { createCaptureParts } from './capture-parts';
import { createFeedHandlers } from './feed-handlers';
import { lookup, openLookupFromPage } from './lookup';
import { askPage } from './page-bridge';
import { isPaused, pausedSites, setSitePaused } from './pause';
import { knownTeasers } from './teaser-badges';

const isWebUrl = (url: string | undefined | null): url is string => !!url && /^https?:\/\//i.test(url);

/** Without its fragment: a page is the same page whatever its #hash. */
const pageKey = (url: string) => url.replace(/#.*$/, '');

export async function tabView(db: BackstoryDB, service: StoryService, tabId: number): Promise<TabView> {
  // The two database reads go out with the browser's answer about the tab, not after it: on a woken worker the
  // first of them waits for the database to open, and the popup waits for all three.
  const stored = db.tabs.get(tabId);
  const paused = pausedSites(db);
  // Not awaited when the tab is gone or not a web page: their errors are not the answer then.
  stored.catch(() => undefined);
  paused.catch(() => undefined);
  let tabUrl: string | null = null;
  try {
    tabUrl = (await browser.tabs.get(tabId)).url ?? null;
  } catch {
    return { state: 'error', url: null, message: t('errorTabClosed') };
  }
  if (!isWebUrl(tabUrl)) return { state: 'unsupported', url: tabUrl };
  const site = siteOf(tabUrl);
  if (site !== null && (await paused).includes(site)) return { state: 'paused', url: tabUrl, site };
  const rec = await stored;
  if (!rec || pageKey(rec.url) !== pageKey(tabUrl)) {
    // A page that is not an article sends nothing: ask the tab's content script what it found.
    const seen = await askPage(tabId);
    if (seen && pageKey(seen.url) === pageKey(tabUrl)) {
      if (seen.isArticle) return { state: 'analysing', url: tabUrl };
      await db.tabs.put({ tabId, url: seen.url, view: 'not-article', storyId: null, updatedTs: Date.now() });
      return { state: 'not-article', url: tabUrl };
    }
    // Without a user gesture (activeTab) the tab cannot be asked: a page that is not an article, most likely.
    return { state: 'unread', url: tabUrl };
  }
  switch (rec.view) {
    case 'ready':
      return readyView(service, rec.storyId, tabUrl);
    case 'error':
      return { state: 'error', url: tabUrl, message: rec.message ?? t('contextErrorTitle') };
    case 'analysing':
      return { state: 'analysing', url: tabUrl };
    case 'paused':
      // Paused when the page was opened, resumed since: it was not read.
      return { state: 'unread', url: tabUrl };
    default:
      return { state: 'not-article', url: tabUrl };
  }
}

/** A tab whose article is read: its story's context, or an error when the story is gone. */
async function readyView(service: StoryService, storyId: number | null, url: string): Promise<TabView> {
  const context = storyId === null ? null : await service.getContext(storyId);
  if (!context) return { state: 'error', url, message: t('errorStoryGone') };
  return { state: 'ready', url, context };
}

async function setTab(db: BackstoryDB, rec: Omit<TabRecord, 'updatedTs'>): Promise<void> {
  await db.tabs.put({ ...rec, updatedTs: Date.now() });
  await broadcastTabViewChanged(rec.tabId);
}

/**
 * Captured pages larger than this are refused (the content script caps its capture below it). The message
 * schema (lib/protocol-schema.ts) enforces it before the handler runs; the handler checks again for direct calls.
 */
export const MAX_HTML_CHARS = LIMITS.html;

export function createHandlers(db: BackstoryDB, service: StoryService): Handlers {
  // Encyclopedia cards (opt-in): lib/cards/cards.ts.
  const cards = createCardService(db);
  /** `feeds`: the feeds the page advertises (page/feeds.ts), kept with the tab for the popup's offer to follow. */
  async function handleReading(
    reading: PageReading,
    tabId: number | undefined,
    feeds: readonly DiscoveredFeed[] = [],
  ) {
    if (!reading.isArticle || !reading.article) {
      if (tabId !== undefined) {
        await setTab(db, { tabId, url: reading.url, view: 'not-article', storyId: null });
        await setTabBadge(db, tabId, null);
      }
      await service.storeTeasers(reading.teasers ?? [], { url: reading.url, storyId: null });
      return { storyId: null, related: 0 };
    }
    const article = reading.article;
    // Storage full: the oldest stubs make room, never a story the reader opened (lib/feeds/retention.ts).
    const { story } = await withQuotaRetry(db, () => service.ingestArticle(article));
    await service.storeTeasers(reading.teasers ?? [], { url: reading.url, storyId: story.id });
    if (tabId !== undefined) {
      await setTab(db, {
        tabId,
        url: reading.url,
        view: 'ready',
        storyId: story.id,
        ...(feeds.length && { feeds: [...feeds] }),
      });
      await setTabBadge(db, tabId, story.related.length);
      await rememberReadyView(tabId, story.id, reading.url);
    }
    return { storyId: story.id, related: story.related.length };
  }

  /**
   * Remembers the tab's view as soon as its article is read (lib/view-cache.ts), as the popup does with each answer:
   * a popup opened after the worker has gone idle paints it at once instead of waking the worker and waiting for
   * it (about 135 against 335 ms at 100,000 stories, docs/measurements.md), then asks for it again. The view the
   * popup's request gets for the record just stored (tabView), built from what this reading knows rather than read
   * back; without the encyclopedia cards, which the popup's own request adds.
   */
  async function rememberReadyView(tabId: number, storyId: number, url: string): Promise<void> {
    try {
      await rememberView(tabId, await readyView(service, storyId, url));
    } catch {
      // Nothing remembered: the popup asks the worker, as before.
    }
  }

  /** A page of a site the reader paused: nothing of it is read or kept; the tab says so. */
  async function pausedFor(url: string, tabId: number | undefined): Promise<boolean> {
    if (!(await isPaused(db, url))) return false;
    if (tabId !== undefined) {
      await setTab(db, { tabId, url, view: 'paused', storyId: null });
      await setTabBadge(db, tabId, null);
    }
    return true;
  }

  /** An article page's captured HTML (whole, or put together from its parts), read here, then stored. */
  async function pageCaptured(data: { url: string; html: string }, sender: { tabId?: number }) {
    if (!data || typeof data.url !== 'string' || !isWebUrl(data.url) || typeof data.html !== 'string') {
      throw new Error('pageCaptured: expected {url, html} of a web page');
    }
    if (data.html.length > MAX_HTML_CHARS) throw new Error('pageCaptured: page too large');
    if (await pausedFor(data.url, sender.tabId)) return { storyId: null, related: 0 };
    return analysing(data.url, sender.tabId, async () => {
      const { reading, feeds } = (await textKit()).readPageHtmlWithFeeds(data.html, data.url);
      return handleReading(reading, sender.tabId, feeds);
    });
  }
  // Captures too large for one message (lib/content-messaging.ts postCapture), until their last part is in.
  const parts = createCaptureParts({ maxChars: MAX_HTML_CHARS });

  /** Runs `work` with the tab shown as analysing, and as an error if it fails. */
  async function analysing<T>(url: string, tabId: number | undefined, work: () => Promise<T>): Promise<T> {
    if (tabId !== undefined) await setTab(db, { tabId, url, view: 'analysing', storyId: null });
    try {
      return await work();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (tabId !== undefined) await setTab(db, { tabId, url, view: 'error', storyId: null, message });
      throw error;
    }
  }

  return {
    async pageRead(reading: PageReading, sender) {
      if (!reading || typeof reading.url !== 'string' || !isWebUrl(reading.url)) {
        throw new Error('pageRead: not a web page reading');
      }
      if (await pausedFor(reading.url, sender.tabId)) return { storyId: null, related: 0 };
      if (!reading.isArticle || !reading.article) return handleReading(reading, sender.tabId);
      return analysing(reading.url, sender.tabId, () => handleReading(reading, sender.tabId));
    },
    pageCaptured,
    async pageCapturedPart(data, sender) {
      // Put together before any await (an async function runs to its first await at once): parts come back to back.
      const result = parts.add(String(sender.tabId ?? sender.url ?? ''), data);
      if (!result.done) return { received: result.received };
      return pageCaptured({ url: result.url, html: result.html }, sender);
    },
    setSitePaused: async ({ site, paused }) => ({
      site,
      paused,
      sites: await setSitePaused(db, site, paused),
    }),
    getTabView: async ({ tabId }) => cards.withCards(await tabView(db, service, tabId), tabId),
    lookup: ({ query }) => lookup(db, query, cards),
    knownTeasers: (data) => knownTeasers(db, data),
    openLookup: ({ query, tabId }) => openLookupFromPage(query, tabId),
    getCardSettings: () => cards.settings(),
    setCardSettings: ({ enabled }) => cards.setEnabled(enabled),
    search(data) {
      if (!data || typeof data.query !== 'string') throw new Error('search: expected {query}');
      return service.search(data.query);
    },
    exportData: () => exportAll(db, new Date()),
    importData: ({ text }) => importAll(db, text),
    async clearData() {
      const cleared = await clearAll(db);
      // The popup's and side panel's memory of the last views goes too (lib/view-cache.ts), and the in-page
      // badges' switch, which lives in storage.local, goes back to off with the other settings.
      await Promise.all([clearViewCache(), setBadgesEnabled(false)]);
      return { cleared };
    },
    async getStats() {
      const [stories, teasers] = await Promise.all([db.stories.count(), db.teasers.count()]);
      return { stories, teasers };
    },
    ...createFeedHandlers(db, service),
  };
}

export function registerHandlers(db: BackstoryDB, service: StoryService): () => void {
  const handlers = createHandlers(db, service);
  const off = onMessage(handlers);
  const onRemoved = (tabId: number) => {
    void db.tabs.delete(tabId);
  };
  browser.tabs.onRemoved.addListener(onRemoved);
  // Tab ids start again after a browser restart: what was known about old tabs no longer applies.
  const onStartup = () => {
    void db.tabs.clear();
  };
  browser.runtime.onStartup.addListener(onStartup);
  return () => {
    off();
    browser.tabs.onRemoved.removeListener(onRemoved);
    browser.runtime.onStartup.removeListener(onStartup);
  };
}
