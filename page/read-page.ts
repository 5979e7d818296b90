/**
 * Reads one page: detect → (when it is an article) Readability on a clone + metadata + block text → teasers.
 * The one entry point of the content script and the CLI. Never modifies the page and never throws.
 */
import { Readability } from '@mozilla/readability';
import { urlKey } from '../core/metadata/url';
import type { ExtractedArticle, PageReading, Teaser } from '../core/model';
import { type CleanTrace, cleanContent, cleanText } from './clean';
import { detectArticle } from './detect';
import { readJsonLd, readMetadata } from './metadata';
import { findStream, isLiveBlog, readLiveUpdates, readPaywall } from './multi';
import { findTeasers } from './teasers';
import { blockText, bodyOf } from './text';

export interface ReadPageOptions {
  /** Reference time for rejecting future dates. Defaults to the current time. */
  now?: Date;
  /** Debugging and evaluation: receives each piece of text the cleaner removes, with the rule's name. */
  trace?: CleanTrace;
}

interface Extraction {
  text: string;
  /** The other articles of an infinite-scroll page, left out of the text. */
  streamTeasers: Teaser[];
  /** Paywall markers seen, and whether only part of the article is on the page. */
  paywall: string[];
  partial: boolean;
  title: string | null;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
}

const HEAD_ONLY = new Set(['META', 'LINK', 'TITLE', 'SCRIPT', 'STYLE', 'BASE', 'TEMPLATE']);

/**
 * Readability reads `document.body`. Under linkedom a page with broken markup can have its content outside the
 * body that getter returns (see bodyOf): move it there, on the clone only.
 */
function repairBody(doc: Document): void {
  const real = bodyOf(doc);
  const body = doc.body;
  if (!real || !body || real === body || body.contains(real)) return;
  if (real.tagName.toUpperCase() === 'BODY') {
    while (real.firstChild) body.appendChild(real.firstChild);
    return;
  }
  for (const parent of [doc.head, real]) {
    if (!parent) continue;
    for (const child of Array.from(parent.childNodes)) {
      if (child === body || child === doc.head) continue;
      if (child.nodeType === 1 && HEAD_ONLY.has((child as Element).tagName.toUpperCase())) continue;
      body.appendChild(child);
    }
  }
}

const SHARE_LINE =
  /\b(?:whatsapp|facebook|twitter|pinterest|pint|linkedin|share|tweet|e-?mail|print|teilen|compartilhar|partager|compartir|baixar|download)\b/i;

/** Drops share bars repeated after every photo or quote ("Whatsapp Facebook Pint"). */
function dropRepeatedLines(text: string): string {
  const lines = text.split('\n');
  const counts = new Map<string, number>();
  for (const line of lines) if (line.length < 300) counts.set(line, (counts.get(line) ?? 0) + 1);
  return lines
    .filter((line) => (counts.get(line) ?? 0) < 2 || !SHARE_LINE.test(line) || line.split(' ').length > 8)
    .join('\n');
}

function extract(doc: Document, url: string, trace?: CleanTrace): Extraction | null {
  const clone = doc.cloneNode(true) as Document;
  repairBody(clone);
  // Infinite scroll: only the main article is read; the others become teasers.
  const stream = findStream(clone, url);
  for (const other of stream?.others ?? []) other.element.parentNode?.removeChild(other.element);
  // Paywall: subscribe prompts and hidden locked parts are not the article's text.
  const paywall = readPaywall(clone, readJsonLd(clone));
  for (const el of paywall.remove) el.parentNode?.removeChild(el);
  const parsed = new Readability<Node>(clone, { serializer: (node) => node, keepClasses: true }).parse();
  if (!parsed?.content) return null;
  if (parsed.content.nodeType === 1) cleanContent(parsed.content as Element, trace);
  return {
    text: cleanText(dropRepeatedLines(blockText(parsed.content)), { url, title: parsed.title }, trace),
    streamTeasers: stream?.others.map((o) => o.teaser) ?? [],
    paywall: paywall.markers,
    partial: paywall.partial,
    title: parsed.title ?? null,
    byline: parsed.byline ?? null,
    siteName: parsed.siteName ?? null,
    lang: parsed.lang ?? null,
  };
}

