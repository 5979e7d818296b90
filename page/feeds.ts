/**
 * The feeds a page advertises: `<link rel="alternate">` with an RSS, Atom or JSON Feed type. URLs are made
 * absolute (against `<base href>`, then the page URL), only http(s) ones are kept, each once, and comment feeds
 * come after the others. Takes the document and its URL; never touches globals; never modifies the page.
 */
import { absoluteUrl } from '../core/metadata/url';

export type FeedType = 'rss' | 'atom' | 'json';

export interface DiscoveredFeed {
  url: string;
  title?: string;
  type: FeedType;
}

const TYPES: Record<string, FeedType> = {
  'application/rss+xml': 'rss',
  'application/rdf+xml': 'rss',
  'application/atom+xml': 'atom',
  'application/feed+json': 'json',
  'application/json': 'json',
};

/** "Comments Feed", "Kommentare", "commentaires", "comentarios", /comments/feed/. */
const COMMENTS = /comment|kommentar|komentar/i;
/** application/json alternates are also REST and oEmbed documents (WordPress adds one to every page): only
 * those that look like a feed are kept. */
const JSON_FEED_HINT = /feed|\.json(?:[?#]|$)/i;

export function discoverFeeds(doc: Document, pageUrl: string): DiscoveredFeed[] {
  const baseHref = doc.querySelector('base[href]')?.getAttribute('href');
  const base = (baseHref && absoluteUrl(baseHref, pageUrl)) || pageUrl;
  const feeds: DiscoveredFeed[] = [];
  const comments: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  for (const link of Array.from(doc.querySelectorAll('link[rel][type][href]'))) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (!rel.includes('alternate')) continue;
    const mime = (link.getAttribute('type') ?? '').split(';')[0]!.trim().toLowerCase();
    const type = TYPES[mime];
    if (!type) continue;
    const url = absoluteUrl(link.getAttribute('href'), base);
    if (!url || seen.has(url)) continue;
    const title = link.getAttribute('title')?.replace(/\s+/g, ' ').trim() || undefined;
    if (mime === 'application/json' && !JSON_FEED_HINT.test(url) && !/feed/i.test(title ?? '')) continue;
    seen.add(url);
    const feed: DiscoveredFeed = { url, ...(title && { title }), type };
    (COMMENTS.test(title ?? '') || COMMENTS.test(new URL(url).pathname) ? comments : feeds).push(feed);
  }
  return [...feeds, ...comments];
}
