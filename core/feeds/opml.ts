/**
 * OPML subscription lists, the format feed readers import and export: read the feeds out of nested outlines
 * (folders are flattened). Reading goes through the same safe XML layer as feeds; ./opml-write.ts writes a list back.
 */
import { FeedError } from './errors';
import { httpUrl, type OpmlFeed } from './opml-write';
import { readXml, type XmlElement } from './xml';

export { type OpmlFeed, writeOpml } from './opml-write';

/** OPML files larger than this are refused. */
export const MAX_OPML_BYTES = 5 * 1024 * 1024;

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
