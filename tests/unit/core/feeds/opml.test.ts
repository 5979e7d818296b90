// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedError } from '../../../../core/feeds/errors';
import { type OpmlFeed, parseOpml, writeOpml } from '../../../../core/feeds/opml';

const FIXTURES = resolve(import.meta.dirname, '../../../fixtures/feeds');

describe('parseOpml', () => {
  it('reads nested outlines in document order, http(s) feeds only, each once', () => {
    expect(parseOpml(readFileSync(resolve(FIXTURES, 'subscriptions.opml'), 'utf8'))).toEqual([
      {
        title: 'Harbour Courier',
        url: 'https://harbourcourier.example/feed.xml',
        siteUrl: 'https://harbourcourier.example/',
      },
      { title: 'Bayside Observer <News>', url: 'https://baysideobserver.example/news/atom.xml' },
      {
        title: 'Island Herald',
        url: 'https://islandherald.example/feed.json',
        siteUrl: 'https://islandherald.example/',
      },
      { title: 'Old reader style', url: 'http://oldreader.example/rss' },
    ]);
  });

  it.each([
    ['not-a-feed', '<rss version="2.0"><channel/></rss>', /root element is <rss>, not <opml>/],
    ['not-a-feed', '', /empty/],
    [
      'malformed',
      '<opml><body><outline xmlUrl="https://a.example/f"></body></opml>',
      /<\/body> closes <outline>/,
    ],
    ['too-large', `<opml>${' '.repeat(2000)}</opml>`, /over the 1 KB limit/],
  ] as const)('%s: %s', (code, text, message) => {
    let error: unknown;
    try {
      parseOpml(text, { maxBytes: 1024 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).code).toBe(code);
    expect((error as FeedError).message).toMatch(message);
  });
});

describe('writeOpml', () => {
  const feeds: OpmlFeed[] = [
    {
      title: 'Quotes "double" & \'single\' <tags>',
      url: 'https://a.example/feed?x=1&y=2',
      siteUrl: 'https://a.example/',
    },
    { title: 'Line\nbreak\tand tab', url: 'https://b.example/rss' },
    { title: 'Ünïcödé ✓ 😀 日本語', url: 'https://c.example/atom.xml' },
    { url: 'https://d.example/untitled.xml' },
    { title: ']]> --> <!-- &amp; &#38;', url: 'http://e.example/feed' },
  ];

  it('escapes what it writes, and parseOpml reads the same list back', () => {
    const xml = writeOpml(feeds, 'Backstory & friends <export>');
    expect(xml).toContain('<title>Backstory &#38; friends &#60;export&#62;</title>');
    expect(xml).toContain('xmlUrl="https://a.example/feed?x=1&#38;y=2"');
    expect(xml).not.toMatch(/="[^"]*[<&](?!#\d+;)[^"]*"/);
    expect(parseOpml(xml)).toEqual(feeds);
  });

  it('leaves out characters XML cannot carry and links that are not http(s)', () => {
    const xml = writeOpml(
      [
        { title: 'Bell\u0007 and lone \uD800 surrogate', url: 'https://f.example/feed' },
        { title: 'Script', url: 'javascript:alert(1)' },
      ],
      'x\u0000y',
    );
    expect(xml).toContain('<title>xy</title>');
    expect(parseOpml(xml)).toEqual([{ title: 'Bell and lone  surrogate', url: 'https://f.example/feed' }]);
  });

  it('writes an empty list as a valid document', () => {
    expect(parseOpml(writeOpml([], 'Nothing yet'))).toEqual([]);
  });
});
