/**
 * Feed discovery, backfill on demand and the badge of followed news, in the background on WXT's fake browser and
 * fake-indexeddb, through the message protocol: an article's feed links are found when its captured HTML is
 * read and kept with the tab, a non-article page's are read in the tab (scripting, as under activeTab), a
 * followed feed is no longer offered and nothing is fetched by following. "Find more coverage" fetches nothing
 * when off or without the browser's permission, sends the story's query, and stores the answer's items as
 * stubs linked to the story. Followed news shows on article tabs' badges and goes once seen.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backfillQuery } from '@/core/feeds/backfill';
import { analyzeArticle } from '@/core/nlp/analyze';
import { createHandlers, registerHandlers } from '@/lib/background/handlers';
import { BackstoryDB, type StoryRecord } from '@/lib/db/schema';
import { BACKFILL_ENABLED_KEY } from '@/lib/feeds/backfill';
import { followThread, noteNewStories } from '@/lib/feeds/follows';
import { feedsEnabled } from '@/lib/feeds/settings';
import { sendMessage } from '@/lib/messaging';
import { createStoryService, type StoryService } from '@/lib/story-service';
import { SEED_FILE } from '../../scripts/lib/serve';
import { corpusReadings, ORIGIN } from './helpers';

let db: BackstoryDB;
let service: StoryService;
let handlers: ReturnType<typeof createHandlers>;
let contains: ReturnType<typeof vi.fn>;
const fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>();

const SEED_URL = `${ORIGIN}/world/trump-north-korea-conflict-solved`;
const SEARCH = 'http://127.0.0.1:9/news?format=rss&q={query}&setlang={lang}';

beforeEach(() => {
  fakeBrowser.reset();
  db = new BackstoryDB(`discovery-${Math.random()}`);
  service = createStoryService(db, { analyze: analyzeArticle });
  handlers = createHandlers(db, service);
  registerHandlers(db, service);
  contains = vi.fn(async () => true);
  (fakeBrowser as unknown as { permissions: unknown }).permissions = { contains };
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function openTab(url: string): Promise<number> {
  return (await fakeBrowser.tabs.create({ url })).id!;
}

/** The seed article, read from its captured HTML as the content script sends it. */
async function readSeed(): Promise<{ tabId: number; storyId: number }> {
  const tabId = await openTab(SEED_URL);
  const { storyId } = await handlers.pageCaptured(
    { url: SEED_URL, html: readFileSync(SEED_FILE, 'utf8') },
    { tabId },
  );
  return { tabId, storyId: storyId! };
}

/** Runs the injected function against `html` as the page at `url`, as the browser would in the tab. */
function scriptTab(html: string, url: string) {
  return vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (injection: {
    func: (...args: unknown[]) => unknown;
    args?: unknown[];
  }) => {
    vi.stubGlobal('document', parseHTML(html).document);
    vi.stubGlobal('location', { href: url });
    try {
      return [{ frameId: 0, result: injection.func(...(injection.args ?? [])) }];
    } finally {
      vi.unstubAllGlobals();
      vi.stubGlobal('fetch', fetchMock);
    }
  }) as never);
}

