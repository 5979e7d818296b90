/**
 * The text kit: the libraries that read text — the NLP (compromise, chrono-node), the HTML reader (linkedom,
 * Readability) and the feed and OPML parsers (linkedom's XML): 80% of the background's code. With them in its
 * bundle, a cold Chromium service worker was ready to answer about 400 ms after its start in the scale bench's
 * browser, against 150 ms without, and held 5 MB more heap (`npm run bench -- scale`, "service worker start →
 * ready"; docs/measurements.md). So the worker's own bundle does not contain them: it asks for the kit when a page,
 * a feed or an OPML file has to be read (lib/text-kit/load.ts loads the separately built `text-kit.js`), and a
 * worker woken for anything else (the popup, the side panel, an alarm) never loads it.
 *
 * The kit is provided once per context (the background's entrypoint; the CLI and the tests with the direct kit of
 * ./direct.ts) and taken with `textKit()`. Only types are imported here.
 */

import type { parseOpml } from '@/core/feeds/opml';
import type { parseFeed } from '@/core/feeds/parse';
import type { analyzeArticle } from '@/core/nlp/analyze';
import type { readPageHtmlWithFeeds } from '@/page/read-html';

export interface TextKit {
  analyzeArticle: typeof analyzeArticle;
  readPageHtmlWithFeeds: typeof readPageHtmlWithFeeds;
  parseFeed: typeof parseFeed;
  parseOpml: typeof parseOpml;
}

/** The global the built `text-kit.js` sets (entrypoints/text-kit.ts). */
export const TEXT_KIT_GLOBAL = '__backstoryTextKit';

let loader: (() => Promise<TextKit>) | null = null;
let loaded: Promise<TextKit> | null = null;

/** Sets how this context gets its kit. */
export function provideTextKit(load: () => TextKit | Promise<TextKit>): void {
  loader = async () => load();
  loaded = null;
}

/** The kit, loaded on first use. A load that failed is tried again at the next call. */
export function textKit(): Promise<TextKit> {
  if (!loader) return Promise.reject(new Error('Backstory: no text kit was provided in this context'));
  if (!loaded) {
    loaded = loader().catch((error: unknown) => {
      loaded = null;
      throw error;
    });
  }
  return loaded;
}