/** Appends the updates the text misses (Readability can drop some), each after its time. */
function withUpdates(text: string, updates: NonNullable<ExtractedArticle['updates']>): string {
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  const flat = squash(text);
  const missing = updates.filter(
    (u) => !flat.includes(squash(u.text.split('\n').pop() ?? u.text).slice(0, 80)),
  );
  if (missing.length === 0) return text;
  return [text, ...missing.map((u) => `${u.time}\n${u.text}`)].filter(Boolean).join('\n');
}

function errorName(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 200);
  return String(error).slice(0, 200);
}

/**
 * Reads the page at `url`. Pages that are not articles keep `isArticle: false`; listings, shop and search pages
 * get `article: null`, other non-articles with a title or a date get their metadata with an empty text
 * (teasers are always returned).
 */
export function readPage(doc: Document, url: string, options: ReadPageOptions = {}): PageReading {
  const signals: string[] = [];
  try {
    const detection = detectArticle(doc, url);
    signals.push(...detection.signals);
    let article: ExtractedArticle | null = null;
    let extraction: Extraction | null = null;
    if (detection.isArticle) {
      try {
        extraction = extract(doc, url, options.trace);
      } catch (error) {
        signals.push(`readability-error:${errorName(error)}`);
      }
      if (!extraction) signals.push('readability:none');
    }
    // A borderline page (no listing, shop or search signal, but not enough for an article: a forum thread, a
    // video or podcast page, a press release in an odd template) still gets its metadata, so a title and a date
    // can be shown; `isArticle` stays the detection's verdict and such pages get no body text.
    const borderline = !detection.signals.some(
      (s) => s === 'shop' || s === 'search' || s === 'listing' || s === 'url:root',
    );
    if (detection.isArticle || borderline) {
      const { dateSource, ...meta } = readMetadata(doc, url, {
        now: options.now,
        hints: extraction ?? undefined,
      });
      signals.push(`date:${dateSource}`);
      if (detection.isArticle || meta.title || meta.publishedAt)
        article = { ...meta, url, text: extraction?.text ?? '' };
    }
    if (article && extraction) {
      if (extraction.paywall.length) signals.push(`paywall:${extraction.paywall.join(',')}`);
      if (extraction.partial) article.partial = true;
      if (extraction.streamTeasers.length) signals.push(`stream:${extraction.streamTeasers.length + 1}`);
      const nodes = readJsonLd(doc);
      if (isLiveBlog(doc, nodes)) {
        const updates = readLiveUpdates(doc, nodes);
        if (updates.length) {
          signals.push(`live:${updates.length}`);
          article.updates = updates;
          article.text = withUpdates(article.text, updates);
        }
      }
    }
    let teasers: PageReading['teasers'] = [];
    try {
      // Links inside the article's paragraphs are skipped by findTeasers itself; related-story lists inside
      // the article element are teasers.
      teasers = findTeasers(doc, url);
      // An infinite-scroll page's other articles come first, in page order.
      const streamed = extraction?.streamTeasers ?? [];
      if (streamed.length) {
        const keys = new Set(streamed.map((t) => urlKey(t.url)));
        teasers = [...streamed, ...teasers.filter((t) => !keys.has(urlKey(t.url)))];
      }
    } catch (error) {
      signals.push(`teasers-error:${errorName(error)}`);
    }
    return { url, isArticle: detection.isArticle, signals, article, teasers };
  } catch (error) {
    signals.push(`error:${errorName(error)}`);
    return { url, isArticle: false, signals, article: null, teasers: [] };
  }
}