describe('feed discovery', () => {
  it("keeps an article's feed links with its tab and offers those not followed yet; following fetches nothing", async () => {
    const { tabId } = await readSeed();
    expect((await db.tabs.get(tabId))?.feeds).toEqual([
      { url: `${ORIGIN}/feeds/world.xml`, title: 'World news', type: 'rss' },
    ]);
    const exec = vi.spyOn(fakeBrowser.scripting, 'executeScript');
    expect(await sendMessage('getPageFeeds', { tabId })).toEqual({
      feeds: [{ url: `${ORIGIN}/feeds/world.xml`, title: 'World news', type: 'rss', site: '127.0.0.1' }],
    });
    expect(exec).not.toHaveBeenCalled(); // an article's feeds come from its captured HTML

    expect(await feedsEnabled(db)).toBe(false);
    const followed = await sendMessage('followPageFeed', {
      url: `${ORIGIN}/feeds/world.xml`,
      title: 'World news',
      siteUrl: ORIGIN,
    });
    expect(followed).toMatchObject({
      added: true,
      feedsTurnedOn: true,
      feed: { title: 'World news', siteUrl: ORIGIN },
    });
    expect(await feedsEnabled(db)).toBe(true);
    expect(await sendMessage('getPageFeeds', { tabId })).toEqual({ feeds: [] });
    expect(fetchMock).not.toHaveBeenCalled();
    // Again: known, nothing added twice.
    expect(await sendMessage('followPageFeed', { url: `${ORIGIN}/feeds/world.xml` })).toMatchObject({
      added: false,
      feedsTurnedOn: false,
    });
    expect(await db.feeds.count()).toBe(1);
  });

  it("reads a non-article page's feed links in the tab (the popup's activeTab), links only", async () => {
    const url = `${ORIGIN}/world/`;
    const tabId = await openTab(url);
    const exec = scriptTab(
      `<html><head><base href="/world/sections/">
        <link rel="alternate" type="application/atom+xml" title="Front page" href="front.atom">
        <link rel="alternate" type="application/rss+xml" title="Comments" href="/comments/feed">
        <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
        <link rel="stylesheet" type="text/css" href="/site.css"></head><body></body></html>`,
      url,
    );
    expect((await sendMessage('getPageFeeds', { tabId })).feeds).toEqual([
      { url: `${ORIGIN}/world/sections/front.atom`, title: 'Front page', type: 'atom', site: '127.0.0.1' },
      { url: `${ORIGIN}/comments/feed`, title: 'Comments', type: 'rss', site: '127.0.0.1' },
    ]);
    expect(exec).toHaveBeenCalledOnce();
  });

  it('offers nothing where the tab cannot be asked, on another page than the one read, or on a paused site', async () => {
    const url = `${ORIGIN}/world/`;
    const tabId = await openTab(url);
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockRejectedValue(new Error('Cannot access contents'));
    expect(await sendMessage('getPageFeeds', { tabId })).toEqual({ feeds: [] });
    vi.restoreAllMocks();

    scriptTab('<link rel="alternate" type="application/rss+xml" href="/feed">', `${ORIGIN}/elsewhere`);
    expect(await sendMessage('getPageFeeds', { tabId })).toEqual({ feeds: [] });

    const seed = await readSeed();
    await sendMessage('setSitePaused', { site: '127.0.0.1', paused: true });
    expect(await sendMessage('getPageFeeds', { tabId: seed.tabId })).toEqual({ feeds: [] });
  });
});

