/**
 * The content script's first look at a page (entrypoints/page-gate.ts): whether the page is plainly not an
 * article, decided with a handful of DOM calls before any of the reader's code is loaded. Parsing the reader
 * alone costs a page about 2 ms of main-thread time (docs/measurements.md), more than the whole budget of a page
 * that is not an article; this decision costs about 1.5 ms, most of it the first DOM call of a new isolated world.
 *
 * It only ever says "not an article" and errs the other way: a page with any article markup, with running text
 * in paragraphs or line breaks, or with an article's address (a headline slug, a year in the path) goes on to
 * page/detect.ts's detection. No regular expression, no URL object, no text read but the JSON-LD blocks' and
 * the address's: each builtin's first use costs something in a content script's new world.
 */

/** At least this many paragraphs, or line breaks, and the page may be running text: the detection decides. */
export const GATE_MIN_PARAGRAPHS = 10;
export const GATE_MIN_BREAKS = 10;
/** JSON-LD blocks looked into, at most; a page with more goes on to the detection. */
const MAX_JSONLD_BLOCKS = 10;

/**
 * Markup only an article page (or a page about one) carries, in one selector: og:type article (some pages write
 * `value` where `content` is expected), article:* meta tags, schema.org article microdata.
 */
const ARTICLE_MARKUP = [
  'meta[property="og:type"][content*="article" i]',
  'meta[property="og:type"][value*="article" i]',
  'meta[property^="article:"]',
  'meta[name^="article:"]',
  '[itemtype*="Article"]',
  '[itemprop="articleBody"]',
].join(',');

/** A last path segment of words joined by this many hyphens or underscores is a headline slug (four words or more). */
const SLUG_JOINS = 3;

/**
 * Whether the address looks like an article's: a headline slug as its last path segment, or a year (1990–2039)
 * as a path segment (/2025/06/30/…). String operations only.
 */
export function articleLikeAddress(url: string): boolean {
  const start = url.indexOf('//');
  const slash = url.indexOf('/', start < 0 ? 0 : start + 2);
  if (slash < 0) return false;
  let end = url.length;
  for (const mark of ['?', '#']) {
    const at = url.indexOf(mark, slash);
    if (at >= 0 && at < end) end = at;
  }
  const segments = url.slice(slash + 1, end).split('/');
  let last = '';
  for (const segment of segments) {
    if (segment === '') continue;
    last = segment;
    if (segment.length === 4 && (segment.startsWith('19') || segment.startsWith('20'))) {
      const year = Number(segment);
      if (year >= 1990 && year <= 2039) return true;
    }
  }
  let joins = 0;
  for (let i = 0; i < last.length; i++) if (last[i] === '-' || last[i] === '_') joins++;
  return joins >= SLUG_JOINS;
}

/**
 * True when `doc` is plainly not an article: no article markup, few paragraphs and line breaks, and an address
 * (`url`, the page's own in the content script) that is not an article's.
 */
export function plainlyNotArticle(doc: Document, url: string): boolean {
  if (doc.querySelector(ARTICLE_MARKUP)) return false;
  const blocks = doc.querySelectorAll('script[type="application/ld+json"]');
  if (blocks.length > MAX_JSONLD_BLOCKS) return false;
  for (let i = 0; i < blocks.length; i++) {
    const json = blocks[i]!.textContent ?? '';
    // NewsArticle, BlogPosting, LiveBlogPosting, Report…: the detection reads the types.
    if (json.indexOf('Article') >= 0 || json.indexOf('Posting') >= 0 || json.indexOf('Report') >= 0)
      return false;
  }
  return (
    doc.getElementsByTagName('p').length < GATE_MIN_PARAGRAPHS &&
    doc.getElementsByTagName('br').length < GATE_MIN_BREAKS &&
    !articleLikeAddress(url)
  );
}
