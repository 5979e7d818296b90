import { defineUnlistedScript } from '#imports';
import { maybeShowBadges } from '@/lib/badges/content';
import { installPageReader, type PageDetection, postCapture } from '@/lib/content-messaging';
import { capturePage, nextTask } from '@/page/capture';
import { detectArticle } from '@/page/detect';

/**
 * The content script's reader, imported as a module by its gate (entrypoints/page-gate.ts, the script the manifest
 * declares for every http(s) page) wherever the page may be an article. Light by design: when the page is idle,
 * a cheap detection; an article's HTML is serialised once and read in the background (Readability, metadata,
 * teasers), off the page's main thread. A page that is not an article is
 * not reported: its detection waits in the handle until the reader opens the popup on it
 * (lib/content-messaging.ts). Single-page-app navigations are heard through the Navigation API (a polled
 * address where a browser lacks it); each URL is read once. Never throws into the page, never changes it.
 *
 * An unlisted script rather than WXT's defineContentScript: that wrapper brings webextension-polyfill and a
 * context object whose evaluation alone cost more than the ≤ 2 ms budget of a non-article page.
 */
export default defineUnlistedScript(() => {
  const seen = new Map<string, PageDetection>();
  const keyOf = (url: string) => url.replace(/#.*$/, '');

  // The capture and its messages run in steps, the page getting its main thread back between two.
  // The first step waits for a task of its own, after the detection's.
  const sendPage = (url: string) =>
    nextTask(() => capturePage(document, (html) => postCapture(url, html, nextTask)));

  const read = (): PageDetection | null => {
    const url = location.href;
    const key = keyOf(url);
    const known = seen.get(key);
    if (known) return known;
    try {
      const { isArticle, signals } = detectArticle(document, url);
      const detection = { url, isArticle, signals };
      seen.set(key, detection);
      if (isArticle) sendPage(url);
      return detection;
    } catch {
      // Detection never throws by contract; this guard keeps the page safe if it ever did.
      return null;
    }
  };

  // document_idle has already waited for the page's load: the first reading needs no timer before the idle
  // callback (each callback into the script has a cost of its own). The in-page badges (opt-in) ride on the same
  // callback: on a page that is not an article with many links, one storage read (lib/badges/content.ts).
  const readAtIdle = () => {
    const detection = read();
    if (detection) maybeShowBadges(detection);
  };
  const idle = () => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(readAtIdle, { timeout: 2000 });
    else readAtIdle();
  };
  const whenIdle = (delay: number) => setTimeout(idle, delay);

  installPageReader({
    readNow: read,
  });
  idle();
  watchNavigations(() => whenIdle(800));
});

/** Calls `onChange` when the address changes without a page load (history.pushState, replaceState, back). */
function watchNavigations(onChange: () => void): void {
  let last = location.href;
  const check = () => {
    if (location.href === last) return;
    last = location.href;
    onChange();
  };
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (navigation?.addEventListener) navigation.addEventListener('navigatesuccess', check);
  else setInterval(check, 1000);
}
