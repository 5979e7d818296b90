/**
 * Reads a page from its HTML with linkedom as the DOM: how the background reads what the content script
 * captured, and how the CLI reads saved pages. Same code, same figures. The HTML comes without its scripts,
 * styles and comments (core/html/lean.ts): the content script strips it when it captures the page, the CLI when
 * it reads a saved one.
 */
import { parseHTML } from 'linkedom';
import type { PageReading } from '../core/model';
import { type DiscoveredFeed, discoverFeeds } from './feeds';
import { type ReadPageOptions, readPage } from './read-page';

export function readPageHtml(html: string, url: string, options?: ReadPageOptions): PageReading {
  const { document } = parseHTML(html);
  return readPage(document as unknown as Document, url, options);
}

/** The reading, and the feeds the page advertises (`<link rel="alternate">`, page/feeds.ts), from one parse. */
export function readPageHtmlWithFeeds(
  html: string,
  url: string,
  options?: ReadPageOptions,
): { reading: PageReading; feeds: DiscoveredFeed[] } {
  const { document } = parseHTML(html);
  const doc = document as unknown as Document;
  // Before the reading: Readability may move or drop elements of the document it reads.
  const feeds = discoverFeeds(doc, url);
  return { reading: readPage(doc, url, options), feeds };
}
