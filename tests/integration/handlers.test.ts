import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TabView } from '@/core/model';
import { analyzeArticle } from '@/core/nlp/analyze';
import { createHandlers, registerHandlers } from '@/lib/background/handlers';
import { badgesEnabled, setBadgesEnabled } from '@/lib/badges/setting';
import { BackstoryDB } from '@/lib/db/schema';
import { type Handlers, type MessageType, onMessage, ProtocolError, sendMessage } from '@/lib/messaging';
import { createStoryService } from '@/lib/story-service';
import { rememberedViews, rememberView } from '@/lib/view-cache';
import { corpusReadings, extractedArticle, ORIGIN, seedReading } from './helpers';

let db: BackstoryDB;
let handlers: ReturnType<typeof createHandlers>;

beforeEach(() => {
  fakeBrowser.reset();
  db = new BackstoryDB(`test-${Math.random()}`);
  const service = createStoryService(db, { analyze: analyzeArticle });
  handlers = createHandlers(db, service);
  registerHandlers(db, service);
});

async function openTab(url: string): Promise<number> {
  const tab = await fakeBrowser.tabs.create({ url });
  return tab.id!;
}

describe('background handlers (WXT fake browser)', () => {
  it('reads a tab: analysing → ready, with context, through the message protocol', async () => {
    for (const { reading } of corpusReadings()) {
      const tabId = await openTab(reading.url);
      await handlers.pageRead(reading, { tabId });
    }
    const seed = seedReading();
    const tabId = await openTab(seed.url);
    const result = await handlers.pageRead(seed, { tabId });
    expect(result.storyId).toBeTypeOf('number');
    expect(result.related).toBeGreaterThan(0);

    const view = await sendMessage('getTabView', { tabId });
    expect(view.state).toBe('ready');
    if (view.state !== 'ready') return;
    expect(view.context.story.title).toMatch(/Get the Conflict Solved/);
    expect(view.context.related.length).toBe(result.related);
  });

  it('keeps the tab state in IndexedDB, so a restarted worker still answers', async () => {
    const seed = seedReading();
    const tabId = await openTab(seed.url);
    await handlers.pageRead(seed, { tabId });
    // A new worker: new service, new handlers, same database.
    const restarted = createHandlers(
      new BackstoryDB(db.name),
      createStoryService(db, { analyze: analyzeArticle }),
    );
    expect((await restarted.getTabView({ tabId }, {})).state).toBe('ready');
  });

  it.each([
    ['a non-article page', `${ORIGIN}/library/hours`, 'not-article'],
    ['a browser page', 'chrome://extensions/', 'unsupported'],
  ])('shows %s as %s', async (_name, url, state) => {
    const tabId = await openTab(url);
    if (url.startsWith('http')) {
      await handlers.pageRead({ url, isArticle: false, signals: [], article: null, teasers: [] }, { tabId });
    }
    expect((await sendMessage('getTabView', { tabId })).state).toBe(state);
  });

  it('shows a page with no record and no content script to ask as unread', async () => {
    const tabId = await openTab(`${ORIGIN}/unread`);
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockRejectedValue(
      new Error('Cannot access contents of the page.'),
    );
    expect(await sendMessage('getTabView', { tabId })).toEqual({ state: 'unread', url: `${ORIGIN}/unread` });
  });

  it.each([
    ['not an article, remembered for the tab', false, 'not-article'],
    ['an article on its way to the background', true, 'analysing'],
  ] as const)(
    'asks the content script about a page it has no record of: %s',
    async (_name, isArticle, state) => {
      const url = `${ORIGIN}/asked-${isArticle}`;
      const tabId = await openTab(url);
      vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue([
        { frameId: 0, result: { url, isArticle, signals: [] } },
      ] as never);
      expect((await sendMessage('getTabView', { tabId })).state).toBe(state);
      vi.mocked(fakeBrowser.scripting.executeScript).mockRestore();
      // A page that is not an article is remembered: the next ask needs no script.
      if (!isArticle) expect((await sendMessage('getTabView', { tabId })).state).toBe('not-article');
    },
  );

  it.each([
    ['a closed tab', 'gone', 'error'],
    ['a browser page', 'chrome://settings/', 'unsupported'],
  ] as const)(
    'answers for %s from the browser alone when the database fails, with no stray rejection',
    async (_name, url, state) => {
      const tabId = url === 'gone' ? 987_654 : await openTab(url);
      const failed = new Error('database unavailable');
      vi.spyOn(db.tabs, 'get').mockRejectedValue(failed);
      vi.spyOn(db.settings, 'get').mockRejectedValue(failed);
      const unhandled = vi.fn();
      process.on('unhandledRejection', unhandled);
      try {
        expect((await sendMessage('getTabView', { tabId })).state).toBe(state);
        await new Promise((r) => setTimeout(r, 10));
        expect(unhandled).not.toHaveBeenCalled();
      } finally {
        process.off('unhandledRejection', unhandled);
        vi.restoreAllMocks();
      }
    },
  );

  it("remembers a read article's view for the popup's first paint, and nothing for a page that is not one", async () => {
    const seed = seedReading();
    const tabId = await openTab(seed.url);
    const other = await openTab(`${ORIGIN}/library/hours`);
    expect(await rememberedViews()).toEqual([]);
    await handlers.pageRead(seed, { tabId });
    await handlers.pageRead(
      { url: `${ORIGIN}/library/hours`, isArticle: false, signals: [], article: null, teasers: [] },
      { tabId: other },
    );
    const remembered = await rememberedViews();
    expect(remembered.map((e) => e.tabId)).toEqual([tabId]);
    // The same view the worker gives the popup when it is asked.
    expect(remembered[0]!.view).toEqual(await sendMessage('getTabView', { tabId }));
    expect(remembered[0]!.view.state).toBe('ready');
  });

  it('reads the tab record and the paused sites while the browser answers about the tab', async () => {
    const tabId = await openTab(`${ORIGIN}/order`);
    const order: string[] = [];
    const tabsGet = fakeBrowser.tabs.get.bind(fakeBrowser.tabs);
    vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(async (id) => {
      order.push('browser');
      return tabsGet(id);
    });
    const recordGet = db.tabs.get.bind(db.tabs);
    vi.spyOn(db.tabs, 'get').mockImplementation(((key: number) => {
      order.push('record');
      return recordGet(key);
    }) as typeof db.tabs.get);
    await db.tabs.put({ tabId, url: `${ORIGIN}/order`, view: 'not-article', storyId: null, updatedTs: 1 });
    expect((await sendMessage('getTabView', { tabId })).state).toBe('not-article');
    expect(order.slice(0, 2)).toEqual(['record', 'browser']);
    vi.restoreAllMocks();
  });

  it('rejects a reading that is not of a web page with a clear error', async () => {
    await expect(
      sendMessage('pageRead', {
        url: 'javascript:alert(1)',
        isArticle: false,
        signals: [],
        article: null,
        teasers: [],
      }),
    ).rejects.toThrow(ProtocolError);
  });

  it('exports and clears through messages', async () => {
    const seed = seedReading();
    await handlers.pageRead(seed, { tabId: await openTab(seed.url) });
    expect(await sendMessage('getStats', {})).toEqual({ stories: 1, teasers: 17 });
    const file = await sendMessage('exportData', {});
    expect(file.stories.map((s) => s.url)).toEqual([
      'https://news.example/world/trump-north-korea-conflict-solved',
    ]);
    expect(await sendMessage('clearData', {})).toEqual({ cleared: 1 });
    expect(await sendMessage('getStats', {})).toEqual({ stories: 0, teasers: 0 });
  });
});

