/**
 * Reads one page: detect → (when it is an article) Readability on a clone + metadata + block text → teasers.
 * The one entry point of the content script and the CLI. Never modifies the page and never throws.
 */
import { Readability } from '@mozilla/readability';
import type { ExtractedArticle, PageReading } from '../core/model';
import { detectArticle } from './detect';
import { readMetadata } from './metadata';
import { findTeasers } from './teasers';
import { blockText } from './text';

export interface ReadPageOptions {
  /** Reference time for rejecting future dates. Defaults to the current time. */
  now?: Date;
}

interface Extraction {
  text: string;
  title: string | null;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
}

function extract(doc: Document): Extraction | null {
  const clone = doc.cloneNode(true) as Document;
  const parsed = new Readability<Node>(clone, { serializer: (node) => node }).parse();
  if (!parsed?.content) return null;
  return {
    text: blockText(parsed.content),
    title: parsed.title ?? null,
    byline: parsed.byline ?? null,
    siteName: parsed.siteName ?? null,
    lang: parsed.lang ?? null,
  };
}

function errorName(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 200);
  return String(error).slice(0, 200);
}

/** Reads the page at `url`. Non-articles get `article: null` (teasers are still returned). */
export function readPage(doc: Document, url: string, options: ReadPageOptions = {}): PageReading {
  const signals: string[] = [];
  try {
    const detection = detectArticle(doc, url);
    signals.push(...detection.signals);
    let article: ExtractedArticle | null = null;
    if (detection.isArticle) {
      let extraction: Extraction | null = null;
      try {
        extraction = extract(doc);
      } catch (error) {
        signals.push(`readability-error:${errorName(error)}`);
      }
      if (!extraction) signals.push('readability:none');
      const meta = readMetadata(doc, url, {
        now: options.now,
        hints: extraction ?? undefined,
      });
      article = { ...meta, url, text: extraction?.text ?? '' };
    }
    let teasers: PageReading['teasers'] = [];
    try {
      // Links inside the article's paragraphs are skipped by findTeasers itself; related-story lists inside
      // the article element are teasers.
      teasers = findTeasers(doc, url);
    } catch (error) {
      signals.push(`teasers-error:${errorName(error)}`);
    }
    return { url, isArticle: article !== null, signals, article, teasers };
  } catch (error) {
    signals.push(`error:${errorName(error)}`);
    return { url, isArticle: false, signals, article: null, teasers: [] };
  }
}
