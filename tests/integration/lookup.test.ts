import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { analyzeArticle } from '@/core/nlp/analyze';
import { createHandlers, registerHandlers } from '@/lib/background/handlers';
import {
  LOOKUP_COMMAND,
  LOOKUP_MENU_ID,
  type LookupApis,
  lookup,
  registerLookup,
  startLookup,
  type TabLike,
} from '@/lib/background/lookup';
import { BackstoryDB } from '@/lib/db/schema';
import { createLookupSource } from '@/lib/lookup/client';
import { PENDING_LOOKUP_TTL_MS, setPendingLookup, takePendingLookup } from '@/lib/lookup/pending';
import { sendMessage } from '@/lib/messaging';
import { createStoryService } from '@/lib/story-service';
import { corpusReadings, seedReading } from './helpers';

const readings = [...corpusReadings().map((c) => c.reading), seedReading()];
let db: BackstoryDB;

/** The corpus and the seed, read once into a database that each test copies by name. */
let seededName: string;
beforeAll(async () => {
  seededName = `lookup-seeded-${Math.random()}`;
  const seeded = new BackstoryDB(seededName);
  const handlers = createHandlers(seeded, createStoryService(seeded, { analyze: analyzeArticle }));
  for (const reading of readings) await handlers.pageRead(reading, {});
  seeded.close();
});

beforeEach(() => {
  fakeBrowser.reset();
  db = new BackstoryDB(seededName);
  registerHandlers(db, createStoryService(db, { analyze: analyzeArticle }));
});

describe('the lookup message', () => {
  it('answers who Kim Jong Un is in the reader’s stories: roles, aliases, stories, a dated timeline', async () => {
    const result = await sendMessage('lookup', { query: 'Kim Jong Un' });
    const kim = result.entities.find((e) => e.key === 'person:kim jong un');
    expect(kim).toMatchObject({ name: expect.stringMatching(/Kim Jong/), type: 'person' });
    expect(kim!.count).toBeGreaterThanOrEqual(6);
    expect(kim!.roles).toContain('North Korean leader');
    expect(result.stories.length).toBeGreaterThanOrEqual(6);
    expect(result.stories.map((s) => s.title).join('\n')).toMatch(/Singapore Summit/);
    expect(result.stories.map((s) => s.title).join('\n')).not.toMatch(/ECB|Champions League|Manitoba/);
    // Newest first.
    const days = result.stories.map((s) => s.publishedAt?.slice(0, 10) ?? '');
    expect([...days].sort().reverse()).toEqual(days);
    expect(result.timeline.some((e) => e.kind === 'mention' && /2018/.test(e.date))).toBe(true);
    for (const entry of result.timeline) expect(entry.sources.length).toBeGreaterThan(0);
    expect(result.entities[0]!.card).toBeUndefined();
  });

  it('finds a place by a word of its name, and says nothing for an unknown phrase', async () => {
    const place = await sendMessage('lookup', { query: 'Pyongyang' });
    expect(place.entities[0]).toMatchObject({ key: 'place:pyongyang', type: 'place' });
    expect(place.stories.length).toBeGreaterThan(0);
    const unknown = await sendMessage('lookup', { query: 'Zanzibar ferry' });
    expect(unknown).toEqual({ query: 'Zanzibar ferry', entities: [], stories: [], timeline: [] });
    const empty = await lookup(db, '   ');
    expect(empty.stories).toEqual([]);
  });

  it('refuses a malformed look-up before it runs', async () => {
    await expect(sendMessage('lookup', { query: 42 } as never)).rejects.toThrow(/lookup: invalid message/);
    await expect(sendMessage('lookup', { query: 'x'.repeat(1001) })).rejects.toThrow(/longer than/);
  });
});

type Listener<A extends unknown[]> = (...args: A) => void;

function fakeApis(options: { panel?: 'ok' | 'fails' | 'none'; selection?: string | Error } = {}) {
  const calls: string[] = [];
  const menuListeners: Listener<[{ menuItemId: string | number; selectionText?: string }, TabLike?]>[] = [];
  const commandListeners: Listener<[string, TabLike?]>[] = [];
  const created: unknown[] = [];
  const windows: string[] = [];
  const apis: LookupApis = {
    menus: {
      create: (props) => created.push(props),
      removeAll: async () => {
        calls.push('removeAll');
      },
      onClicked: { addListener: (cb) => menuListeners.push(cb) },
    },
    commands: { onCommand: { addListener: (cb) => commandListeners.push(cb) } },
    openWindow: async (url) => windows.push(url),
    pageUrl: (path) => `chrome-extension://id${path}`,
    executeScript: vi.fn(async () => {
      calls.push('executeScript');
      if (options.selection instanceof Error) throw options.selection;
      return options.selection ?? '';
    }),
    activeTab: async () => ({ id: 9, windowId: 1 }),
  };
  if (options.panel !== 'none') {
    apis.sidePanel = {
      open: vi.fn((_o: { tabId?: number; windowId?: number }) => {
        calls.push('sidePanel.open');
        return options.panel === 'fails' ? Promise.reject(new Error('no user gesture')) : Promise.resolve();
      }),
    };
  }
  return { apis, calls, created, windows, menuListeners, commandListeners };
}

