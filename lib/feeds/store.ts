/**
 * The reader's feeds: one row per feed URL in `db.feeds`. Adding a feed fetches nothing; the poller
 * (./poller.ts) does, once feeds are on and the browser granted the feed's site.
 */
import { type OpmlFeed, writeOpml } from '@/core/feeds/opml-write';
import type { BackstoryDB, FeedRecord } from '@/lib/db/schema';
import { isHttpUrl } from '@/lib/protocol-schema';
import { textKit } from '@/lib/text-kit';

/** Minutes between polls of a feed, unless it fails (then ./poller.ts backs off). */
export const DEFAULT_INTERVAL_MIN = 60;
/** Feeds a reader may follow: a bound on the work of every poll. */
export const MAX_FEEDS = 500;

/** What the options page lists. */
export interface FeedInfo {
  id: number;
  url: string;
  title: string;
  siteUrl?: string;
  addedTs: number;
  lastFetchTs?: number;
  nextFetchTs: number;
  lastResult?: string;
  lastError?: string;
  errorCount: number;
}

export function feedInfo(f: FeedRecord): FeedInfo {
  return {
    id: f.id!,
    url: f.url,
    title: f.title,
    ...(f.siteUrl && { siteUrl: f.siteUrl }),
    addedTs: f.addedTs,
    ...(f.lastFetchTs !== undefined && { lastFetchTs: f.lastFetchTs }),
    nextFetchTs: f.nextFetchTs,
    ...(f.lastResult && { lastResult: f.lastResult }),
    ...(f.lastError && { lastError: f.lastError }),
    errorCount: f.errorCount,
  };
}

/** The feed URL as stored: absolute http(s), without its fragment. Throws on anything else. */
export function normalizeFeedUrl(raw: string): string {
  const trimmed = raw.trim();
  if (!isHttpUrl(trimmed)) throw new Error(`Not an http(s) address: ${trimmed.slice(0, 200)}`);
  const url = new URL(trimmed);
  url.hash = '';
  return url.href;
}

export async function listFeeds(db: BackstoryDB): Promise<FeedInfo[]> {
  return (await db.feeds.orderBy('id').toArray()).map(feedInfo);
}

/** Adds a feed (due at once), or returns the one already stored under that URL. */
export async function addFeed(
  db: BackstoryDB,
  input: { url: string; title?: string; siteUrl?: string },
  now = Date.now(),
): Promise<{ feed: FeedInfo; added: boolean }> {
  const url = normalizeFeedUrl(input.url);
  return db.transaction('rw', db.feeds, async () => {
    const known = await db.feeds.where('url').equals(url).first();
    if (known) return { feed: feedInfo(known), added: false };
    if ((await db.feeds.count()) >= MAX_FEEDS) throw new Error(`You follow ${MAX_FEEDS} feeds already.`);
    const siteUrl = input.siteUrl && isHttpUrl(input.siteUrl) ? input.siteUrl : undefined;
    const record: FeedRecord = {
      url,
      title: input.title?.trim().slice(0, 300) || new URL(url).hostname,
      ...(siteUrl && { siteUrl }),
      intervalMin: DEFAULT_INTERVAL_MIN,
      nextFetchTs: now,
      errorCount: 0,
      lastResult: 'not fetched yet',
      addedTs: now,
    };
    record.id = (await db.feeds.add(record)) as number;
    return { feed: feedInfo(record), added: true };
  });
}

/** Removes a feed. Its stubs stay (they are stories like others) until retention removes them. */
export async function removeFeed(db: BackstoryDB, id: number): Promise<boolean> {
  const known = await db.feeds.get(id);
  if (!known) return false;
  await db.feeds.delete(id);
  return true;
}

/** Adds every feed of an OPML file; returns how many were new and how many were already followed. */
export async function importOpml(
  db: BackstoryDB,
  text: string,
  now = Date.now(),
): Promise<{ added: number; known: number; feeds: FeedInfo[] }> {
  const list: OpmlFeed[] = (await textKit()).parseOpml(text);
  let added = 0;
  let known = 0;
  for (const f of list) {
    const result = await addFeed(db, { url: f.url, title: f.title, siteUrl: f.siteUrl }, now);
    if (result.added) added++;
    else known++;
  }
  return { added, known, feeds: await listFeeds(db) };
}

export async function exportOpml(db: BackstoryDB): Promise<string> {
  const feeds = await db.feeds.orderBy('id').toArray();
  return writeOpml(
    feeds.map((f) => ({ url: f.url, title: f.title, ...(f.siteUrl && { siteUrl: f.siteUrl }) })),
    'Backstory feeds',
  );
}
