/**
 * What the content script sends for an article page: the page's current HTML (after its own scripts ran),
 * serialised once, without its scripts (JSON-LD kept), styles and comments (core/html/lean.ts): the message
 * is then about 40% of the page, and the browser serialises it on the page's main thread. Reading it
 * (Readability, metadata, teasers) happens in the background, off the page's main thread.
 */
import { leanHtml } from '../core/html/lean';

/** Pages larger than this are cut (the article is near the top of any real page). */
export const MAX_CAPTURE_CHARS = 4_000_000;

export function capturePage(doc: Document): string {
  const root = doc.documentElement;
  if (!root) return '';
  const html = leanHtml(root.outerHTML);
  return `<!doctype html>\n${html.length > MAX_CAPTURE_CHARS ? html.slice(0, MAX_CAPTURE_CHARS) : html}`;
}
