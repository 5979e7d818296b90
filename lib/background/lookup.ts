/**
 * Look-ups: "Look up in Backstory" on selected text (context menu) and the keyboard shortcut (manifest
 * `commands`, Alt+Shift+L). Both open the side panel (Chrome) or sidebar (Firefox) straight from the reader's
 * gesture, or a small window with the popup page where neither can open, and leave the query for it in
 * storage.session (lib/lookup/pending.ts). The shortcut reads the selection from the active tab with
 * scripting.executeScript, under the activeTab grant the shortcut gives. The `lookup` message answers what the
 * reader's stories know about a name or phrase (core/lookup/lookup-result.ts shapes it).
 */
import { browser } from 'wxt/browser';
import { wikiLang } from '@/core/cards/wikipedia';
import { lookupQuery, shapeLookup } from '@/core/lookup/lookup-result';
import type { LookupResult } from '@/core/model';
import type { CardService } from '@/lib/cards/cards';
import type { BackstoryDB, EntityRecord, StoryRecord } from '@/lib/db/schema';
import { search } from '@/lib/db/search';
import { t } from '@/lib/i18n';
import { clearPendingLookup, setPendingLookup } from '@/lib/lookup/pending';
import { toContextStory } from '@/lib/story-service';

export const LOOKUP_MENU_ID = 'backstory-lookup';
/** The manifest command (wxt.config.ts). */
export const LOOKUP_COMMAND = 'lookup-selection';
/** Stories and entities a look-up shows. */
const MAX_STORIES = 20;
const MAX_ENTITIES = 4;
/** Entities whose stories are shown. */
const ENTITY_STORY_SOURCES = 3;
/** Entities that get an encyclopedia card in a look-up (when cards are on). */
const LOOKUP_CARDS = 2;

/** What the reader's stories know about `query`: matching entities, their stories, a timeline. */
export async function lookup(db: BackstoryDB, query: string, cards?: CardService): Promise<LookupResult> {
  const q = lookupQuery(query);
  const found = await search(db, q, { maxStories: MAX_STORIES, maxEntities: MAX_ENTITIES });
  const records = (await db.entities.bulkGet(found.entities.map((e) => e.key))).filter(
    (e): e is EntityRecord => !!e,
  );
  const counts = new Map(found.entities.map((e) => [e.key, e.count]));
  const entityIds: number[] = [];
  for (const e of records.slice(0, ENTITY_STORY_SOURCES)) {
    entityIds.push(...((await db.stories.where('entityKeys').equals(e.key).primaryKeys()) as number[]));
  }
  const ids = [...new Set([...found.stories.map((s) => s.id), ...entityIds])].slice(0, MAX_STORIES * 2);
  const stories = (await db.stories.bulkGet(ids)).filter((s): s is StoryRecord => !!s);
  const result = shapeLookup(
    q,
    records.map((e) => ({
      key: e.key,
      name: e.name,
      type: e.type,
      count: counts.get(e.key) ?? 0,
      names: e.names,
    })),
    stories.map(toContextStory),
  );
  result.stories = result.stories.slice(0, MAX_STORIES);
  if (cards && result.entities.length) {
    // The language most of the entity's stories are in.
    const langs = new Map<string, number>();
    for (const s of stories) langs.set(wikiLang(s.lang), (langs.get(wikiLang(s.lang)) ?? 0) + 1);
    const lang = [...langs].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'en';
    const subjects = result.entities.slice(0, LOOKUP_CARDS).map(({ key, name }) => ({ key, name }));
    await cards.refresh(subjects, lang).catch(() => 0);
    const cached = await cards.cached(
      subjects.map((s) => s.key),
      lang,
    );
    for (const e of result.entities) {
      const card = cached[e.key];
      if (card) e.card = card;
    }
  }
  return result;
}

/** The browser APIs look-ups use; browser.* by default, fakes in tests. */
export interface LookupApis {
  menus?: {
    create(props: { id: string; title: string; contexts: string[] }): unknown;
    removeAll(): Promise<void> | void;
    onClicked: {
      addListener(
        cb: (info: { menuItemId: string | number; selectionText?: string }, tab?: TabLike) => void,
      ): void;
    };
  };
  commands?: { onCommand: { addListener(cb: (command: string, tab?: TabLike) => void): void } };
  /** Chrome: chrome.sidePanel. */
  sidePanel?: { open(options: { tabId?: number; windowId?: number }): Promise<void> };
  /** Firefox: browser.sidebarAction. */
  sidebarAction?: { open(): Promise<void> };
  openWindow(url: string): Promise<unknown>;
  pageUrl(path: string): string;
  executeScript(tabId: number, func: () => string): Promise<string | null>;
  activeTab(): Promise<TabLike | undefined>;
}

