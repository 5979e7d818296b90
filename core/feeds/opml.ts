/**
 * OPML subscription lists, the format feed readers import and export: read the feeds out of nested outlines
 * (folders are flattened), and write a list back. Reading goes through the same safe XML layer as feeds.
 */
import { FeedError } from './errors';
import { readXml, type XmlElement } from './xml';

export interface OpmlFeed {
  title?: string;
  /** The feed's address (absolute http(s)). */
  url: string;
  /** The site the feed belongs to (absolute http(s)). */
  siteUrl?: string;
}

/** OPML files larger than this are refused. */
export const MAX_OPML_BYTES = 5 * 1024 * 1024;

function httpUrl(raw: string | undefined): string | undefined {
  if (!raw?.trim()) return undefined;
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** An attribute whatever its case: readers have written "xmlUrl", "xmlurl" and "XMLURL". */
function attr(el: XmlElement, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(el.attrs)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function collect(el: XmlElement, out: OpmlFeed[], seen: Set<string>): void {
  for (const outline of el.children) {
    if (outline.name !== 'outline') continue;
    const url = httpUrl(attr(outline, 'xmlUrl'));
    if (url && !seen.has(url)) {
      seen.add(url);
      // A title that only repeats the URL (writeOpml's text for an untitled feed) is no title.
      let title = (attr(outline, 'title') ?? '').trim() || (attr(outline, 'text') ?? '').trim();
      if (title === url || title === attr(outline, 'xmlUrl')?.trim()) title = '';
      const siteUrl = httpUrl(attr(outline, 'htmlUrl'));
      out.push({ ...(title && { title }), url, ...(siteUrl && { siteUrl }) });
    }
    collect(outline, out, seen);
  }
}

/**
 * The feeds of an OPML file, in document order, each URL once: outlines at any depth with an absolute http(s)
 * xmlUrl. Throws a FeedError when the text is not OPML (`not-a-feed`), broken (`malformed`) or too large.
 */
export function parseOpml(text: string, options: { maxBytes?: number } = {}): OpmlFeed[] {
  const root = readXml(
    text,
    { maxBytes: options.maxBytes ?? MAX_OPML_BYTES },
    (qname) => qname.toLowerCase() === 'opml',
    (qname) =>
      new FeedError(
        'not-a-feed',
        qname
          ? `The document's root element is <${qname}>, not <opml>: it is not an OPML file.`
          : 'The document is empty.',
      ),
  );
  const out: OpmlFeed[] = [];
  const body = root.children.find((c) => c.name === 'body');
  if (body) collect(body, out, new Set());
  return out;
}

/** Whether XML 1.0 can carry the code point at all (not controls other than tab and line breaks, nor lone surrogates). */
const isXmlChar = (c: number) =>
  c === 0x9 ||
  c === 0xa ||
  c === 0xd ||
  (c >= 0x20 && c < 0xd800) ||
  (c > 0xdfff && c < 0xfffe) ||
  c > 0xffff;

/** Escaped for an attribute value or text: line breaks and tabs as references, so they survive reading. */
function xmlEscape(value: string): string {
  let clean = '';
  for (const ch of value) if (isXmlChar(ch.codePointAt(0)!)) clean += ch;
  return clean.replace(/[&<>"\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An OPML 2.0 document listing `feeds` (non-http(s) URLs are left out); parseOpml reads it back as it was. */
export function writeOpml(feeds: readonly OpmlFeed[], title: string): string {
  const lines = feeds.flatMap((feed) => {
    const url = httpUrl(feed.url);
    if (!url) return [];
    const name = feed.title?.trim() || url;
    const siteUrl = httpUrl(feed.siteUrl);
    const attrs = [`type="rss"`, `text="${xmlEscape(name)}"`];
    if (feed.title?.trim()) attrs.push(`title="${xmlEscape(feed.title.trim())}"`);
    attrs.push(`xmlUrl="${xmlEscape(url)}"`);
    if (siteUrl) attrs.push(`htmlUrl="${xmlEscape(siteUrl)}"`);
    return [`    <outline ${attrs.join(' ')}/>`];
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${xmlEscape(title)}</title>`,
    '  </head>',
    '  <body>',
    ...lines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
