// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOpml } from '@/core/feeds/opml';
import { FeedError, MAX_FEED_ITEMS, parseFeed } from '@/core/feeds/parse';
import { holds, isHttpUrl, mixed } from './property';

const FEED_URL = 'https://news.example/feeds/world.xml';

/** Markup and values feeds are made of, hostile ones included, for the parsers to meet in any order. */
const XML_BITS = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<rss version="2.0">',
  '</rss>',
  '<channel>',
  '</channel>',
  '<item>',
  '</item>',
  '<title>',
  '</title>',
  '<link>',
  '</link>',
  '<description>',
  '</description>',
  '<pubDate>',
  '</pubDate>',
  '<guid>',
  '</guid>',
  '<feed xmlns="http://www.w3.org/2005/Atom">',
  '</feed>',
  '<entry>',
  '</entry>',
  '<link href="',
  '" rel="alternate"/>',
  '<updated>',
  '</updated>',
  '<summary type="html">',
  '</summary>',
  '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">',
  '</rdf:RDF>',
  '<![CDATA[',
  ']]>',
  '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">]>',
  '&a;',
  '&amp;',
  '&lt;script&gt;',
  '&#x3C;',
  '&#0;',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<b>',
  '</b>',
  'https://news.example/a',
  '/relative/b',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'Mon, 02 Jun 2025 10:00:00 +0200',
  '2025-06-27T08:30:00-04:00',
  '31 February 2025',
  'Summit talks resume',
  'Über die Grenze',
  '北京',
  ' ',
  '\n',
  '"',
  "'",
  '<',
  '>',
  '{"version":"https://jsonfeed.org/version/1.1","items":[',
  '{"url":"https://news.example/j","title":"T","date_published":"2025-06-01T00:00:00Z"}',
  ']}',
  ',',
];

/**
 * HTML as feeds carry it in a title or description: escaped as XML text, or inside CDATA. (No character reference
 * for `<` here: text that reads "<script>" once decoded is text, and the UI shows it as text.)
 */
const HTML_BITS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<b>Summit</b> talks',
  '<a href="javascript:alert(1)">more</a>',
  '<p>',
  '</p>',
  '&amp;',
  '&nbsp;',
  'Über die Grenze ',
  '北京 ',
  ' ',
  '\n',
  '"',
  "'",
];
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const htmlField = fc
  .tuple(mixed(HTML_BITS, 10), fc.boolean())
  .map(([html, cdata]) => (cdata ? `<![CDATA[${html.replace(/]]>/g, '')}]]>` : escapeXml(html)));
const LINKS = [
  'https://news.example/world/1',
  'http://news.example/world/2',
  '/world/3',
  'world/4?a=1&amp;b=2',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,%3Cscript%3Ealert(1)%3C/script%3E',
  'mailto:desk@news.example',
  '',
  '   https://news.example/world/5   ',
];
const rssItem = fc
  .record({
    title: htmlField,
    link: fc.constantFrom(...LINKS),
    description: htmlField,
    pubDate: fc.constantFrom('Mon, 02 Jun 2025 10:00:00 +0200', '2025-06-27', 'yesterday', '', '31 Feb 2025'),
  })
  .map(
    (i) =>
      `<item><title>${i.title}</title><link>${i.link}</link><description>${i.description}</description><pubDate>${i.pubDate}</pubDate></item>`,
  );