export interface TabLike {
  id?: number;
  windowId?: number;
}

/** Runs in the page (serialised by the browser): the reader's selection, in the page or a focused frame. */
function selectionInPage(): string {
  return String(globalThis.getSelection?.() ?? '');
}

function defaultApis(): LookupApis {
  const b = browser as unknown as Record<string, unknown>;
  const chromeApi = (globalThis as { chrome?: Record<string, unknown> }).chrome;
  const menus = (b.contextMenus ?? b.menus) as LookupApis['menus'];
  const sidePanel = chromeApi?.sidePanel as LookupApis['sidePanel'] | undefined;
  const sidebarAction = b.sidebarAction as LookupApis['sidebarAction'] | undefined;
  return {
    menus: menus && typeof menus.create === 'function' ? menus : undefined,
    commands: b.commands as LookupApis['commands'],
    sidePanel: sidePanel && typeof sidePanel.open === 'function' ? sidePanel : undefined,
    sidebarAction: sidebarAction && typeof sidebarAction.open === 'function' ? sidebarAction : undefined,
    openWindow: (url) => browser.windows.create({ url, type: 'popup', width: 420, height: 640 }),
    pageUrl: (path) => browser.runtime.getURL(path as '/popup.html'),
    async executeScript(tabId, func) {
      const results = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func });
      const texts = results
        .map((r) => (typeof r.result === 'string' ? r.result : ''))
        .filter((t) => t.trim());
      return texts[0] ?? null;
    },
    async activeTab() {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return tab;
    },
  };
}

export type LookupOpened = 'side-panel' | 'sidebar' | 'window';

/**
 * Shows a look-up: the panel is opened first, synchronously within the reader's gesture (the browsers refuse
 * it after an await), then the query is left for it. Where no panel opens, the popup page opens in a window
 * with the query in its URL.
 */
export function startLookup(
  apis: LookupApis,
  /** The selection, or how to read it (called once the panel is opening). */
  query: string | (() => Promise<string>),
  tab: TabLike | undefined,
  now = Date.now,
): Promise<LookupOpened> {
  const tabId = tab?.id ?? null;
  let panel: Promise<LookupOpened> | null = null;
  try {
    if (apis.sidePanel) {
      const options =
        tabId !== null ? { tabId } : tab?.windowId !== undefined ? { windowId: tab.windowId } : null;
      if (options) panel = apis.sidePanel.open(options).then(() => 'side-panel' as const);
    } else if (apis.sidebarAction) {
      panel = apis.sidebarAction.open().then(() => 'sidebar' as const);
    }
  } catch (error) {
    panel = Promise.reject(error);
  }
  return (async () => {
    const q = lookupQuery(typeof query === 'string' ? query : await query());
    await setPendingLookup({ query: q, tabId, ts: now() });
    try {
      if (panel) return await panel;
    } catch {
      // No gesture, no panel for this window: the window below, which reads its query from its URL.
    }
    await clearPendingLookup();
    const params = new URLSearchParams({ lookup: q });
    if (tabId !== null) params.set('tab', String(tabId));
    await apis.openWindow(`${apis.pageUrl('/popup.html')}?${params}`);
    return 'window';
  })();
}

/** The selection in a tab (activeTab from the shortcut); '' when it cannot be read. */
export async function readSelection(apis: LookupApis, tabId: number | undefined): Promise<string> {
  if (tabId === undefined) return '';
  try {
    return lookupQuery(await apis.executeScript(tabId, selectionInPage));
  } catch {
    return '';
  }
}

/** Registers the context menu item and the shortcut's handler. */
export function registerLookup(apis: LookupApis = defaultApis()): void {
  const { menus, commands } = apis;
  if (menus) {
    // Menu items outlive an MV3 worker; removing them first makes registering again at every start harmless.
    void Promise.resolve(menus.removeAll())
      .then(() =>
        menus.create({ id: LOOKUP_MENU_ID, title: t('contextMenuLookup'), contexts: ['selection'] }),
      )
      .catch(() => undefined);
    menus.onClicked.addListener((info, tab) => {
      if (info.menuItemId !== LOOKUP_MENU_ID) return;
      void startLookup(apis, info.selectionText ?? '', tab).catch(() => undefined);
    });
  }
  commands?.onCommand.addListener((command, tab) => {
    if (command !== LOOKUP_COMMAND) return;
    const query = async () => readSelection(apis, (tab ?? (await apis.activeTab()))?.id);
    void startLookup(apis, query, tab).catch(() => undefined);
  });
}

/** `openLookup` from an extension page: the same path as the menu, for the given tab's selection text. */
export function openLookupFromPage(query: string, tabId: number | undefined): Promise<LookupOpened> {
  return startLookup(defaultApis(), query, tabId === undefined ? undefined : { id: tabId });
}
