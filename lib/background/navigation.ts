/**
 * Single-page apps change the address without loading a page, so the content script would not run again.
 * The background sees every such change (tabs.onUpdated) and tells the tab's content script, which reads the
 * new view once per URL; the page itself pays for no history watcher. For a full page load the message finds
 * no content script yet (or the old one, which has read that URL already) and is dropped.
 */
import { browser } from 'wxt/browser';
import type { LocationChanged } from '@/lib/content-messaging';

export function registerNavigationWatch(): () => void {
  const listener = (tabId: number, change: { url?: string }) => {
    if (!change.url || !/^https?:\/\//i.test(change.url)) return;
    browser.tabs
      .sendMessage(tabId, { type: 'locationChanged', url: change.url } satisfies LocationChanged)
      .catch(() => undefined);
  };
  browser.tabs.onUpdated.addListener(listener);
  return () => browser.tabs.onUpdated.removeListener(listener);
}
