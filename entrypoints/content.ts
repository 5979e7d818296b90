import { defineContentScript } from '#imports';
import { sendMessage } from '@/lib/messaging';
import { readPage } from '@/page/read-page';

/**
 * Reads the page once it is idle: a cheap detection first, Readability (on a clone) only on article pages,
 * one message to the background. Re-runs on single-page-app navigation, once per URL. Never throws into the
 * page and never changes it.
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
        const reading = readPage(document, url);
        sendMessage('pageRead', reading).catch(() => {
          // The background may be restarting or the extension updating; the next navigation retries.
        });
      } catch {
        // readPage never throws by contract; this guard keeps the page safe if it ever did.
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
