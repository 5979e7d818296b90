/**
 * The feeds a page advertises: `<link rel="alternate">` with an RSS, Atom or JSON Feed type, read from the
 * document and sorted out by core/feeds/discover.ts (absolute http(s) URLs, each once, comment feeds last).
 * Takes the document and its URL; never touches globals; never modifies the page.
 */
import { type DiscoveredFeed, type FeedLink, feedsFromLinks } from '../core/feeds/discover';

export type { DiscoveredFeed, FeedType } from '../core/feeds/discover';

export function discoverFeeds(doc: Document, pageUrl: string): DiscoveredFeed[] {
  const links: FeedLink[] = Array.from(doc.querySelectorAll('link[rel][type][href]')).map((link) => ({
    rel: link.getAttribute('rel') ?? '',
    type: link.getAttribute('type') ?? '',
    href: link.getAttribute('href') ?? '',
    title: link.getAttribute('title'),
  }));
  return feedsFromLinks(links, pageUrl, doc.querySelector('base[href]')?.getAttribute('href'));
}
