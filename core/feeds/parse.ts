/**
 * Reads a news feed — RSS 0.91/0.92/2.0, RSS 1.0 (RDF), Atom 1.0 (and 0.3) or JSON Feed 1.0/1.1 — into the
 * items a reader needs: title, link, date, a short plain-text summary. Runs in an MV3 service worker and in
 * Node (see ./xml for the parser and its safety limits).
 *
 * - Titles and summaries are plain text: HTML is stripped and entities decoded (Atom's type="text" and
 *   JSON Feed's titles are already plain text and are taken as they are). Summaries and titles are cut to 300
 *   characters at a word boundary.
 * - Links are resolved against xml:base, the feed's URL, or (when neither is known) the feed's site link, and
 *   only http(s) links are kept: an item without one is skipped.
 * - Dates are kept as written (./dates): offset kept, a day stays a day, an unreadable date is left out.
 * - An item without a title is named by the start of its summary, or else by its link. Items with the same
 *   link are kept once. With more than `maxItems` items, only the first are read (twice as many are parsed,
 *   the rest of the document is not: channel elements written after the items are then not seen).
 */
import { parseFeedDate } from './dates';
import { FeedError, MAX_FEED_BYTES } from './errors';
import { collapse, htmlSummary, htmlToText, isBlock, truncate } from './text';
import { attrOf, child, children, decodeInput, NS, parseXml, scanXml, textOf, type XmlElement } from './xml';

export { FeedError, type FeedErrorCode, MAX_FEED_BYTES } from './errors';

export type FeedKind = 'rss' | 'rdf' | 'atom' | 'json';

export interface FeedItem {
  /** Plain text. */
  title: string;
  /** Absolute http(s) URL of the item's page. */
  url: string;
  /** ISO 8601 as the feed wrote it: its offset kept; a date without a time stays "YYYY-MM-DD". */
  publishedAt?: string;
  /** Plain text, at most 300 characters. */
  summary?: string;
  /** The item's id (RSS guid, Atom id, JSON Feed id), as written. */
  guid?: string;
  /** Names as written. */
  authors?: string[];
}

export interface ParsedFeed {
  kind: FeedKind;
  /** The format version: "0.91", "2.0", "1.0", "1.1"… ('' when the feed does not say). */
  version: string;
  /** Plain text; the site's host name when the feed has no title. */
  title: string;
  /** The site the feed belongs to (absolute http(s)). */
  siteUrl?: string;
  items: FeedItem[];
}

export interface ParseFeedOptions {
  /** Where the feed was fetched from: the base of relative links. */
  url?: string;
  /** The Content-Type it was served with; its charset decodes bytes. */
  contentType?: string;
  /** Larger input is refused before it is decoded or parsed. Default 5 MB. */
  maxBytes?: number;
  /** Items after this many are left out. Default 500. */
  maxItems?: number;
}

export const MAX_FEED_ITEMS = 500;
/** Length of a title made from a summary, for items without one. */
const FALLBACK_TITLE_LENGTH = 80;
/** Titles longer than this (a whole article pasted into <title>) are cut. */
const MAX_TITLE_LENGTH = 300;

