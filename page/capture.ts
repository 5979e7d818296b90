/**
 * What the content script sends for an article page: the page's current HTML (after its own scripts ran),
 * serialised once. Reading it (Readability, metadata, teasers) happens in the background, off the page's
 * main thread.
 */

/** Pages larger than this are cut (the article is near the top of any real page). */
export const MAX_CAPTURE_CHARS = 4_000_000;

export function capturePage(doc: Document): string {
  const root = doc.documentElement;
  if (!root) return '';
  const html = root.outerHTML;
  return `<!doctype html>\n${html.length > MAX_CAPTURE_CHARS ? html.slice(0, MAX_CAPTURE_CHARS) : html}`;
}