describe('clearData: the reader wipes everything', () => {
  it('leaves every table of the schema empty, and the remembered views and the badges switch gone', async () => {
    for (const { reading } of corpusReadings())
      await handlers.pageRead(reading, { tabId: await openTab(reading.url) });
    await db.feeds.add({
      url: 'https://news.example/feed.xml',
      title: 'News',
      intervalMin: 60,
      nextFetchTs: 1,
      errorCount: 0,
      addedTs: 1,
    });
    const threadId = (await db.stories.toCollection().first())!.threadId;
    await db.follows.add({ threadId, title: 'A story', followedTs: 1, lastNotifiedTs: 1 });
    await db.cards.add({
      key: 'en:person:kim jong un',
      lang: 'en',
      entityKey: 'person:kim jong un',
      title: 'Kim Jong Un',
      summary: 'A summary.',
      url: 'https://en.wikipedia.org/wiki/Kim_Jong_Un',
      fetchedTs: 1,
      expiresTs: 2,
    });
    // A postings record is kept only for a key of many stories (lib/db/postings.ts): one is written here.
    await db.postings.put({ key: 't|korea', ids: Uint32Array.of(1) });
    await sendMessage('setSitePaused', { site: 'example.org', paused: true });
    await setBadgesEnabled(true);
    await rememberView(1, {
      state: 'ready',
      url: 'https://news.example/a',
      context: {},
    } as unknown as TabView);
    // Every table the schema declares holds something, so the wipe below is shown on each of them.
    const before = Object.fromEntries(
      await Promise.all(db.tables.map(async (t) => [t.name, await t.count()])),
    );
    expect(db.tables.length).toBeGreaterThanOrEqual(10);
    // The one above and those of the articles just read (as many as are kept).
    expect((await rememberedViews()).length).toBeGreaterThan(1);
    expect(await badgesEnabled()).toBe(true);
    for (const [name, n] of Object.entries(before)) expect(n, name).toBeGreaterThan(0);

    const { cleared } = await sendMessage('clearData', {});
    expect(cleared).toBe(before.stories);
    for (const t of db.tables) expect(await t.count(), t.name).toBe(0);
    expect(await badgesEnabled()).toBe(false);
    expect(await rememberedViews()).toEqual([]);
  });
});

