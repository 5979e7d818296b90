/**
 * The background's side of the content script's handle (lib/content-messaging.ts): what the content script
 * found on a tab's page, read with scripting.executeScript in the extension's isolated world when the popup
 * or side panel asks about a tab the background has no record of (a page that is not an article sends
 * nothing). Backstory holds no host permission: this works when the reader has just invoked it on the tab
 * (activeTab: the toolbar button, the keyboard shortcut, the context menu); otherwise the answer is null.
 */
import { browser } from 'wxt/browser';
import type { FeedLink } from '@/core/feeds/discover';
import { PAGE_READER_GLOBAL, type PageDetection, type PageReaderHandle } from '@/lib/content-messaging';

/** Runs in the tab (serialised by the browser): it must not close over anything. */
function readNowInTab(global: string): PageDetection | null | Promise<PageDetection | null> {
  const handle = (globalThis as Record<string, unknown>)[global] as PageReaderHandle | undefined;
  return handle ? handle.readNow() : null;
}

/** What the content script of the tab found on its current page; null when it cannot be asked or has not run. */
export async function askPage(tabId: number): Promise<PageDetection | null> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId },
      func: readNowInTab,
      args: [PAGE_READER_GLOBAL],
    });
    const value = result?.result as PageDetection | null | undefined;
    return value && typeof value.url === 'string' && typeof value.isArticle === 'boolean' ? value : null;
  } catch {
    // No activeTab grant for this tab, a page Backstory may not script, or a tab that is gone.
    return null;
  }
}

/** The `<link>` elements of a tab's page that may be feeds, as the page wrote them (page/feeds.ts reads them). */
export interface PageFeedLinks {
  url: string;
  base: string | null;
  links: FeedLink[];
}

/** Runs in the tab (serialised by the browser): it reads attributes only, and must not close over anything. */
function feedLinksInTab(max: number): PageFeedLinks {
  const links = Array.from(document.querySelectorAll('link[rel][type][href]'))
    .slice(0, max)
    .map((l) => ({
      rel: l.getAttribute('rel') ?? '',
      type: l.getAttribute('type') ?? '',
      href: l.getAttribute('href') ?? '',
      title: l.getAttribute('title'),
    }));
  return {
    url: location.href,
    base: document.querySelector('base[href]')?.getAttribute('href') ?? null,
    links,
  };
}

/**
 * The feed links of the page in the tab, read when the reader opens the popup there (activeTab): how feeds are
 * found on pages that are not articles, whose content script sends nothing. Null when the tab cannot be asked.
 */
export async function askPageFeedLinks(tabId: number): Promise<PageFeedLinks | null> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId },
      func: feedLinksInTab,
      args: [200],
    });
    const value = result?.result as PageFeedLinks | null | undefined;
    return value && typeof value.url === 'string' && Array.isArray(value.links) ? value : null;
  } catch {
    // No activeTab grant for this tab, a page Backstory may not script, or a tab that is gone.
    return null;
  }
}
