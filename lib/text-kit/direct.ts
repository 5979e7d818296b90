/**
 * The text kit from direct imports: what the built `text-kit.js` exposes (entrypoints/text-kit.ts), and what
 * the CLI and the tests provide, so that they run the very code the extension loads.
 */
import { parseOpml } from '@/core/feeds/opml';
import { parseFeed } from '@/core/feeds/parse';
import { analyzeArticle } from '@/core/nlp/analyze';
import { readPageHtmlWithFeeds } from '@/page/read-html';
import type { TextKit } from './index';

export const directTextKit: TextKit = { analyzeArticle, readPageHtmlWithFeeds, parseFeed, parseOpml };
