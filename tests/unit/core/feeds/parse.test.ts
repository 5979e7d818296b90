// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedError, type FeedErrorCode, type ParsedFeed, parseFeed } from '../../../../core/feeds/parse';

const FIXTURES = resolve(import.meta.dirname, '../../../fixtures/feeds');
const bytes = (name: string) => new Uint8Array(readFileSync(resolve(FIXTURES, name)));

/** The FeedError `fn` throws. */
function feedError(fn: () => unknown): FeedError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FeedError) return e;
    throw e;
  }
  throw new Error('expected a FeedError');
}

/** A generated RSS 2.0 feed of `count` items, each about `pad` bytes larger than the bare item. */
function generatedFeed(count: number, pad = 0): string {
  const items = Array.from(
    { length: count },
    (_, i) =>
      `<item><title>Story ${i}</title><link>https://big.example/${i}</link>` +
      `<description>&lt;p&gt;Paragraph ${i} ${'x'.repeat(pad)}&lt;/p&gt;</description>` +
      '<pubDate>Mon, 30 Jun 2025 09:15:00 +0200</pubDate></item>',
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title><link>https://big.example/</link>${items.join('\n')}</channel></rss>`;
}

describe('parseFeed: fixtures', () => {
  const cases: [string, ParsedFeed][] = [
    [
      'rss091.xml',
      {
        kind: 'rss',
        version: '0.91',
        title: 'Harbour Courier & Gazette',
        siteUrl: 'https://harbourcourier.example/',
        items: [
          {
            title: 'Ferry timetable changes for the winter',
            url: 'https://harbourcourier.example/news/ferry-winter-timetable',
            // &eacute; is declared in the external RSS 0.91 DTD, never fetched: decoded as the HTML entity it is
            summary:
              'The island ferry will run four times a day from November, the operator said. Café owners on the quay are worried.',
          },
          {
            title: 'Lighthouse lantern lifted back into place',
            url: 'https://harbourcourier.example/news/lighthouse-lantern',
            summary: 'A crane returned the restored lantern to the tower on Tuesday morning.',
          },
        ],
      },
    ],
    [
      'rss2.xml',
      {
        kind: 'rss',
        version: '2.0',
        title: 'The Daily Ledger — World',
        siteUrl: 'https://dailyledger.example/world/',
        items: [
          {
            title: 'Dam inspection finds cracks in the spillway',
            url: 'https://dailyledger.example/world/2025/06/30/dam-inspection-cracks',
            publishedAt: '2025-06-30T09:15:00+02:00',
            summary:
              'Engineers found three cracks in the spillway of the river dam. The valley road stays open.',
            guid: 'https://dailyledger.example/world/2025/06/30/dam-inspection-cracks',
            authors: ['Maria Okafor', 'Tom Reyes'],
          },
          {
            title: 'Port strike: talks collapse & ships wait offshore',
            // relative link, no feed URL given: resolved against the channel's link
            url: 'https://dailyledger.example/world/2025/06/29/port-strike-talks-collapse',
            publishedAt: '2025-06-29T22:40:00-05:00',
            summary:
              "Ships wait Twelve container ships are anchored offshore as the dockworkers' strike enters its second week. Union leaders walked out of talks on Sunday evening, saying the port authority had withdrawn its offer on night-shift pay. Shipping lines have begun diverting cargo to the northern terminal…",
            guid: 'ledger-48213',
            authors: ['Ana Lima'],
          },
          // the javascript: item is skipped
          {
            title: 'Storm warning for the coast',
            url: 'https://dailyledger.example/world/2025/06/28/storm-warning', // the permalink guid
            summary: 'Forecasters expect gusts of 100 km/h on Saturday night.', // unreadable date: left out
            guid: 'https://dailyledger.example/world/2025/06/28/storm-warning',
          },
          {
            title: 'Only a description — no title here, but a link: the summary names it.',
            url: 'https://dailyledger.example/world/2025/06/27/brief',
            publishedAt: '2025-06-27',
            summary: 'Only a description — no title here, but a link: the summary names it.',
          },
        ],
      },
    ],
    [
      'rdf.xml',
      {
        kind: 'rdf',
        version: '1.0',
        title: 'Stadtanzeiger: Lokales',
        siteUrl: 'https://stadtanzeiger.example/lokales/',
        items: [
          {
            title: 'Neue Radwege für die Innenstadt',
            url: 'https://stadtanzeiger.example/lokales/neue-radwege',
            publishedAt: '2025-06-24T18:30:00+02:00',
            summary: 'Der Stadtrat hat am Dienstag drei neue Radwege beschlossen.',
            guid: 'https://stadtanzeiger.example/lokales/neue-radwege',
            authors: ['Jana Schulz'],
          },
          {
            title: 'Bibliothek öffnet länger',
            url: 'https://stadtanzeiger.example/lokales/bibliothek',
            publishedAt: '2025-06-23',
            guid: 'https://stadtanzeiger.example/lokales/bibliothek',
          },
        ],
      },
    ],
    [
      'atom.xml',
      {
        kind: 'atom',
        version: '1.0',
        title: 'Bayside Observer <News>', // type="text": taken as it is
        siteUrl: 'https://baysideobserver.example/news/', // href="./" against the feed's xml:base
        items: [
          {
            title: 'Erosion eats the dunes & the path', // type="html": tags stripped, entities decoded
            url: 'https://baysideobserver.example/news/2025/06/coastal-erosion', // the text/html alternate
            publishedAt: '2025-06-29T23:30:00-07:00', // published, not updated
            summary: 'The dune path lost two metres in the spring storms.',
            guid: 'tag:baysideobserver.example,2025:17',
            authors: ['Priya Nair'],
          },
          {
            title: 'Ferry & bus tickets merge',
            url: 'https://baysideobserver.example/features/ticket-merger', // the entry's own xml:base
            publishedAt: '2025-06-28T10:00:00+01:00', // only updated
            summary: 'One ticket for the ferry and the bus. It costs less.', // xhtml content
            guid: 'tag:baysideobserver.example,2025:18',
            authors: ['Observer Desk'], // the feed's author
          },
          // the entry with only a rel="self" link is skipped
        ],
      },
    ],
    [
      'feed.json',
      {
        kind: 'json',
        version: '1.1',
        title: 'Island Herald',
        siteUrl: 'https://islandherald.example/',
        items: [
          {
            title: 'Harbour wall repairs start <soon>', // JSON Feed titles are plain text
            url: 'https://islandherald.example/2025/06/30/harbour-wall',
            publishedAt: '2025-06-30T07:45:00+12:00',
            summary: 'Repairs to the harbour wall begin in July & last six weeks.',
            guid: 'https://islandherald.example/2025/06/30/harbour-wall',
            authors: ['Kiri Walker', 'Sam Hale'],
          },
          {
            title: 'School roof fixed before term',
            url: 'https://islandherald.example/2025/06/29/school-roof', // relative, against feed_url
            publishedAt: '2025-06-29',
            summary: 'The leaking roof of the primary school was fixed over the weekend.',
            guid: '42',
            authors: ['Herald Staff'],
          },
          // the data: item is skipped
          {
            title: 'A story elsewhere worth reading.',
            url: 'https://other.example/story', // external_url
            summary: 'A story elsewhere worth reading.',
            guid: 'linkblog-1',
            authors: ['Herald Staff'],
          },
        ],
      },
    ],
    [
      'windows-1252.xml',
      {
        kind: 'rss',
        version: '2.0',
        title: 'Café Gazette – Nouvelles',
        siteUrl: 'https://cafegazette.example/',
        items: [
          {
            title: '“Crème brûlée” contest won by a baker from Liège',
            url: 'https://cafegazette.example/creme-brulee',
            publishedAt: '2025-06-27T14:00:00+01:00',
            summary: 'Prize: € 500 and a trophy.',
          },
        ],
      },
    ],
    [
      'iso-8859-1.xml',
      {
        kind: 'rss',
        version: '2.0',
        title: 'Frühstück News',
        siteUrl: 'https://fruehstueck.example/',
        items: [
          {
            title: 'Straßenfest am Wochenende',
            url: 'https://fruehstueck.example/strassenfest',
            summary: 'Grüße aus München © 2025',
          },
        ],
      },
    ],
  ];

  it.each(cases)('%s', (name, expected) => {
    expect(parseFeed(bytes(name))).toEqual(expected);
  });

  it.each(cases)('%s: the same from a string as from bytes', (name) => {
    if (name === 'windows-1252.xml' || name === 'iso-8859-1.xml') return;
    expect(parseFeed(readFileSync(resolve(FIXTURES, name), 'utf8'))).toEqual(parseFeed(bytes(name)));
  });

  it.each([
    ['malformed.xml', 'malformed', /not well-formed XML: <\/item> closes <title> \(line 9\)/],
    ['not-a-feed.html', 'not-a-feed', /HTML page, not a feed/],
  ] as const)('%s → %s', (name, code, message) => {
    const e = feedError(() => parseFeed(bytes(name)));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });
});

describe('parseFeed: safety', () => {
  it('never expands DTD entities ("billion laughs" and external entities stay as written, small and fast)', () => {
    const started = performance.now();
    const feed = parseFeed(bytes('billion-laughs.xml'));
    expect(performance.now() - started).toBeLessThan(500);
    expect(feed.title).toBe('&lol9;');
    expect(feed.items).toEqual([
      { title: '&lol9;&lol9;&lol9;', url: 'https://laughs.example/a', summary: '&lol9; &xxe;' },
    ]);
    expect(JSON.stringify(feed).length).toBeLessThan(300);
  });

  it('refuses input over the byte cap before parsing it, as bytes and as a string', () => {
    const huge = generatedFeed(30_000, 150); // about 6 MB, generated here, not checked in
    expect(huge.length).toBeGreaterThan(5 * 1024 * 1024);
    const encoded = new TextEncoder().encode(huge);
    const started = performance.now();
    const e = feedError(() => parseFeed(encoded));
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/over the 5\.0 MB limit/);
    expect(feedError(() => parseFeed(huge)).code).toBe('too-large');
    expect(performance.now() - started).toBeLessThan(1000);
    // multi-byte characters count as the bytes they take
    expect(feedError(() => parseFeed(`<rss>${'é'.repeat(600)}</rss>`, { maxBytes: 1000 })).code).toBe(
      'too-large',
    );
  });

  it('keeps at most maxItems items (500 by default) and reads a feed just under the cap', () => {
    const big = generatedFeed(16_000, 90); // about 4.5 MB
    expect(big.length).toBeLessThan(5 * 1024 * 1024);
    const started = performance.now();
    const feed = parseFeed(big);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(feed.items).toHaveLength(500);
    expect(feed.items[499]!.url).toBe('https://big.example/499');
    expect(parseFeed(generatedFeed(20), { maxItems: 3 }).items.map((i) => i.title)).toEqual([
      'Story 0',
      'Story 1',
      'Story 2',
    ]);
  });

  it('refuses deep nesting instead of recursing into it', () => {
    const e = feedError(() => parseFeed(`<rss version="2.0">${'<x>'.repeat(200_000)}`));
    expect(e.code).toBe('malformed');
    expect(e.message).toMatch(/nested more than 100 deep/);
  });

  it.each([
    [
      'a feed cut short',
      `<rss version="2.0"><channel><title>T</title><item><title>A</title>`,
      /ends inside <item>/,
    ],
    [
      'a stray "<"',
      `<rss version="2.0"><channel><title>1 < 2</title></channel></rss>`,
      /"<" that starts no tag/,
    ],
    ['an unquoted attribute', `<rss version=2.0><channel/></rss>`, /"<" that starts no tag/],
    ['two roots', `<rss version="2.0"><channel/></rss><rss/>`, /a second root element/],
    ['an unclosed comment', `<rss version="2.0"><!-- <channel/></rss>`, /comment is never closed/],
    ['broken JSON', `{"version":"https://jsonfeed.org/version/1.1","items":[`, /not valid JSON/],
    ['a JSON Feed without items', `{"version":"https://jsonfeed.org/version/1"}`, /no "items" list/],
  ])('%s is malformed', (_, text, message) => {
    const e = feedError(() => parseFeed(text));
    expect(e.code).toBe('malformed');
    expect(e.message).toMatch(message);
  });

  it.each([
    ['an empty document', '', /empty/],
    ['plain text', 'Just some words.', /neither XML nor JSON/],
    ['other XML', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', /root element <svg>/],
    ['an HTML page without a DOCTYPE', '<html><body><p>Hi<br></body></html>', /HTML page/],
    ['JSON that is not a JSON Feed', '{"title":"x","items":[]}', /not a JSON Feed/],
    ['a JSON array', '[1, 2]', /neither XML nor JSON/],
  ])('%s is not a feed', (_, text, message) => {
    const e = feedError(() => parseFeed(text));
    expect(e.code).toBe('not-a-feed');
    expect(e.message).toMatch(message);
  });
});

describe('parseFeed: encodings', () => {
  const rss = (title: string, decl = '') =>
    `<?xml version="1.0"${decl}?><rss version="2.0"><channel><title>${title}</title></channel></rss>`;

  it('uses the Content-Type charset when the feed declares nothing', () => {
    const latin = Uint8Array.from(
      [...new TextEncoder().encode(rss('Caf_'))].map((b) => (b === 0x5f ? 0xe9 : b)),
    );
    expect(parseFeed(latin, { contentType: 'application/rss+xml; charset=windows-1252' }).title).toBe('Café');
    expect(feedError(() => parseFeed(latin)).code).toBe('bad-encoding'); // not UTF-8, and nothing said so
  });

  it('falls back to the XML declaration when the Content-Type charset does not decode the bytes', () => {
    const latin = Uint8Array.from(
      [...new TextEncoder().encode(rss('Caf_', ' encoding="iso-8859-1"'))].map((b) =>
        b === 0x5f ? 0xe9 : b,
      ),
    );
    expect(parseFeed(latin, { contentType: 'text/xml; charset=utf-8' }).title).toBe('Café');
  });

  it('reads UTF-16 with a BOM and UTF-8 with a BOM', () => {
    const text = rss('Ünïcödé ✓');
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + i * 2] = text.charCodeAt(i) & 0xff;
    for (let i = 0; i < text.length; i++) utf16[3 + i * 2] = text.charCodeAt(i) >> 8;
    expect(parseFeed(utf16).title).toBe('Ünïcödé ✓');
    expect(parseFeed(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])).title).toBe(
      'Ünïcödé ✓',
    );
  });

  it('reads a feed whose declared encoding is unknown when its bytes are UTF-8', () => {
    expect(parseFeed(new TextEncoder().encode(rss('Café', ' encoding="x-made-up"'))).title).toBe('Café');
  });

  it.each([
    [
      'an unknown declared encoding, and bytes that are not UTF-8',
      Uint8Array.from(
        [...new TextEncoder().encode(rss('Caf_', ' encoding="x-made-up"'))].map((b) =>
          b === 0x5f ? 0xe9 : b,
        ),
      ),
      /"x-made-up", which is not supported/,
    ],
    [
      'invalid UTF-8',
      Uint8Array.from([...new TextEncoder().encode(rss('Caf_'))].map((b) => (b === 0x5f ? 0xff : b))),
      /not valid UTF-8/,
    ],
  ])('%s → bad-encoding', (_, input, message) => {
    const e = feedError(() => parseFeed(input));
    expect(e.code).toBe('bad-encoding');
    expect(e.message).toMatch(message);
  });
});

