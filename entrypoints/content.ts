import { defineContentScript } from '#imports';
import { sendMessage } from '@/lib/messaging';
import { capturePage } from '@/page/capture';
import { detectArticle } from '@/page/detect';

/**
 * Light by design: when the page is idle, a cheap detection; on a non-article, one small message and done; on
 * an article, the page's HTML is serialised once and read in the background (Readability, metadata, teasers),
 * off the page's main thread. Re-runs on single-page-app navigation, once per URL. Never throws into the page
 * and never changes it.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const done = new Set<string>();
    const key = (url: string) => url.replace(/#.*$/, '');

    const run = () => {
      if (ctx.isInvalid) return;
      const url = location.href;
      if (done.has(key(url))) return;
      done.add(key(url));
      try {
        const { isArticle, signals } = detectArticle(document, url);
        const sent = isArticle
          ? sendMessage('pageCaptured', { url, html: capturePage(document) })
          : sendMessage('pageRead', { url, isArticle: false, signals, article: null, teasers: [] });
        sent.catch(() => {
          // The background may be restarting or the extension updating; the next navigation retries.
        });
      } catch {
        // Detection never throws by contract; this guard keeps the page safe if it ever did.
      }
    };

    const whenIdle = (delay: number) => {
      ctx.setTimeout(() => {
        if ('requestIdleCallback' in window) ctx.requestIdleCallback(run, { timeout: 2000 });
        else run();
      }, delay);
    };

    whenIdle(0);
    // Single-page apps: wait a moment for the new view to render, then read it.
    ctx.addEventListener(window, 'wxt:locationchange', () => whenIdle(800));
  },
});