/** The absolute http(s) form of `href`, or undefined (javascript:, data:, mailto:, relative without a base…). */
function httpUrl(href: string | undefined, base: string | undefined): string | undefined {
  const trimmed = href?.trim();
  if (!trimmed) return undefined;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function hostOf(url: string | undefined): string {
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
}

function firstDate(values: (string | undefined)[]): string | undefined {
  for (const v of values) {
    const date = parseFeedDate(v);
    if (date) return date;
  }
  return undefined;
}

const unique = (names: string[]): string[] | undefined => {
  const out = [...new Set(names.map(collapse).filter(Boolean))];
  return out.length ? out : undefined;
};

/** Adds the item to `out` unless an earlier one has the same link; names it when it has no title. */
function finishItem(item: FeedItem, out: FeedItem[], seen: Set<string>): void {
  if (seen.has(item.url)) return;
  seen.add(item.url);
  const title =
    truncate(item.title, MAX_TITLE_LENGTH) ||
    (item.summary ? truncate(item.summary, FALLBACK_TITLE_LENGTH) : '') ||
    item.url.replace(/^https?:\/\//, '');
  const clean: FeedItem = { title, url: item.url };
  if (item.publishedAt) clean.publishedAt = item.publishedAt;
  if (item.summary) clean.summary = item.summary;
  if (item.guid) clean.guid = item.guid;
  if (item.authors?.length) clean.authors = item.authors;
  out.push(clean);
}

// ---------------------------------------------------------------------------------------------- RSS and RDF

/** "jo@example.com (Jo Bloggs)" → "Jo Bloggs"; "Jo Bloggs <jo@example.com>" → "Jo Bloggs". */
function rssAuthor(raw: string): string {
  const s = collapse(raw);
  return /^\S+@\S+\s*\((.+)\)$/.exec(s)?.[1] ?? /^(.+?)\s*<\S+@\S+>$/.exec(s)?.[1] ?? s;
}

function parseRss(root: XmlElement, maxItems: number): ParsedFeed {
  const rdf = root.name === 'rdf';
  const core = rdf ? [NS.rss10, NS.rss090] : [root.ns];
  const channel = child(root, core, 'channel');
  const siteUrl = channel && httpUrl(textOf(child(channel, core, 'link')), channel.base);
  const entries = [...(channel ? children(channel, core, 'item') : []), ...children(root, core, 'item')];
  const items: FeedItem[] = [];
  const seen = new Set<string>();
  for (const item of entries) {
    if (items.length >= maxItems) break;
    const base = item.base ?? siteUrl;
    const guidEl = child(item, core, 'guid');
    const guid = collapse(textOf(guidEl)) || (rdf ? attrOf(item, 'about')?.trim() : undefined) || undefined;
    const atomLink = children(item, NS.atom, 'link').find(
      (l) => (l.attrs.rel ?? 'alternate') === 'alternate',
    );
    const url =
      httpUrl(textOf(child(item, core, 'link')), base) ??
      (guidEl && guidEl.attrs.isPermaLink?.trim() !== 'false' ? httpUrl(guid, base) : undefined) ??
      (atomLink && httpUrl(atomLink.attrs.href, atomLink.base ?? base)) ??
      (rdf ? httpUrl(attrOf(item, 'about'), base) : undefined);
    if (!url) continue;
    const description = child(item, core, 'description') ?? child(item, NS.dc, 'description');
    const content = child(item, NS.content, 'encoded');
    const summaryHtml = textOf(description).trim() ? textOf(description) : textOf(content);
    finishItem(
      {
        title: htmlToText(textOf(child(item, core, 'title') ?? child(item, NS.dc, 'title'))),
        url,
        publishedAt: firstDate([
          textOf(child(item, core, 'pubdate')),
          textOf(child(item, NS.dc, 'date')),
          textOf(child(item, NS.dcterms, 'issued')),
          textOf(child(item, NS.dcterms, 'created')),
          textOf(child(item, NS.atom, 'published')),
          textOf(child(item, NS.atom, 'updated')),
        ]),
        summary: htmlSummary(summaryHtml) || undefined,
        guid,
        authors: unique([
          ...children(item, core, 'author').map((a) => rssAuthor(textOf(a))),
          ...children(item, NS.dc, 'creator').map(textOf),
        ]),
      },
      items,
      seen,
    );
  }
  const title = channel ? htmlToText(textOf(child(channel, core, 'title'))) : '';
  return {
    kind: rdf ? 'rdf' : 'rss',
    version: rdf ? (channel?.ns === NS.rss090 ? '0.90' : '1.0') : (root.attrs.version?.trim() ?? ''),
    title: title || hostOf(siteUrl),
    ...(siteUrl && { siteUrl }),
    items,
  };
}

// ---------------------------------------------------------------------------------------------------- Atom

function xhtmlText(el: XmlElement, out: string[]): void {
  for (const n of el.nodes) {
    if (typeof n === 'string') out.push(n);
    else {
      const block = isBlock(n.name);
      if (block) out.push(' ');
      if (n.name !== 'script' && n.name !== 'style') xhtmlText(n, out);
      if (block) out.push(' ');
    }
  }
}

/** An Atom text construct as plain text, per its type; undefined for out-of-line or binary content. */
function atomText(el: XmlElement | undefined, max?: number): string | undefined {
  if (!el || el.attrs.src !== undefined) return undefined;
  const type = (el.attrs.type ?? 'text').trim().toLowerCase();
  const cut = (s: string) => (max ? truncate(s, max) : s);
  if (type === 'html' || type === 'text/html' || el.attrs.mode === 'escaped') {
    return max ? htmlSummary(textOf(el), max) : htmlToText(textOf(el));
  }
  if (type === 'xhtml' || type === 'application/xhtml+xml') {
    const out: string[] = [];
    xhtmlText(el, out);
    return cut(collapse(out.join('')));
  }
  if (type === 'text' || type.startsWith('text/')) return cut(collapse(textOf(el)));
  return undefined;
}

/** The rel="alternate" link (text/html preferred) among an element's atom:link children. */
function atomAlternate(el: XmlElement, ns: string, fallbackBase: string | undefined): string | undefined {
  const alternates = children(el, ns, 'link').filter(
    (l) => (l.attrs.rel?.trim().toLowerCase() || 'alternate') === 'alternate',
  );
  const isHtml = (l: XmlElement) => {
    const type = l.attrs.type?.trim().toLowerCase();
    return !type || type === 'text/html' || type === 'application/xhtml+xml';
  };
  for (const l of [...alternates.filter(isHtml), ...alternates]) {
    const url = httpUrl(l.attrs.href, l.base ?? fallbackBase);
    if (url) return url;
  }
  return undefined;
}

function atomAuthors(el: XmlElement | undefined, ns: string): string[] {
  return el ? children(el, ns, 'author').map((a) => textOf(child(a, ns, 'name'))) : [];
}

function parseAtom(root: XmlElement, maxItems: number): ParsedFeed {
  const ns = root.ns;
  const siteUrl = atomAlternate(root, ns, undefined);
  const feedAuthors = atomAuthors(root, ns);
  const items: FeedItem[] = [];
  const seen = new Set<string>();
  for (const entry of children(root, ns, 'entry')) {
    if (items.length >= maxItems) break;
    const url = atomAlternate(entry, ns, siteUrl);
    if (!url) continue;
    const summary =
      atomText(child(entry, ns, 'summary'), 300) || atomText(child(entry, ns, 'content'), 300) || undefined;
    const authors = atomAuthors(entry, ns);
    if (!authors.length) authors.push(...atomAuthors(child(entry, ns, 'source'), ns), ...feedAuthors);
    finishItem(
      {
        title: atomText(child(entry, ns, 'title')) ?? '',
        url,
        publishedAt: firstDate(
          ['published', 'updated', 'issued', 'modified', 'created'].map((n) => textOf(child(entry, ns, n))),
        ),
        summary,
        guid: collapse(textOf(child(entry, ns, 'id'))) || undefined,
        authors: unique(authors),
      },
      items,
      seen,
    );
  }
  const title = atomText(child(root, ns, 'title')) ?? '';
  return {
    kind: 'atom',
    version: ns === NS.atom03 ? '0.3' : '1.0',
    title: title || hostOf(siteUrl),
    ...(siteUrl && { siteUrl }),
    items,
  };
}

// ----------------------------------------------------------------------------------------------- JSON Feed

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function jsonAuthors(o: Json): string[] {
  const list = Array.isArray(o.authors) ? o.authors : isObject(o.author) ? [o.author] : [];
  return list.flatMap((a) => (isObject(a) && typeof a.name === 'string' ? [a.name] : []));
}

function parseJsonFeed(text: string, baseUrl: string | undefined, maxItems: number): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new FeedError('malformed', `The document is not valid JSON (${(e as Error).message}).`);
  }
  const version = isObject(data) ? str(data.version) : undefined;
  const m = version && /^https?:\/\/jsonfeed\.org\/version\/(\d+(?:\.\d+)?)\/?$/.exec(version.trim());
  if (!isObject(data) || !m) {
    throw new FeedError(
      'not-a-feed',
      'The document is JSON but not a JSON Feed (it has no jsonfeed.org version).',
    );
  }
  if (!Array.isArray(data.items)) throw new FeedError('malformed', 'The JSON Feed has no "items" list.');
  const base = httpUrl(baseUrl, undefined) ?? httpUrl(str(data.feed_url), undefined);
  const siteUrl = httpUrl(str(data.home_page_url), base);
  const feedAuthors = jsonAuthors(data);
  const items: FeedItem[] = [];
  const seen = new Set<string>();
  for (const item of data.items) {
    if (items.length >= maxItems) break;
    if (!isObject(item)) continue;
    const url = httpUrl(str(item.url), base ?? siteUrl) ?? httpUrl(str(item.external_url), base ?? siteUrl);
    if (!url) continue;
    const summaryText = collapse(str(item.summary) ?? '') || collapse(str(item.content_text) ?? '');
    const authors = jsonAuthors(item);
    const id = typeof item.id === 'number' ? String(item.id) : str(item.id);
    finishItem(
      {
        title: collapse(str(item.title) ?? ''),
        url,
        publishedAt: firstDate([str(item.date_published), str(item.date_modified)]),
        summary:
          (summaryText ? truncate(summaryText) : htmlSummary(str(item.content_html) ?? '')) || undefined,
        guid: id?.trim() || undefined,
        authors: unique(authors.length ? authors : feedAuthors),
      },
      items,
      seen,
    );
  }
  return {
    kind: 'json',
    version: m[1]!,
    title: collapse(str(data.title) ?? '') || hostOf(siteUrl),
    ...(siteUrl && { siteUrl }),
    items,
  };
}

