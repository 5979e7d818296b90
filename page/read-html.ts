/**
 * Reads a page from its HTML with linkedom as the DOM: how the background reads what the content script
 * captured, and how the CLI reads saved pages. Same code, same figures.
 */
import { parseHTML } from 'linkedom';
import type { PageReading } from '../core/model';
import { type ReadPageOptions, readPage } from './read-page';

export function readPageHtml(html: string, url: string, options?: ReadPageOptions): PageReading {
  const { document } = parseHTML(html);
  return readPage(document as unknown as Document, url, options);
}
