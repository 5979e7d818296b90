import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { analyzeArticle } from '@/core/nlp/analyze';
import { createHandlers, registerHandlers } from '@/lib/background/handlers';
import { BackstoryDB } from '@/lib/db/schema';
import { ProtocolError, sendMessage } from '@/lib/messaging';
import { createStoryService } from '@/lib/story-service';
import { corpusReadings, ORIGIN, seedReading } from './helpers';

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

  it('tells the reader to reload a page it has not read', async () => {
    const tabId = await openTab(`${ORIGIN}/unread`);
    const view = await sendMessage('getTabView', { tabId });
    expect(view).toMatchObject({ state: 'error', message: expect.stringMatching(/Reload/) });
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
