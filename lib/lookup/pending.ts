/**
 * The look-up waiting for the side panel: the background writes it when the reader chose "Look up in
 * Backstory" (context menu or keyboard shortcut), the side panel (or the popup window opened instead) takes
 * it. It goes through storage.session, so a side panel that is already open sees it at once (storage.onChanged)
 * and one that is opening finds it when it loads. `?lookup=` in the page's URL does the same for a window.
 */
import { browser } from 'wxt/browser';

export const PENDING_LOOKUP_KEY = 'pendingLookup';
/** A pending look-up older than this is ignored (the panel was opened some other way much later). */
export const PENDING_LOOKUP_TTL_MS = 60_000;

export interface PendingLookup {
  query: string;
  /** The tab the selection came from. */
  tabId: number | null;
  ts: number;
}

type Area = {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
};

/** storage.session where the browser has it (Chrome 102+, Firefox 115+), else storage.local. */
function area(): Area {
  const storage = browser.storage as unknown as { session?: Area; local: Area };
  return storage.session ?? storage.local;
}

function isPending(value: unknown): value is PendingLookup {
  const v = value as Partial<PendingLookup> | null;
  return !!v && typeof v.query === 'string' && typeof v.ts === 'number';
}

export async function setPendingLookup(lookup: PendingLookup): Promise<void> {
  await area().set({ [PENDING_LOOKUP_KEY]: lookup });
}

export async function clearPendingLookup(): Promise<void> {
  await area().remove(PENDING_LOOKUP_KEY);
}

/** The pending look-up, removed once taken; null when there is none or it is too old. */
export async function takePendingLookup(now = Date.now()): Promise<PendingLookup | null> {
  const value = (await area().get(PENDING_LOOKUP_KEY))[PENDING_LOOKUP_KEY];
  if (!isPending(value)) return null;
  await area().remove(PENDING_LOOKUP_KEY);
  return now - value.ts <= PENDING_LOOKUP_TTL_MS ? value : null;
}

/** Calls `callback` with each look-up written while the page is open (already taken). Returns unsubscribe. */
export function onPendingLookup(callback: (lookup: PendingLookup) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>) => {
    if (!isPending(changes[PENDING_LOOKUP_KEY]?.newValue)) return;
    void takePendingLookup().then((lookup) => lookup && callback(lookup));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** The look-up in a page's query string (`?lookup=…`), or null. */
export function lookupFromSearch(search: string): string | null {
  const value = new URLSearchParams(search).get('lookup');
  return value === null ? null : value.slice(0, 1000);
}