const rssFeed = fc
  .array(rssItem, { minLength: 1, maxLength: 12 })
  .map(
    (items) =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>${items.join('')}</channel></rss>`,
  );

/** What every feed the parser returns must hold, whatever it was given. */
function checkFeed(input: string): true {
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(input, { url: FEED_URL });
  } catch (error) {
    // The one error it may throw: a FeedError with a message for the reader.
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).message.length).toBeGreaterThan(0);
    return true;
  }
  expect(feed.items.length).toBeLessThanOrEqual(MAX_FEED_ITEMS);
  expect(typeof feed.title).toBe('string');
  if (feed.siteUrl !== undefined) expect(isHttpUrl(feed.siteUrl)).toBe(true);
  const urls = feed.items.map((i) => i.url);
  expect(new Set(urls).size).toBe(urls.length);
  for (const item of feed.items) {
    expect(isHttpUrl(item.url), item.url).toBe(true);
    expect(item.title.length).toBeGreaterThan(0);
    expect(item.title.length).toBeLessThanOrEqual(301);
    if (item.summary !== undefined) expect(item.summary.length).toBeLessThanOrEqual(301);
    if (item.publishedAt !== undefined) {
      expect(item.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}/);
      expect(
        Number.isNaN(
          Date.parse(item.publishedAt.length === 10 ? `${item.publishedAt}T00:00:00Z` : item.publishedAt),
        ),
      ).toBe(false);
    }
  }
  return true;
}

describe('feed parsing under fuzz (fast-check)', () => {
  it('any mix of feed markup: a FeedError or a feed whose items link to http(s) pages, bounded', async () => {
    await holds(mixed(XML_BITS, 60), checkFeed, 400);
  });

  it('RSS items with hostile fields: nothing but http(s) links, no markup in titles and summaries', async () => {
    await holds(
      rssFeed,
      (xml) => {
        checkFeed(xml);
        // Well-formed: it parses, and every item with an http(s) link (a relative one resolves) is kept.
        const feed = parseFeed(xml, { url: FEED_URL });
        const links = [...xml.matchAll(/<link>([^<]*)<\/link>/g)]
          .map((m) => m[1]!.replace(/&amp;/g, '&').trim())
          .filter((l) => l && !/^(?:javascript|data|mailto):/i.test(l))
          .map((l) => new URL(l, FEED_URL).href);
        expect(feed.items.map((i) => i.url)).toEqual([...new Set(links)]);
        for (const item of feed.items) {
          // RSS titles and descriptions are HTML: read as text, tags gone.
          expect(item.title).not.toMatch(/<(?:script|img|b)\b/i);
          expect(item.summary ?? '').not.toMatch(/<(?:script|img|b)\b/i);
        }
        return true;
      },
      200,
    );
  });

  it('bytes in any encoding: decoded or refused with a FeedError', async () => {
    await holds(
      fc.tuple(
        fc.uint8Array({ maxLength: 400 }),
        fc.constantFrom(
          undefined,
          'text/xml; charset=iso-8859-1',
          'application/rss+xml; charset=shift_jis',
          'text/xml; charset=bogus',
        ),
      ),
      ([bytes, contentType]) => {
        const xml = new TextEncoder().encode(
          '<?xml version="1.0"?><rss version="2.0"><channel><item><title>',
        );
        const all = new Uint8Array([...xml, ...bytes]);
        try {
          const feed = parseFeed(all, { url: FEED_URL, contentType });
          for (const item of feed.items) expect(isHttpUrl(item.url)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(FeedError);
        }
        return true;
      },
      200,
    );
  });

  it('OPML: a FeedError or feeds with http(s) addresses only', async () => {
    const OPML = [
      '<opml version="2.0">',
      '</opml>',
      '<body>',
      '</body>',
      '<outline text="W" type="rss" xmlUrl="',
      '" htmlUrl="',
      '">',
      '"/>',
      '</outline>',
      'https://news.example/rss',
      'javascript:alert(1)',
      'feed://news.example/x',
      '&amp;',
      '&#0;',
      '"',
      '<',
    ];
    await holds(
      mixed(OPML, 40),
      (text) => {
        try {
          for (const feed of parseOpml(text)) {
            expect(isHttpUrl(feed.url), feed.url).toBe(true);
            if (feed.siteUrl !== undefined) expect(isHttpUrl(feed.siteUrl)).toBe(true);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(FeedError);
        }
        return true;
      },
      300,
    );
  });
});