describe('parseFeed: links, text and dates', () => {
  const atomEntry = (entry: string, feedAttrs = '') =>
    `<feed xmlns="http://www.w3.org/2005/Atom"${feedAttrs}><title>T</title><entry><title>E</title>${entry}</entry></feed>`;

  it('resolves relative links against the feed URL, and xml:base against it', () => {
    const url = 'https://feeds.example/world/atom.xml';
    expect(parseFeed(atomEntry('<link href="a"/>'), { url }).items[0]!.url).toBe(
      'https://feeds.example/world/a',
    );
    expect(parseFeed(atomEntry('<link href="a"/>', ' xml:base="/news/"'), { url }).items[0]!.url).toBe(
      'https://feeds.example/news/a',
    );
    const rss = parseFeed(readFileSync(resolve(FIXTURES, 'rss2.xml')), {
      url: 'https://feeds.dailyledger.example/world.xml',
    });
    expect(rss.items[1]!.url).toBe(
      'https://feeds.dailyledger.example/world/2025/06/29/port-strike-talks-collapse',
    );
  });

  it.each([
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    [' javascript:alert(1)'],
    ['data:text/html,hi'],
    ['vbscript:x'],
    ['mailto:desk@news.example'],
    ['ftp://files.example/a'],
    ['relative/without/any/base'],
  ])('skips an item whose only link is %s', (href) => {
    expect(parseFeed(atomEntry(`<link href="${href}"/>`)).items).toEqual([]);
  });

  it('reads Atom without a namespace and Atom 0.3 leniently', () => {
    const bare =
      '<feed><title>T</title><entry><title>E</title><link href="https://a.example/1"/></entry></feed>';
    expect(parseFeed(bare).items[0]!.url).toBe('https://a.example/1');
    const old = `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>T</title><entry><title mode="escaped">&lt;b&gt;E&lt;/b&gt;</title>
      <link rel="alternate" type="text/html" href="https://a.example/2"/><issued>2004-01-01T10:00:00Z</issued></entry></feed>`;
    expect(parseFeed(old)).toMatchObject({
      version: '0.3',
      items: [{ title: 'E', url: 'https://a.example/2', publishedAt: '2004-01-01T10:00:00Z' }],
    });
  });

  it('strips HTML from titles and summaries, drops scripts, and cuts summaries at a word boundary', () => {
    const long = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const feed = parseFeed(`<rss version="2.0"><channel><title>T</title><item>
      <title>&lt;script&gt;alert(1)&lt;/script&gt;Hello &amp;amp; &lt;i&gt;welcome&lt;/i&gt;&amp;nbsp;home</title>
      <link>https://a.example/1</link>
      <description><![CDATA[<style>p{}</style><p>${long}</p>]]></description></item></channel></rss>`);
    const [item] = feed.items;
    expect(item!.title).toBe('Hello & welcome home');
    expect(item!.summary!.length).toBeLessThanOrEqual(300);
    expect(item!.summary).toMatch(/^word0 word1 .* word\d+…$/);
    expect(long.startsWith(item!.summary!.slice(0, -1))).toBe(true);
  });

  it('takes the first date that reads, and leaves out one that does not', () => {
    const item = (dates: string) =>
      parseFeed(`<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><item>
        <link>https://a.example/1</link>${dates}</item></channel></rss>`).items[0]!.publishedAt;
    expect(item('<pubDate>garbage</pubDate><dc:date>2025-06-24T18:30:00+02:00</dc:date>')).toBe(
      '2025-06-24T18:30:00+02:00',
    );
    expect(item('<pubDate>Mon, 31 Jun 2025 10:00:00 GMT</pubDate>')).toBeUndefined();
    // an undeclared dc: prefix is read as Dublin Core
    expect(
      parseFeed(
        '<rss><channel><item><link>https://a.example/1</link><dc:date>2025-06-24</dc:date></item></channel></rss>',
      ).items[0]!.publishedAt,
    ).toBe('2025-06-24');
  });

  it('keeps each link once', () => {
    const feed = parseFeed(
      '<rss version="2.0"><channel><item><title>A</title><link>https://a.example/1</link></item><item><title>B</title><link>https://a.example/1</link></item></channel></rss>',
    );
    expect(feed.items.map((i) => i.title)).toEqual(['A']);
  });

  it('names a feed without a title by its site', () => {
    expect(
      parseFeed('<rss version="2.0"><channel><link>https://www.site.example/</link></channel></rss>').title,
    ).toBe('www.site.example');
  });

  it.each([
    ['too-large', () => parseFeed('<rss/>', { maxBytes: 3 })],
    ['not-a-feed', () => parseFeed('hello')],
  ] as [FeedErrorCode, () => unknown][])('errors are FeedErrors with code %s', (code, fn) => {
    const e = feedError(fn);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('FeedError');
    expect(e.code).toBe(code);
  });
});

describe('parseFeed: limits on single fields', () => {
  it('cuts a title that is a whole article', () => {
    const title = 'word '.repeat(5000);
    const feed = parseFeed(
      `<rss version="2.0"><channel><item><title>${title}</title><link>https://a.example/1</link></item></channel></rss>`,
    );
    expect(feed.items[0]!.title.length).toBeLessThanOrEqual(300);
    expect(feed.items[0]!.title.endsWith('word…')).toBe(true);
  });
});
