/**
 * Which of a page's `<link>` elements are feeds: `rel="alternate"` with an RSS, Atom or JSON Feed type. URLs are
 * made absolute (against `<base href>`, then the page URL), only http(s) ones are kept, each once, and comment
 * feeds come after the others. Pure: the links come from a Document (page/feeds.ts) or from the attributes a
 * tab's page reported (lib/background/page-bridge.ts).
 */
import { absoluteUrl } from '../metadata/url';

export type FeedType = 'rss' | 'atom' | 'json';

export interface DiscoveredFeed {
  url: string;
  title?: string;
  type: FeedType;
}

/** A `<link>` element's attributes, as written. */
export interface FeedLink {
  rel: string;
  type: string;
  href: string;
  title?: string | null;
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
/** Feeds kept from one page, and the characters of a title. */
export const MAX_DISCOVERED = 20;
const MAX_TITLE = 300;

export function feedsFromLinks(
  links: readonly FeedLink[],
  pageUrl: string,
  baseHref?: string | null,
): DiscoveredFeed[] {
  const base = (baseHref && absoluteUrl(baseHref, pageUrl)) || pageUrl;
  const feeds: DiscoveredFeed[] = [];
  const comments: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  for (const link of links) {
    if (typeof link.rel !== 'string' || typeof link.type !== 'string' || typeof link.href !== 'string')
      continue;
    const rel = link.rel.toLowerCase().split(/\s+/);
    if (!rel.includes('alternate')) continue;
    const mime = link.type.split(';')[0]!.trim().toLowerCase();
    const type = TYPES[mime];
    if (!type) continue;
    const url = absoluteUrl(link.href, base);
    if (!url || seen.has(url)) continue;
    const title =
      (typeof link.title === 'string' && link.title.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE)) ||
      undefined;
    if (mime === 'application/json' && !JSON_FEED_HINT.test(url) && !/feed/i.test(title ?? '')) continue;
    seen.add(url);
    const feed: DiscoveredFeed = { url, ...(title && { title }), type };
    (COMMENTS.test(title ?? '') || COMMENTS.test(new URL(url).pathname) ? comments : feeds).push(feed);
  }
  return [...feeds, ...comments].slice(0, MAX_DISCOVERED);
}

/** A feed the page advertises that the reader does not follow yet: what the popup offers to follow. */
export interface FeedOffer extends DiscoveredFeed {
  /** The feed's site as a reader thinks of it ("harbourcourier.example"). */
  site: string;
}