const flush = () => new Promise((r) => setTimeout(r, 20));

describe('context menu and shortcut (fake browser APIs)', () => {
  it('registers one selection menu item and a command handler', async () => {
    const f = fakeApis();
    registerLookup(f.apis);
    await flush();
    expect(f.calls).toEqual(['removeAll']);
    expect(f.created).toEqual([
      { id: LOOKUP_MENU_ID, title: 'Look up “%s” in Backstory', contexts: ['selection'] },
    ]);
    expect(f.menuListeners).toHaveLength(1);
    expect(f.commandListeners).toHaveLength(1);
  });

  it('the menu opens the side panel within the click, then leaves the selection for it', async () => {
    const f = fakeApis();
    registerLookup(f.apis);
    f.menuListeners[0]!(
      { menuItemId: LOOKUP_MENU_ID, selectionText: '  Kim   Jong Un ' },
      { id: 7, windowId: 1 },
    );
    // Synchronously: the panel must be opened before anything is awaited (the gesture ends there).
    expect(f.apis.sidePanel!.open).toHaveBeenCalledWith({ tabId: 7 });
    await flush();
    expect(await takePendingLookup()).toMatchObject({ query: 'Kim Jong Un', tabId: 7 });
    expect(f.windows).toEqual([]);
    // Another extension's menu item is not ours.
    f.menuListeners[0]!({ menuItemId: 'other', selectionText: 'x' }, { id: 7 });
    expect(f.apis.sidePanel!.open).toHaveBeenCalledTimes(1);
  });

  it('the shortcut opens the panel first, then reads the selection from the tab', async () => {
    const f = fakeApis({ selection: 'Pyongyang' });
    registerLookup(f.apis);
    f.commandListeners[0]!(LOOKUP_COMMAND, { id: 5, windowId: 2 });
    expect(f.calls.filter((c) => c !== 'removeAll')[0]).toBe('sidePanel.open');
    await flush();
    expect(f.apis.executeScript).toHaveBeenCalledWith(5, expect.any(Function));
    expect(await takePendingLookup()).toMatchObject({ query: 'Pyongyang', tabId: 5 });
    f.commandListeners[0]!('something-else', { id: 5 });
    expect(f.apis.executeScript).toHaveBeenCalledTimes(1);
  });

  it('a tab that cannot be scripted gives an empty look-up (the view then says how to select)', async () => {
    const f = fakeApis({ selection: new Error('Cannot access contents of the page') });
    registerLookup(f.apis);
    f.commandListeners[0]!(LOOKUP_COMMAND, { id: 5 });
    await flush();
    expect(await takePendingLookup()).toMatchObject({ query: '' });
  });

  it('opens the popup page in a window, with the query in its URL, where no panel opens', async () => {
    for (const panel of ['fails', 'none'] as const) {
      const f = fakeApis({ panel });
      const how = await startLookup(f.apis, 'Kim Jong Un', { id: 3 });
      expect(how).toBe('window');
      expect(f.windows).toEqual(['chrome-extension://id/popup.html?lookup=Kim+Jong+Un&tab=3']);
      // Nothing is left pending for a side panel opened later.
      expect(await takePendingLookup()).toBeNull();
    }
    const sidebar = fakeApis({ panel: 'none' });
    sidebar.apis.sidebarAction = { open: vi.fn(async () => undefined) };
    expect(await startLookup(sidebar.apis, 'Kim', { id: 3 })).toBe('sidebar');
    expect(sidebar.apis.sidebarAction.open).toHaveBeenCalled();
  });

  it('the side panel takes the pending look-up once, ignores a stale one, and hears new ones', async () => {
    const now = Date.now();
    await setPendingLookup({ query: 'Kim', tabId: 1, ts: now });
    const source = createLookupSource({ search: '', pending: true });
    expect(await source.initial()).toBe('Kim');
    expect(await source.initial()).toBeNull();
    await setPendingLookup({ query: 'old', tabId: 1, ts: now - PENDING_LOOKUP_TTL_MS - 1 });
    expect(await source.initial()).toBeNull();
    const heard: string[] = [];
    const off = source.subscribe((q) => heard.push(q));
    await setPendingLookup({ query: 'Pyongyang', tabId: 1, ts: Date.now() });
    await flush();
    off();
    expect(heard).toEqual(['Pyongyang']);
    expect(await createLookupSource({ search: '?lookup=Seoul&tab=3' }).initial()).toBe('Seoul');
    // The popup reads only its URL.
    await setPendingLookup({ query: 'Kim', tabId: 1, ts: Date.now() });
    expect(await createLookupSource({ search: '', pending: false }).initial()).toBeNull();
  });
});
