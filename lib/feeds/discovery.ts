/**
 * Feed discovery: the feeds a page advertises (`<link rel="alternate">`), offered in the popup and side panel
 * with one click to follow. An article's feeds are found in the background when its captured HTML is read
 * (page/read-html.ts) and kept with the tab's record; a page that is not an article sends nothing, so its
 * feed links are read in the tab when the reader opens the popup there (activeTab, lib/background/page-bridge.ts).
 * Nothing is fetched here: following a feed stores it, and the poller fetches it once the browser granted its site.
 */
import { browser } from 'wxt/browser';
import { type FeedOffer, feedsFromLinks } from '@/core/feeds/discover';
import { siteOf } from '@/core/site';
import { askPageFeedLinks, type PageFeedLinks } from '@/lib/background/page-bridge';
import { isPaused } from '@/lib/background/pause';
import type { BackstoryDB } from '@/lib/db/schema';
import { feedsEnabled, setFeedsEnabled } from './settings';
import { addFeed, type FeedInfo, normalizeFeedUrl } from './store';

const pageKey = (url: string) => url.replace(/#.*$/, '');

export interface DiscoveryDeps {
  /** Reads the feed links of the tab's page (defaults to scripting.executeScript under activeTab). */
  askPage?: (tabId: number) => Promise<PageFeedLinks | null>;
}

/** The feeds the page in the tab advertises that the reader does not follow yet. */
export async function feedOffersForTab(
  db: BackstoryDB,
  tabId: number,
  deps: DiscoveryDeps = {},
): Promise<{ feeds: FeedOffer[] }> {
  let tabUrl: string | undefined;
  try {
    tabUrl = (await browser.tabs.get(tabId)).url;
  } catch {
    return { feeds: [] };
  }
  if (!tabUrl || !/^https?:\/\//i.test(tabUrl) || (await isPaused(db, tabUrl))) return { feeds: [] };
  const rec = await db.tabs.get(tabId);
  let found = rec && pageKey(rec.url) === pageKey(tabUrl) ? rec.feeds : undefined;
  if (!found) {
    const page = await (deps.askPage ?? askPageFeedLinks)(tabId);
    found =
      page && pageKey(page.url) === pageKey(tabUrl) ? feedsFromLinks(page.links, page.url, page.base) : [];
  }
  if (!found.length) return { feeds: [] };
  const followed = new Set(
    (
      await db.feeds
        .where('url')
        .anyOf(found.map((f) => normalizeFeedUrl(f.url)))
        .toArray()
    ).map((f) => f.url),
  );
  return {
    feeds: found
      .filter((f) => !followed.has(normalizeFeedUrl(f.url)))
      .map((f) => ({ ...f, site: siteOf(f.url) ?? new URL(f.url).host })),
  };
}

/**
 * Follows a feed the reader picked from a page: stores it (due at once) and turns feeds on, since the reader
 * asked for this feed to be fetched. The popup asked the browser for the feed's site in the same click; without
 * that access the poller records "permission not granted" and fetches nothing.
 */
export async function followPageFeed(
  db: BackstoryDB,
  input: { url: string; title?: string; siteUrl?: string },
): Promise<{ feed: FeedInfo; added: boolean; feedsTurnedOn: boolean }> {
  const result = await addFeed(db, input);
  const wasOn = await feedsEnabled(db);
  if (!wasOn) await setFeedsEnabled(db, true);
  return { ...result, feedsTurnedOn: !wasOn };
}
