import { defineUnlistedScript } from '#imports';
import { contentRuntime, onLocationChanged, postToBackground } from '@/lib/content-messaging';
import { capturePage } from '@/page/capture';
import { detectArticle } from '@/page/detect';

/**
 * The content script (declared in wxt.config.ts's manifest for every http(s) page, at document_idle). Light
 * by design: when the page is idle, a cheap detection; on a non-article, one small message and done; on an
 * article, the page's HTML is serialised once and read in the background (Readability, metadata, teasers),
 * off the page's main thread. Single-page-app navigations are reported by the background (tabs.onUpdated),
 * so the page pays for no history watcher; each URL is read once. Never throws into the page, never changes it.
 *
 * An unlisted script rather than WXT's defineContentScript: that wrapper brings webextension-polyfill and a
 * context object whose evaluation alone cost more than the ≤ 2 ms budget of a non-article page.
 */
export default defineUnlistedScript(() => {
  const runtime = contentRuntime();
  if (!runtime) return;
  const done = new Set<string>();

  const run = () => {
    const url = location.href;
    const key = url.replace(/#.*$/, '');
    if (done.has(key) || !runtime.id) return;
    done.add(key);
    try {
      const { isArticle, signals } = detectArticle(document, url);
      if (isArticle) postToBackground(runtime, 'pageCaptured', { url, html: capturePage(document) });
      else
        postToBackground(runtime, 'pageRead', { url, isArticle: false, signals, article: null, teasers: [] });
    } catch {
      // Detection never throws by contract; this guard keeps the page safe if it ever did.
    }
  };

  const whenIdle = (delay: number) => {
    setTimeout(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 });
      else run();
    }, delay);
  };

  whenIdle(0);
  // Single-page apps: wait a moment for the new view to render, then read it.
  onLocationChanged(runtime, () => whenIdle(800));
});
