/**
 * The real ContextClient: asks the background for a tab's view over lib/messaging.ts and listens for changes.
 * The popup shows the active tab of its window; the side panel (`follow: true`) keeps following the active
 * tab as the reader switches tabs or navigates. `?tab=<id>` pins a tab (tests, the demo).
 */
import { browser } from 'wxt/browser';
import type { ContextClient } from '@/components/state/context-client';
import type { TabView } from '@/core/model';
import { createBackfillControl, createFeedOfferControl } from '@/lib/feeds/discovery-client';
import { createFollowControl } from '@/lib/feeds/follow-client';
import { onTabViewChanged, sendMessage } from '@/lib/messaging';
import { showInPage } from '@/lib/page-highlight';
import { pickView, rememberedViews, rememberView } from '@/lib/view-cache';

export interface ContextClientOptions {
  /** Follow the active tab (side panel). Ignored when a tab is pinned with `?tab=`. */
  follow?: boolean;
  /** The page's query string; defaults to `location.search`. */
  search?: string;
}

interface SidePanelApi {
  open(options: { windowId?: number; tabId?: number }): Promise<void>;
}
interface SidebarActionApi {
  open(): Promise<void>;
}

/** The tab id from `?tab=<id>`, or null. */
export function pinnedTabId(search: string): number | null {
  const raw = new URLSearchParams(search).get('tab');
  if (raw === null || !/^\d+$/.test(raw.trim())) return null;
  const id = Number(raw.trim());
  return Number.isSafeInteger(id) ? id : null;
}

function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** Chrome's side panel API, when present (chrome.sidePanel, or passed through browser.*). */
function findSidePanel(): SidePanelApi | undefined {
  const candidates = [
    (globalThis as { chrome?: { sidePanel?: Partial<SidePanelApi> } }).chrome?.sidePanel,
    (browser as unknown as { sidePanel?: Partial<SidePanelApi> }).sidePanel,
  ];
  for (const api of candidates) {
    if (api && typeof api.open === 'function') return api as SidePanelApi;
  }
  return undefined;
}

/** Firefox's sidebar API, when present. */
function findSidebarAction(): SidebarActionApi | undefined {
  const api = (browser as unknown as { sidebarAction?: Partial<SidebarActionApi> }).sidebarAction;
  return api && typeof api.open === 'function' ? (api as SidebarActionApi) : undefined;
}

export function createContextClient(options: ContextClientOptions = {}): ContextClient {
  const search = options.search ?? globalThis.location?.search ?? '';
  const pinned = pinnedTabId(search);
  const follow = options.follow === true && pinned === null;
  /** The tab and window of the last answer: change notifications for other tabs are ignored. */
  let currentTabId: number | null = pinned;
  let currentWindowId: number | null = null;

  /** Asks the background, and remembers a ready answer for the next first paint (lib/view-cache.ts). */
  async function askBackground(tabId: number): Promise<TabView> {
    const view = await sendMessage('getTabView', { tabId });
    void rememberView(tabId, view);
    return view;
  }

  async function getView(): Promise<TabView> {
    if (pinned !== null) {
      currentTabId = pinned;
      return askBackground(pinned);
    }
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (!tab || tab.id === undefined) {
      currentTabId = null;
      return { state: 'unsupported', url: null };
    }
    currentTabId = tab.id;
    currentWindowId = tab.windowId ?? null;
    // With the "tabs" permission the URL is known: browser pages need no round trip to the background.
    if (typeof tab.url === 'string' && tab.url !== '' && !isWebUrl(tab.url)) {
      return { state: 'unsupported', url: tab.url };
    }
    return askBackground(tab.id);
  }

  /**
   * The remembered view of the tab, if it still shows the same page. Storage and the tab are read at the same
   * time: on the popup's first frame each round trip to the browser counts.
   */
  async function remembered(): Promise<TabView | null> {
    try {
      const views = rememberedViews();
      const tab =
        pinned !== null
          ? await browser.tabs.get(pinned)
          : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      if (!tab || tab.id === undefined || (pinned === null && !tab.url)) return null;
      return pickView(await views, tab.id, tab.url ?? null);
    } catch {
      return null;
    }
  }

  function subscribe(onChange: () => void): () => void {
    const cleanups: (() => void)[] = [];
    cleanups.push(
      onTabViewChanged((tabId) => {
        if (currentTabId === null || tabId === currentTabId) onChange();
      }),
    );
    if (follow) {
      const onActivated = (info: { tabId: number; windowId: number }) => {
        if (currentWindowId === null || info.windowId === currentWindowId) onChange();
      };
      const onUpdated = (tabId: number, change: { status?: string; url?: string }) => {
        if (tabId !== currentTabId) return;
        if (change.status === 'complete' || change.url !== undefined) onChange();
      };
      browser.tabs.onActivated.addListener(onActivated);
      browser.tabs.onUpdated.addListener(onUpdated);
      cleanups.push(() => browser.tabs.onActivated.removeListener(onActivated));
      cleanups.push(() => browser.tabs.onUpdated.removeListener(onUpdated));
    }
    return () => {
      for (const cleanup of cleanups) cleanup();
    };
  }

  const client: ContextClient = {
    getView,
    cachedView: remembered,
    subscribe,
    openOptions: () => browser.runtime.openOptionsPage(),
    search: (query) => sendMessage('search', { query }),
    showInPage: (text, href) => showInPage(currentTabId, text, href),
    follow: createFollowControl(),
    feedOffers: createFeedOfferControl(() => currentTabId),
    backfill: createBackfillControl(),
    setSitePaused: async (site, paused) => {
      await sendMessage('setSitePaused', { site, paused });
    },
  };

  const sidePanel = findSidePanel();
  const sidebarAction = findSidebarAction();
  if (sidePanel) {
    client.openSidePanel = () =>
      sidePanel.open(
        currentWindowId !== null
          ? { windowId: currentWindowId }
          : currentTabId !== null
            ? { tabId: currentTabId }
            : {},
      );
  } else if (sidebarAction) {
    client.openSidePanel = () => sidebarAction.open();
  }
  return client;
}