describe('pageCaptured: the article page read in the background from its HTML', () => {
  it('reads, stores and links a captured page, the same as the CLI reads it', async () => {
    const { readFileSync } = await import('node:fs');
    const { SEED_FILE } = await import('../../scripts/lib/serve');
    const url = `${ORIGIN}/world/trump-north-korea-conflict-solved`;
    const tabId = await openTab(url);
    const result = await handlers.pageCaptured({ url, html: readFileSync(SEED_FILE, 'utf8') }, { tabId });
    expect(result.storyId).toBeTypeOf('number');
    const view = await sendMessage('getTabView', { tabId });
    expect(view.state).toBe('ready');
    if (view.state === 'ready') expect(view.context.story.publisher).toBe('The Daily Ledger');
    expect(await db.teasers.count()).toBe(17);
  });

  it('puts a page sent in parts together, through the message protocol, and reads it as one', async () => {
    const { readFileSync } = await import('node:fs');
    const { SEED_FILE } = await import('../../scripts/lib/serve');
    const url = `${ORIGIN}/world/trump-north-korea-conflict-solved`;
    const html = readFileSync(SEED_FILE, 'utf8');
    const tabId = await openTab(url);
    const size = Math.ceil(html.length / 3);
    const parts = [0, 1, 2].map((index) => ({
      url,
      upload: 'k1-abc',
      index,
      last: index === 2,
      html: html.slice(index * size, (index + 1) * size),
    }));
    // The middle part last: the background does not rely on their order.
    expect(await handlers.pageCapturedPart(parts[0]!, { tabId })).toEqual({ received: 1 });
    expect(await handlers.pageCapturedPart(parts[2]!, { tabId })).toEqual({ received: 2 });
    expect(await db.stories.count()).toBe(0);
    const result = await handlers.pageCapturedPart(parts[1]!, { tabId });
    expect(result).toMatchObject({ storyId: expect.any(Number) });
    const view = await sendMessage('getTabView', { tabId });
    expect(view.state).toBe('ready');
    if (view.state === 'ready') expect(view.context.story.publisher).toBe('The Daily Ledger');
    expect(await db.teasers.count()).toBe(17);
    // A part sent twice ends its upload with an error; nothing is stored from it.
    await handlers.pageCapturedPart({ ...parts[0]!, upload: 'k2' }, { tabId });
    await expect(handlers.pageCapturedPart({ ...parts[0]!, upload: 'k2' }, { tabId })).rejects.toThrow(
      /twice/,
    );
    expect(await db.stories.count()).toBe(1);
  });

  it.each([
    ['a non-web URL', { url: 'file:///etc/passwd', html: '<p>x</p>' }],
    ['no HTML', { url: `${ORIGIN}/a`, html: 42 }],
    ['an oversized page', { url: `${ORIGIN}/a`, html: 'x'.repeat(5_000_001) }],
  ])('refuses %s with a clear error and stores nothing', async (_name, data) => {
    await expect(sendMessage('pageCaptured', data as { url: string; html: string })).rejects.toThrow(
      /pageCaptured/,
    );
    expect(await db.stories.count()).toBe(0);
  });
});

