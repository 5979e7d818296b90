/**
 * The last ready view of the most recent tabs, kept in storage.session (memory only: gone when the browser
 * closes, never readable by content scripts) so the popup and side panel can paint a tab's context at once and
 * refresh it from the background right after. A remembered view is used only while its tab still shows the
 * same page. "Delete all data" clears it with everything else.
 */
import { browser } from 'wxt/browser';
import type { TabView } from '@/core/model';

export const VIEW_CACHE_KEY = 'lastTabViews';
/** Tabs remembered: the popup and side panel mostly show the few tabs the reader switches between. */
export const VIEW_CACHE_TABS = 8;

export interface CachedView {
  tabId: number;
  view: TabView;
}

interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

function session(): SessionArea | null {
  const area = (browser.storage as unknown as { session?: SessionArea } | undefined)?.session;
  return area && typeof area.get === 'function' ? area : null;
}

/** The same page whatever its #fragment. */
const pageKey = (url: string | null) => (url ?? '').replace(/#.*$/, '');

function entries(value: unknown): CachedView[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (e): e is CachedView =>
      typeof e === 'object' &&
      e !== null &&
      typeof (e as CachedView).tabId === 'number' &&
      typeof (e as CachedView).view === 'object' &&
      (e as CachedView).view !== null,
  );
}

/** Every remembered view (one read of storage.session); empty when there is none or no session storage. */
export async function rememberedViews(): Promise<CachedView[]> {
  const area = session();
  if (!area) return [];
  try {
    return entries((await area.get(VIEW_CACHE_KEY))[VIEW_CACHE_KEY]);
  } catch {
    return [];
  }
}

/** The view remembered for `tabId`, if it was taken of the page at `url` (when given). */
export function pickView(views: readonly CachedView[], tabId: number, url?: string | null): TabView | null {
  const found = views.find((e) => e.tabId === tabId);
  if (!found) return null;
  if (url !== undefined && url !== null && pageKey(found.view.url) !== pageKey(url)) return null;
  return found.view;
}

/** Remembers a tab's view when it is ready (other states are quick to ask for and short-lived). */
export async function rememberView(tabId: number, view: TabView): Promise<void> {
  const area = session();
  if (!area) return;
  try {
    const others = entries((await area.get(VIEW_CACHE_KEY))[VIEW_CACHE_KEY]).filter((e) => e.tabId !== tabId);
    const next = view.state === 'ready' ? [{ tabId, view }, ...others] : others;
    await area.set({ [VIEW_CACHE_KEY]: next.slice(0, VIEW_CACHE_TABS) });
  } catch {
    // Session storage full or gone: the next view is asked for as before.
  }
}

export async function clearViewCache(): Promise<void> {
  try {
    await session()?.remove(VIEW_CACHE_KEY);
  } catch {
    // Nothing was remembered.
  }
}
