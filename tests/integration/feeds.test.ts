/**
 * Feeds in the background on WXT's fake browser and fake-indexeddb: the switch and the browser's permission
 * gate every request, conditional requests, backoff, caps per run, bad feeds not blocking others, stubs made
 * from feed items and headlines (and upgraded by a visit), follow notifications, OPML through the messages.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { analyzeArticle } from '@/core/nlp/analyze';
import { FEEDS_ALARM, registerFeeds, runFeedsAlarm } from '@/lib/background/feeds';
import { registerHandlers } from '@/lib/background/handlers';
import { BackstoryDB, type StoryRecord } from '@/lib/db/schema';
import { followThread, NOTIFY_EVERY_MS, noteNewStories } from '@/lib/feeds/follows';
import { stubsFromTeasers } from '@/lib/feeds/ingest';
import { backoffMs, MAX_BACKOFF_MS, type PollDeps, pollFeeds } from '@/lib/feeds/poller';
import { setFeedsEnabled } from '@/lib/feeds/settings';
import { addFeed } from '@/lib/feeds/store';
import { sendMessage } from '@/lib/messaging';
import { createStoryService, type StoryService } from '@/lib/story-service';
import { corpusReadings } from './helpers';

const FIX = 'tests/fixtures/feeds';
const LEDGER = 'https://dailyledger.example/world/feed.xml';
const BAYSIDE = 'https://baysideobserver.example/news/atom.xml';
const BROKEN = 'https://broken.example/feed.xml';
const T0 = Date.UTC(2025, 6, 1, 8);

interface Route {
  body: string | Buffer;
  status?: number;
  etag?: string;
  type?: string;
  length?: number;
}

let db: BackstoryDB;
let service: StoryService;
let clock: number;
let routes: Record<string, Route>;
let requests: { url: string; headers: Record<string, string> }[];

const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
  const headers = (init?.headers ?? {}) as Record<string, string>;
  requests.push({ url, headers });
  const route = routes[url];
  if (!route) throw new TypeError('Failed to fetch');
  if (route.etag && headers['if-none-match'] === route.etag) return new Response(null, { status: 304 });
  const h = new Headers({ 'content-type': route.type ?? 'application/xml' });
  if (route.etag) h.set('etag', route.etag);
  if (route.length) h.set('content-length', String(route.length));
  const body = typeof route.body === 'string' ? route.body : new Uint8Array(route.body);
  return new Response(route.status && route.status >= 400 ? 'error' : body, {
    status: route.status ?? 200,
    headers: h,
  });
});

const deps = (extra: Partial<PollDeps> = {}): PollDeps => ({
  fetch: fetchMock as unknown as PollDeps['fetch'],
  now: () => clock,
  random: () => 0.5,
  ...extra,
});

beforeEach(async () => {
  fakeBrowser.reset();
  db = new BackstoryDB(`feeds-${Math.random()}`);
  clock = T0;
  service = createStoryService(db, { analyze: analyzeArticle, now: () => clock });
  requests = [];
  fetchMock.mockClear();
  routes = {
    [LEDGER]: { body: readFileSync(`${FIX}/rss2.xml`), etag: '"ledger-1"' },
    [BAYSIDE]: { body: readFileSync(`${FIX}/atom.xml`), type: 'application/atom+xml' },
    [BROKEN]: { body: readFileSync(`${FIX}/malformed.xml`) },
  };
  // The fake browser has no permissions API: the reader granted every site unless a test says otherwise.
  (fakeBrowser as unknown as { permissions: unknown }).permissions = {
    contains: vi.fn(async () => true),
    request: vi.fn(async () => true),
  };
});

async function feedStubs(): Promise<StoryRecord[]> {
  return (await db.stories.toArray()).filter((s) => s.source === 'feed');
}

describe('polling feeds', () => {
  it('fetches nothing while feeds are off, even with due feeds', async () => {
    await addFeed(db, { url: LEDGER }, clock);
    const report = await pollFeeds(db, service, deps());
    expect(report.enabled).toBe(false);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('fetches nothing from a site the browser has not granted, and says so', async () => {
    await setFeedsEnabled(db, true);
    const { feed } = await addFeed(db, { url: LEDGER }, clock);
    const contains = vi.fn(async () => false);
    (fakeBrowser as unknown as { permissions: unknown }).permissions = { contains };
    await pollFeeds(db, service, deps());
    expect(contains).toHaveBeenCalledWith({ origins: ['https://dailyledger.example/*'] });
    expect(fetchMock).not.toHaveBeenCalled();
    const stored = await db.feeds.get(feed.id);
    expect(stored?.lastResult).toBe('permission not granted');
    expect(stored?.nextFetchTs).toBe(clock + stored!.intervalMin * 60_000);
  });

  it('stores new items as stubs, then asks conditionally and takes 304 as "not modified"', async () => {
    await setFeedsEnabled(db, true);
    const { feed } = await addFeed(db, { url: LEDGER }, clock);
    const first = await pollFeeds(db, service, deps());
    expect(first.feeds).toEqual([expect.objectContaining({ result: '4 new items', newItems: 4 })]);
    expect(requests[0]?.headers['if-none-match']).toBeUndefined();
    const stubs = await feedStubs();
    expect(stubs).toHaveLength(4);
    for (const s of stubs) {
      expect(s).toMatchObject({ source: 'feed', text: '', feedId: feed.id, visits: 0, dated: [] });
      expect(s.threadId).toMatch(/^th-/);
    }
    const stored = await db.feeds.get(feed.id);
    expect(stored).toMatchObject({ etag: '"ledger-1"', errorCount: 0, title: 'The Daily Ledger — World' });

    // Not due yet: no request.
    await pollFeeds(db, service, deps());
    expect(requests).toHaveLength(1);
    clock += stored!.intervalMin * 60_000;
    const second = await pollFeeds(db, service, deps());
    expect(requests[1]?.headers['if-none-match']).toBe('"ledger-1"');
    expect(second.feeds[0]?.result).toBe('not modified');
    expect((await db.feeds.get(feed.id))?.lastResult).toBe('not modified');
    expect(await feedStubs()).toHaveLength(4);
  });

  it('backs off a failing feed with jitter, capped, and a bad feed does not block the others', async () => {
    await setFeedsEnabled(db, true);
    const broken = await addFeed(db, { url: BROKEN }, clock);
    const down = await addFeed(db, { url: 'https://down.example/rss' }, clock);
    routes['https://down.example/rss'] = { body: '', status: 503 };
    await addFeed(db, { url: BAYSIDE }, clock);
    const report = await pollFeeds(db, service, deps());
    expect(report.feeds.map((f) => f.result)).toEqual(['error', 'error', '2 new items']);
    const b = await db.feeds.get(broken.feed.id);
    expect(b?.errorCount).toBe(1);
    expect(b?.lastError).toMatch(/./);
    expect(b?.lastResult).toBe('error (1 failure in a row)');
    expect(b?.nextFetchTs).toBe(clock + backoffMs(1, 60, () => 0.5));
    expect((await db.feeds.get(down.feed.id))?.lastError).toBe('the server answered 503');

    // Consecutive failures wait longer, never more than a day (±20 %).
    expect(backoffMs(2, 60, () => 0.5)).toBe(2 * backoffMs(1, 60, () => 0.5));
    expect(backoffMs(30, 60, () => 0.99)).toBeLessThanOrEqual(MAX_BACKOFF_MS * 1.2);
    expect(backoffMs(1, 60, () => 0)).toBeGreaterThanOrEqual(0.8 * 60 * 60_000);
    clock = b!.nextFetchTs;
    await pollFeeds(db, service, deps());
    const again = await db.feeds.get(broken.feed.id);
    expect(again?.errorCount).toBe(2);
    expect(again!.nextFetchTs - clock).toBe(backoffMs(2, 60, () => 0.5));
  });

  it('refuses a feed over the byte cap before parsing it', async () => {
    await setFeedsEnabled(db, true);
    routes[LEDGER] = { body: readFileSync(`${FIX}/rss2.xml`), length: 6 * 1024 * 1024 };
    await addFeed(db, { url: LEDGER }, clock);
    const report = await pollFeeds(db, service, deps());
    expect(report.feeds[0]?.error).toMatch(/too large/);
    expect(await feedStubs()).toHaveLength(0);
  });

  it('takes at most 5 feeds and the item cap per run; the rest waits for the next run', async () => {
    await setFeedsEnabled(db, true);
    for (let i = 0; i < 7; i++) {
      const url = `https://site${i}.example/feed.xml`;
      routes[url] = { body: readFileSync(`${FIX}/atom.xml`) };
      await addFeed(db, { url }, clock);
    }
    const first = await pollFeeds(db, service, deps());
    expect(first.feeds).toHaveLength(5);
    expect(first.more).toBe(true);
    const second = await pollFeeds(db, service, deps());
    expect(second.feeds).toHaveLength(2);
    expect(second.more).toBe(false);

    await db.feeds.clear();
    const { feed } = await addFeed(db, { url: LEDGER }, clock);
    const capped = await pollFeeds(db, service, deps({ limits: { maxItems: 3 } }));
    expect(capped.feeds[0]?.result).toBe('3 new items (more next time)');
    expect(capped.more).toBe(true);
    const stored = await db.feeds.get(feed.id);
    expect(stored?.etag).toBeUndefined(); // the whole feed again next time
    expect(stored?.nextFetchTs).toBe(clock);
    const rest = await pollFeeds(db, service, deps({ limits: { maxItems: 3 } }));
    expect(rest.feeds[0]?.result).toBe('1 new item');
    expect((await db.feeds.get(feed.id))?.etag).toBe('"ledger-1"');
  });

  it('runs from the feeds-poll alarm', async () => {
    clock = Date.now(); // the alarm's run takes the real clock (its retention too)
    await setFeedsEnabled(db, true);
    await addFeed(db, { url: BAYSIDE }, clock);
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(fetchMock as unknown as typeof fetch);
    try {
      registerFeeds(db, service);
      expect(await fakeBrowser.alarms.get(FEEDS_ALARM)).toMatchObject({ periodInMinutes: 15 });
      await fakeBrowser.alarms.onAlarm.trigger({ name: FEEDS_ALARM, scheduledTime: Date.now() });
      await runFeedsAlarm(db, service); // joins the alarm's run, or runs once more (nothing due)
      expect(requests.map((r) => r.url)).toEqual([BAYSIDE]);
      expect(await feedStubs()).toHaveLength(2);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('stubs', () => {
  it('link a feed item into the thread of a read story, stay under 2 KB, and a visit upgrades them in place', async () => {
    const corpus = corpusReadings().filter((c) => c.reading.article);
    for (const { reading } of corpus) await service.ingestArticle(reading.article!);
    const target = corpus[0]!.reading.article!;
    const read = (await db.stories
      .where('url')
      .equals(target.canonicalUrl || target.url)
      .first())!;

    // The same story, as another paper's feed item (title and summary only).
    const stub = await service.ingestStub({
      title: target.title,
      url: 'https://otherpaper.example/2025/story',
      publishedAt: target.publishedAt,
      summary: (target.description ?? target.text).slice(0, 300),
      source: 'feed',
      feedId: 7,
    });
    expect(stub?.created).toBe(true);
    expect(stub!.story.related.map((r) => r.storyId)).toContain(read.id);
    expect(stub!.story.threadId).toBe(read.threadId);
    // Known URL: nothing new.
    expect(await service.ingestStub({ ...stub!.story, summary: null, source: 'feed' })).toBeNull();

    // Every stub, after the reciprocal links of other stories, stays small.
    const items = corpus.slice(1, 6).map((c, i) => ({
      title: c.reading.article!.title,
      url: `https://feeds.example/${i}`,
      publishedAt: c.reading.article!.publishedAt,
      summary: c.reading.article!.text.slice(0, 300),
      source: 'feed' as const,
    }));
    // The longest a feed item gets: a 300-character title and summary (core/feeds/parse.ts cuts both).
    items.push({
      ...items[0]!,
      url: 'https://feeds.example/long',
      title: `${target.title} `.repeat(6).slice(0, 300),
      summary: target.text.slice(0, 300),
    });
    for (const item of items) await service.ingestStub(item);
    const sizes: number[] = [];
    for (const s of await feedStubs()) {
      sizes.push(new TextEncoder().encode(JSON.stringify(s)).length);
      expect(sizes.at(-1), s.title).toBeLessThanOrEqual(2048);
      expect(s.related.length).toBeLessThanOrEqual(3);
    }
    console.info(`stub sizes (bytes of JSON): ${sizes.join(', ')}`);

    // The reader opens the stub's URL: same row, full text, a visit.
    clock += 60_000;
    const opened = await service.ingestArticle({
      ...target,
      url: stub!.story.url,
      canonicalUrl: stub!.story.url,
    });
    expect(opened.story.id).toBe(stub!.story.id);
    expect(opened.created).toBe(false);
    expect(opened.story).toMatchObject({ source: 'visit', visits: 1, text: target.text, firstSeenTs: clock });
    expect(opened.story.revisions).toBeUndefined();
    expect(opened.story.prevSeenTs).toBeUndefined();
    expect(opened.story.feedId).toBeUndefined();
    expect(await db.stories.where('url').equals(stub!.story.url).count()).toBe(1);
  });

  it('are made from the headlines seen on pages, each once, in bounded batches', async () => {
    const teasers = Array.from({ length: 5 }, (_, i) => ({
      title: `Harbour wall repairs begin in week ${i + 1}`,
      url: `https://news.example/harbour/${i}`,
    }));
    await service.storeTeasers(teasers, { url: 'https://news.example/front', storyId: null });
    const first = await stubsFromTeasers(db, service, 3);
    expect(first.stories).toHaveLength(3);
    expect(first.more).toBe(true);
    const second = await stubsFromTeasers(db, service, 3);
    expect(second.stories).toHaveLength(2);
    expect(second.more).toBe(false);
    expect((await stubsFromTeasers(db, service, 3)).stories).toHaveLength(0);
    const stubs = (await db.stories.toArray()).filter((s) => s.source === 'teaser');
    expect(stubs.map((s) => s.url).sort()).toEqual(teasers.map((t) => t.url).sort());
    expect(await db.teasers.count()).toBe(5); // the headlines themselves stay as they were
  });
});

describe('stubs in an export file', () => {
  it('are exported and imported back as stubs', async () => {
    await service.ingestStub({
      title: 'Harbour wall repairs begin',
      url: 'https://news.example/harbour',
      publishedAt: '2025-06-30',
      summary: 'Engineers began repairs to the harbour wall.',
      source: 'feed',
    });
    registerHandlers(db, service);
    const file = await sendMessage('exportData', {});
    const other = new BackstoryDB(`feeds-import-${Math.random()}`);
    const otherService = createStoryService(other, { analyze: analyzeArticle });
    fakeBrowser.reset();
    registerHandlers(other, otherService);
    const summary = await sendMessage('importData', { text: JSON.stringify(file) });
    expect(summary.stories.added).toBe(1);
    expect((await other.stories.toArray()).map((s) => [s.source, s.text])).toEqual([['feed', '']]);
  });
});

describe('following a thread', () => {
  it('groups new stories into one notification per thread per hour, and shows them on the badge', async () => {
    await followThread(db, 'th-1', 'Harbour wall', clock);
    const story = (id: number) => ({ id, threadId: 'th-1' });
    const titles = ['One', 'Two', 'Three', 'Four'];
    for (const [i, title] of titles.entries()) {
      await db.stories.add({
        id: i + 1,
        title,
        url: `https://x.example/${i}`,
        threadId: 'th-1',
        publishedTs: i,
      } as StoryRecord);
    }
    expect(
      await noteNewStories(db, [story(1), story(2), story(3), { id: 9, threadId: 'th-other' }], clock),
    ).toBe(1);
    let all = await fakeBrowser.notifications.getAll();
    expect(Object.values(all).map((n) => (n as { message: string }).message)).toEqual([
      '3 new stories in “Harbour wall”',
    ]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('3');

    // Within the hour: held back, counted on the badge.
    clock += 10 * 60_000;
    expect(await noteNewStories(db, [story(4)], clock)).toBe(0);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('4');
    expect((await db.follows.get('th-1'))?.pending).toEqual([4]);

    // An hour after the last one: told.
    clock += NOTIFY_EVERY_MS;
    const run = await runFeedsAlarm(db, service, deps());
    expect(run.notifications).toBe(1);
    all = await fakeBrowser.notifications.getAll();
    expect(Object.values(all).map((n) => (n as { message: string }).message)).toEqual([
      'New in “Harbour wall”: Four',
    ]);

    // Looking at the thread clears the badge; unfollowing stops everything.
    registerHandlers(db, service);
    expect(await sendMessage('getFollow', { threadId: 'th-1' })).toEqual({ following: true });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    await sendMessage('unfollowThread', { threadId: 'th-1' });
    expect(await noteNewStories(db, [story(1)], clock + 2 * NOTIFY_EVERY_MS)).toBe(0);
  });
});

describe('feed messages', () => {
  it('add, list, remove, import and export OPML, and switch feeds on', async () => {
    registerHandlers(db, service);
    expect(await sendMessage('listFeeds', {})).toEqual({ enabled: false, feeds: [] });
    const { feed, added } = await sendMessage('addFeed', { url: `${LEDGER}#top` });
    expect(added).toBe(true);
    expect(feed).toMatchObject({ url: LEDGER, title: 'dailyledger.example', lastResult: 'not fetched yet' });
    expect((await sendMessage('addFeed', { url: LEDGER })).added).toBe(false);
    await expect(sendMessage('addFeed', { url: 'javascript:alert(1)' })).rejects.toThrow(/http/);

    const imported = await sendMessage('importOpml', {
      text: readFileSync(`${FIX}/subscriptions.opml`, 'utf8'),
    });
    expect(imported).toMatchObject({ added: 4, known: 0 });
    const text = (await sendMessage('exportOpml', {})).text;
    expect(text).toContain('xmlUrl="https://harbourcourier.example/feed.xml"');
    expect(text).toContain(`xmlUrl="${LEDGER}"`);

    expect(await sendMessage('removeFeed', { id: feed.id })).toEqual({ removed: true });
    expect((await sendMessage('listFeeds', {})).feeds).toHaveLength(4);
    await sendMessage('setFeedsEnabled', { enabled: true });
    expect((await sendMessage('listFeeds', {})).enabled).toBe(true);
    await expect(sendMessage('removeFeed', { id: -1 } as never)).rejects.toThrow(/invalid message/);
    expect(browser.runtime.id).toBeTruthy();
  });
});
