/**
 * The background's side of the content script's handle (lib/content-messaging.ts), through
 * scripting.executeScript in the extension's isolated world of a tab:
 *   - `askPage`: what the content script found on the tab's page, read when the popup or side panel asks about
 *     a tab the background has no record of (a page that is not an article sends nothing);
 *   - `registerNavigationWatch`: single-page apps change the address without loading a page, so the content
 *     script would not run again; the background sees every such change (tabs.onUpdated) and asks the tab's
 *     content script to read the new view. On a full page load there is no handle yet and nothing happens.
 */
import { browser } from 'wxt/browser';
import { PAGE_READER_GLOBAL, type PageDetection, type PageReaderHandle } from '@/lib/content-messaging';

type HandleCall = 'readNow' | 'rescan';

/** Runs in the tab (serialised by the browser): it must not close over anything. */
function callHandle(global: string, call: HandleCall): PageDetection | null {
  const handle = (globalThis as Record<string, unknown>)[global] as PageReaderHandle | undefined;
  if (!handle) return null;
  if (call === 'rescan') {
    handle.rescan();
    return null;
  }
  return handle.readNow();
}

async function inTab(tabId: number, call: HandleCall): Promise<PageDetection | null> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId },
      func: callHandle,
      args: [PAGE_READER_GLOBAL, call],
    });
    const value = result?.result as PageDetection | null | undefined;
    return value && typeof value.url === 'string' && typeof value.isArticle === 'boolean' ? value : null;
  } catch {
    // A page Backstory may not script (the store, a PDF viewer) or a tab that is gone.
    return null;
  }
}

/** What the content script of the tab found on its current page; null when it has not run there. */
export function askPage(tabId: number): Promise<PageDetection | null> {
  return inTab(tabId, 'readNow');
}

export function registerNavigationWatch(): () => void {
  const listener = (tabId: number, change: { url?: string }) => {
    if (!change.url || !/^https?:\/\//i.test(change.url)) return;
    void inTab(tabId, 'rescan');
  };
  browser.tabs.onUpdated.addListener(listener);
  return () => browser.tabs.onUpdated.removeListener(listener);
}