describe('tab records', () => {
  it('are forgotten when the tab closes and when the browser starts again', async () => {
    const seed = seedReading();
    const a = await openTab(seed.url);
    const b = await openTab(`${ORIGIN}/library/hours`);
    await handlers.pageRead(seed, { tabId: a });
    await handlers.pageRead(
      { url: `${ORIGIN}/library/hours`, isArticle: false, signals: [], article: null, teasers: [] },
      { tabId: b },
    );
    expect(await db.tabs.count()).toBe(2);
    await fakeBrowser.tabs.onRemoved.trigger(a, { windowId: 1, isWindowClosing: false });
    await vi.waitFor(async () => expect(await db.tabs.get(a)).toBeUndefined());
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(async () => expect(await db.tabs.count()).toBe(0));
    // The story itself stays: only what a tab showed is forgotten.
    expect(await db.stories.count()).toBe(1);
  });
});

describe('message validation: every payload is checked against its schema before its handler runs', () => {
  let spied: Record<string, ReturnType<typeof vi.fn>>;

  beforeEach(() => {
    fakeBrowser.reset();
    const real = createHandlers(db, createStoryService(db, { analyze: analyzeArticle }));
    spied = Object.fromEntries(
      Object.entries(real).map(([type, handler]) => [
        type,
        vi.fn(handler as (...args: unknown[]) => unknown),
      ]),
    );
    onMessage(spied as unknown as Handlers);
  });

  const web = `${ORIGIN}/a`;
  const reading = { url: web, isArticle: false, signals: [], article: null, teasers: [] };
  const article = extractedArticle({ url: web, title: 'A title', text: 'Some text.' });
  const teaser = { title: 'Another story', url: `${ORIGIN}/b` };
  const invalid: [MessageType, string, unknown][] = [
    ['pageRead', 'no payload', undefined],
    ['pageRead', 'null', null],
    ['pageRead', 'an array', [reading]],
    ['pageRead', 'no URL', { ...reading, url: undefined }],
    ['pageRead', 'a javascript: URL', { ...reading, url: 'javascript:alert(1)' }],
    ['pageRead', 'a relative URL', { ...reading, url: '/a' }],
    ['pageRead', 'isArticle as a string', { ...reading, isArticle: 'yes' }],
    ['pageRead', 'signals that are not a list', { ...reading, signals: 'jsonld' }],
    [
      'pageRead',
      'an article without text',
      { ...reading, isArticle: true, article: { ...article, text: undefined } },
    ],
    [
      'pageRead',
      'an article with a numeric title',
      { ...reading, isArticle: true, article: { ...article, title: 7 } },
    ],
    [
      'pageRead',
      'an article with a data: image',
      { ...reading, isArticle: true, article: { ...article, image: 'data:,' } },
    ],
    [
      'pageRead',
      'a teaser with a javascript: URL',
      { ...reading, teasers: [{ ...teaser, url: 'javascript:void 0' }] },
    ],
    ['pageRead', 'a teaser without a title', { ...reading, teasers: [{ url: teaser.url }] }],
    ['getTabView', 'a tab id that is a string', { tabId: '3' }],
    ['getTabView', 'a negative tab id', { tabId: -1 }],
    ['getTabView', 'a fractional tab id', { tabId: 1.5 }],
    ['getTabView', 'no tab id', {}],
    ['search', 'a numeric query', { query: 5 }],
    ['search', 'no query', {}],
    ['pageCaptured', 'no HTML', { url: web }],
    ['pageCaptured', 'HTML as an object', { url: web, html: { toString: '<p>' } }],
    ['pageCaptured', 'a file: URL', { url: 'file:///etc/passwd', html: '<p>x</p>' }],
    ['pageCapturedPart', 'no upload id', { url: web, index: 0, last: true, html: '<p>' }],
    [
      'pageCapturedPart',
      'an upload id with markup',
      { url: web, upload: '<b>', index: 0, last: true, html: '' },
    ],
    ['pageCapturedPart', 'a negative index', { url: web, upload: 'u', index: -1, last: true, html: '' }],
    [
      'pageCapturedPart',
      'an index past the limit',
      { url: web, upload: 'u', index: 40, last: true, html: '' },
    ],
    ['pageCapturedPart', 'last as a string', { url: web, upload: 'u', index: 0, last: 'yes', html: '' }],
    ['exportData', 'extra keys', { all: true }],
    ['exportData', 'null', null],
    ['clearData', 'extra keys', { confirm: 'yes' }],
    ['clearData', 'a string', 'now'],
    ['getStats', 'an array', []],
    ['importData', 'no text', {}],
    ['importData', 'the file as an object', { text: { format: 'backstory-export' } }],
  ];
  const big = (n: number) => 'x'.repeat(n);
  const oversized: [MessageType, string, unknown][] = [
    ['pageCaptured', 'HTML over 5,000,000 characters', { url: web, html: big(5_000_001) }],
    [
      'pageCapturedPart',
      'a part over 300,000 characters',
      { url: web, upload: 'u', index: 0, last: true, html: big(300_001) },
    ],
    [
      'pageRead',
      'article text over 5,000,000 characters',
      { ...reading, isArticle: true, article: { ...article, text: big(5_000_001) } },
    ],
    [
      'pageRead',
      'a title over 20,000 characters',
      { ...reading, isArticle: true, article: { ...article, title: big(20_001) } },
    ],
    [
      'pageRead',
      'a description over 100,000 characters',
      { ...reading, isArticle: true, article: { ...article, description: big(100_001) } },
    ],
    [
      'pageRead',
      'more than 200 authors',
      { ...reading, isArticle: true, article: { ...article, authors: Array(201).fill('A. Writer') } },
    ],
    [
      'pageRead',
      'more than 1,000 teasers',
      { ...reading, teasers: Array.from({ length: 1001 }, (_, i) => ({ ...teaser, url: `${web}/${i}` })) },
    ],
    ['pageRead', 'more than 200 signals', { ...reading, signals: Array(201).fill('og') }],
    ['pageRead', 'a URL over 65,536 characters', { ...reading, url: `${web}?q=${big(65_536)}` }],
    ['search', 'a query over 1,000 characters', { query: big(1001) }],
    ['importData', 'a file over 60,000,000 characters', { text: big(60_000_001) }],
  ];

  it.each([...invalid, ...oversized])('%s: refuses %s; the handler never runs', async (type, _name, data) => {
    const reply = await fakeBrowser.runtime.sendMessage({ type, data });
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining(`${type}: invalid message: `) });
    await expect(sendMessage(type, data as never)).rejects.toThrow(ProtocolError);
    for (const handler of Object.values(spied)) expect(handler).not.toHaveBeenCalled();
    expect(await db.stories.count()).toBe(0);
    expect(await db.tabs.count()).toBe(0);
  });

  it('says what is wrong and where', async () => {
    await expect(
      sendMessage('pageRead', { ...reading, teasers: [teaser, { ...teaser, url: 'javascript:x' }] }),
    ).rejects.toThrow('pageRead: invalid message: teasers[1].url: not an http(s) URL');
    await expect(sendMessage('pageCaptured', { url: web, html: big(5_000_001) })).rejects.toThrow(
      'pageCaptured: invalid message: html: page too large (over 5,000,000 characters)',
    );
  });

  it('lets valid payloads through to their handler, at the limits', async () => {
    await sendMessage('pageRead', { ...reading, signals: Array(200).fill('og') });
    await sendMessage('search', { query: big(1000) });
    expect(await sendMessage('getStats', {})).toEqual({ stories: 0, teasers: 0 });
    expect(spied.pageRead).toHaveBeenCalledOnce();
    expect(spied.search).toHaveBeenCalledOnce();
    expect(spied.getStats).toHaveBeenCalledOnce();
  });

  it('ignores messages from other extensions, and unknown message types', async () => {
    const seed = seedReading();
    await handlers.pageRead(seed, {});
    const results = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'clearData', data: {} },
      { id: 'another-extension-id', url: 'chrome-extension://another-extension-id/page.html' },
    );
    expect(results.every((r) => r === undefined)).toBe(true);
    expect(spied.clearData).not.toHaveBeenCalled();
    const foreignRead = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'pageCaptured', data: { url: web, html: '<p>x</p>' } },
      { id: 'another-extension-id', tab: { id: 4 } } as never,
    );
    expect(foreignRead.every((r) => r === undefined)).toBe(true);
    expect(spied.pageCaptured).not.toHaveBeenCalled();
    expect(await db.stories.count()).toBe(1);
    // The same message from this extension is handled.
    const own = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'getStats', data: {} },
      { id: fakeBrowser.runtime.id },
    );
    expect(own.find(Boolean)).toEqual({ ok: true, value: { stories: 1, teasers: 17 } });
    // Not a message of the protocol at all: left to other listeners.
    expect(
      (await fakeBrowser.runtime.onMessage.trigger({ type: 'dropTables', data: {} }, {})).find(Boolean),
    ).toBe(undefined);
  });
});