const escapeXml = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A search answer written for the test: one item on the story (through a click redirect), one unrelated. */
function searchAnswer(seed: StoryRecord): string {
  const onStory = 'https://eastwire.example/asia/2018/summit-talks';
  const redirect = `http://127.0.0.1:9/news/apiclick.aspx?tid=1&url=${encodeURIComponent(onStory)}`;
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Search</title>
    <item><title>${escapeXml(seed.title)}</title><link>${escapeXml(redirect)}</link>
      <description>${escapeXml(seed.description ?? seed.text.slice(0, 300))}</description>
      <pubDate>${new Date(seed.publishedTs + 7_200_000).toUTCString()}</pubDate></item>
    <item><title>Allotment society wins the county marrow show for a third year</title>
      <link>https://valeherald.example/life/marrows</link>
      <description>Gardeners in the valley weighed the winning marrow at the village hall.</description></item>
    <item><title>${escapeXml(seed.title)}</title><link>${escapeXml(seed.url)}</link></item>
  </channel></rss>`;
}

describe('backfill on demand', () => {
  it('fetches nothing while it is off, or while the browser has not granted the provider', async () => {
    const { storyId } = await readSeed();
    await expect(sendMessage('findMoreCoverage', { storyId })).rejects.toThrow(/off/);
    expect(await sendMessage('getBackfillSettings', {})).toMatchObject({
      enabled: false,
      origin: 'https://www.bing.com/*',
      custom: false,
    });

    await sendMessage('setBackfillSettings', { enabled: true });
    contains.mockResolvedValue(false);
    await expect(sendMessage('findMoreCoverage', { storyId })).rejects.toThrow(
      'The browser has not allowed www.bing.com, so nothing was sent.',
    );
    expect(contains).toHaveBeenCalledWith({ origins: ['https://www.bing.com/*'] });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('sends the query built from the story, stores the items as stubs linked to it, each once', async () => {
    const { storyId } = await readSeed();
    const seed = (await db.stories.get(storyId))!;
    await expect(
      sendMessage('setBackfillSettings', { enabled: true, urlTemplate: 'javascript:{query}' }),
    ).rejects.toThrow(/urlTemplate/);
    expect(await sendMessage('setBackfillSettings', { enabled: true, urlTemplate: SEARCH })).toMatchObject({
      enabled: true,
      origin: 'http://127.0.0.1:9/*',
      custom: true,
    });
    fetchMock.mockImplementation(
      async () => new Response(searchAnswer(seed), { headers: { 'content-type': 'application/rss+xml' } }),
    );

    const result = await sendMessage('findMoreCoverage', { storyId });
    expect(fetchMock).toHaveBeenCalledOnce();
    const [url, init] = fetchMock.mock.calls[0]!;
    const sent = new URL(url);
    const expected = backfillQuery(seed);
    expect(expected.query).not.toBe('');
    expect(sent.searchParams.get('q')).toBe(expected.query);
    expect(sent.searchParams.get('setlang')).toBe(expected.lang);
    expect([...sent.searchParams.keys()]).toEqual(['format', 'q', 'setlang']);
    expect(init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer' });
    expect(result).toMatchObject({ query: expected.query, found: 3, added: 2 });
    expect(result.linked).toBeGreaterThanOrEqual(1);

    const stubs = (await db.stories.toArray()).filter((s) => s.source === 'feed');
    const onStory = stubs.find((s) => s.url === 'https://eastwire.example/asia/2018/summit-talks');
    expect(onStory).toMatchObject({ text: '', publisher: 'eastwire.example' });
    expect(stubs.map((s) => s.url)).toContain('https://valeherald.example/life/marrows');
    // Linked like other feed items: the story lists the stub among its related stories.
    const after = (await db.stories.get(storyId))!;
    expect(after.related.map((r) => r.storyId)).toContain(onStory!.id);
    expect(after.related.map((r) => r.storyId)).not.toContain(
      stubs.find((s) => s.url.includes('marrows'))!.id,
    );

    // Asked again: the same items are not stored twice.
    expect(await sendMessage('findMoreCoverage', { storyId })).toMatchObject({
      found: 3,
      added: 0,
      linked: 0,
    });
    expect((await db.stories.toArray()).filter((s) => s.source === 'feed')).toHaveLength(2);
  });

  it('says what went wrong when the provider fails, and stores nothing', async () => {
    const { storyId } = await readSeed();
    await db.settings.put({ key: BACKFILL_ENABLED_KEY, value: true });
    fetchMock.mockResolvedValue(new Response('busy', { status: 503, statusText: 'Service Unavailable' }));
    await expect(sendMessage('findMoreCoverage', { storyId })).rejects.toThrow(
      'The search at www.bing.com failed: the server answered 503 Service Unavailable',
    );
    fetchMock.mockResolvedValue(new Response('<html><body>Not a feed</body></html>'));
    await expect(sendMessage('findMoreCoverage', { storyId })).rejects.toThrow(/failed/);
    expect((await db.stories.toArray()).filter((s) => s.source === 'feed')).toHaveLength(0);
  });
});

describe('the badge of followed news', () => {
  it('shows new stories of followed threads on article tabs too, and gives the tab its count back once seen', async () => {
    for (const { kind, reading } of corpusReadings()) {
      if (kind === 'article' && reading.article) await service.ingestArticle(reading.article);
    }
    const setText = vi.spyOn(fakeBrowser.action, 'setBadgeText');
    const { tabId, storyId } = await readSeed();
    const seed = (await db.stories.get(storyId))!;
    const related = seed.related.length;
    expect(related).toBeGreaterThan(0);
    expect(await fakeBrowser.action.getBadgeText({ tabId })).toBe(String(related));

    await followThread(db, 'th-elsewhere', 'Harbour wall');
    await db.stories.put({ ...seed, id: 9_000, url: 'https://x.example/new', threadId: 'th-elsewhere' });
    await noteNewStories(db, [{ id: 9_000, threadId: 'th-elsewhere' }]);
    // The article tab has no badge of its own any more: it shows the global one, the followed news.
    expect(setText).toHaveBeenLastCalledWith({ tabId, text: null });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    expect(await fakeBrowser.action.getTitle({ tabId })).toBe(
      `Backstory · 1 new in stories you follow · related stories: ${related}`,
    );

    // A page read meanwhile keeps it that way.
    await handlers.pageCaptured({ url: SEED_URL, html: readFileSync(SEED_FILE, 'utf8') }, { tabId });
    expect(setText).toHaveBeenLastCalledWith({ tabId, text: null });

    // The reader looks at that thread: the news are seen, the tab shows its related count again.
    expect(await sendMessage('getFollow', { threadId: 'th-elsewhere' })).toEqual({ following: true });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(await fakeBrowser.action.getBadgeText({ tabId })).toBe(String(related));
    expect(await fakeBrowser.action.getTitle({ tabId })).toBe(`Backstory · related stories: ${related}`);
  });
});