// -------------------------------------------------------------------------------------------------- entry

const FEED_ROOTS = new Set(['rss', 'rdf', 'feed']);
const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1).toLowerCase();

function notAFeed(root: string | undefined): FeedError {
  if (root && localName(root) === 'html') {
    return new FeedError(
      'not-a-feed',
      'This is an HTML page, not a feed (a page lists its feeds in <link rel="alternate">).',
    );
  }
  return new FeedError(
    'not-a-feed',
    root
      ? `The document is XML with the root element <${root}>, not <rss>, <rdf:RDF> or <feed>: it is not a feed.`
      : 'The document has no root element: it is not a feed.',
  );
}

/**
 * Parses a feed from its text or bytes. Throws a FeedError: `too-large` (over `maxBytes`, checked first),
 * `bad-encoding`, `not-a-feed` (an HTML page, other XML or JSON, plain text) or `malformed` (broken XML or JSON).
 */
export function parseFeed(input: string | Uint8Array, opts: ParseFeedOptions = {}): ParsedFeed {
  const maxItems = opts.maxItems ?? MAX_FEED_ITEMS;
  const text = decodeInput(input, opts.maxBytes ?? MAX_FEED_BYTES, opts.contentType);
  const first = /\S/.exec(text)?.[0];
  if (first === '{') return parseJsonFeed(text, opts.url, maxItems);
  if (first !== '<') {
    throw new FeedError(
      'not-a-feed',
      first ? 'The document is neither XML nor JSON: it is not a feed.' : 'The document is empty.',
    );
  }
  const accept = (qname: string) => FEED_ROOTS.has(localName(qname));
  // Twice the item cap leaves room for items without a usable link, which are skipped.
  const scan = scanXml(text, {
    acceptRoot: accept,
    records: { names: ['item', 'entry'], max: maxItems * 2 },
  });
  if (scan.root === undefined || !accept(scan.root)) throw notAFeed(scan.root);
  const root = parseXml(scan.text, httpUrl(opts.url, undefined));
  if (root.name === 'rss') return parseRss(root, maxItems);
  if (root.name === 'rdf' && root.ns === NS.rdf) return parseRss(root, maxItems);
  if (root.name === 'feed' && (root.ns === NS.atom || root.ns === NS.atom03 || root.ns === '')) {
    return parseAtom(root, maxItems);
  }
  throw notAFeed(scan.root);
}
