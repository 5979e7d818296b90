/**
 * Writes OPML subscription lists (core/feeds/opml.ts reads them). Apart from the reader, which needs the XML parser,
 * so that the background can export the reader's feeds without loading it.
 */

export interface OpmlFeed {
  title?: string;
  /** The feed's address (absolute http(s)). */
  url: string;
  /** The site the feed belongs to (absolute http(s)). */
  siteUrl?: string;
}

/** The URL when it is an absolute http(s) one. */
export function httpUrl(raw: string | undefined): string | undefined {
  if (!raw?.trim()) return undefined;
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
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
