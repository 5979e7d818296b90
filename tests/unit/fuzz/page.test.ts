// @vitest-environment node
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { PageReading } from '@/core/model';
import { readMetadata } from '@/page/metadata';
import { readPageHtml } from '@/page/read-html';
import { holds, isHttpUrl, isValidDateValue, mixed, NOW } from './property';

const PAGE_URL = 'https://news.example/world/2025/06/27/summit-talks';

const META_KEYS = [
  'og:url',
  'og:title',
  'og:image',
  'og:image:secure_url',
  'og:site_name',
  'og:description',
  'og:type',
  'article:published_time',
  'article:modified_time',
  'article:author',
  'article:section',
  'author',
  'date',
  'pubdate',
  'dc.date',
  'description',
  'twitter:image',
  'twitter:title',
  'parsely-pub-date',
  'sailthru.date',
];
const VALUE_BITS = [
  'https://news.example/a',
  'http://x.example/img.jpg',
  '//cdn.example/i.png',
  '/relative/path',
  'javascript:alert(1)',
  'data:image/png;base64,AAAA',
  'vbscript:x',
  ' ',
  '2025-06-27',
  'T18:40:00',
  'Z',
  '-04:00',
  '+99:99',
  '2031-01-01',
  '1899-12-31',
  'June 27, 2025',
  '27.06.2025',
  'By Jane Doe',
  'Jane Doe, John Roe',
  '<script>alert(1)</script>',
  '"',
  "'",
  '&amp;',
  '\u0000',
  'Kim Jong Un',
  'The Daily Ledger',
  '|',
  'news',
  '1750000000',
];
const value = mixed(VALUE_BITS, 6);
const LD_BITS = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"@type"',
  '"NewsArticle"',
  '"WebPage"',
  '"@graph"',
  '"mainEntity"',
  '"headline"',
  '"datePublished"',
  '"2025-06-27T10:00:00+99:99"',
  '"2099-01-01"',
  '"author"',
  '"name"',
  '"image"',
  '"url"',
  '"javascript:alert(1)"',
  '"https://news.example/i.jpg"',
  '"publisher"',
  '"Jane Doe"',
  'null',
  '1',
  'true',
];

/** A page whose head and body hold arbitrary metadata: metas, canonical link, JSON-LD, <time>, lang. */
const metadataPage = fc.record({
  lang: fc.option(mixed(['en', 'de-DE', 'EN_gb', 'xx', ' ', '123', 'und'], 3)),
  title: fc.option(value),
  metas: fc.array(
    fc.tuple(fc.constantFrom('property', 'name', 'itemprop'), fc.constantFrom(...META_KEYS), value),
    {
      maxLength: 8,
    },
  ),
  canonical: fc.option(value),
  jsonld: fc.array(fc.oneof(fc.json({ maxDepth: 3 }), mixed(LD_BITS, 30)), { maxLength: 2 }),
  times: fc.array(fc.tuple(fc.option(value), value), { maxLength: 3 }),
  body: fc.array(fc.tuple(fc.constantFrom('p', 'h1', 'div', 'span', 'address', 'a'), value), {
    maxLength: 6,
  }),
});

type MetadataPage = typeof metadataPage extends fc.Arbitrary<infer T> ? T : never;

function buildDocument(page: MetadataPage) {
  const { document } = parseHTML('<!doctype html><html><head></head><body><article></article></body></html>');
  const doc = document as unknown as Document;
  const add = (parent: Element, tag: string, attrs: Record<string, string>, text?: string) => {
    const el = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    parent.append(el);
  };
  if (page.lang !== null) doc.documentElement.setAttribute('lang', page.lang);
  if (page.title !== null) add(doc.head, 'title', {}, page.title);
  for (const [attr, key, content] of page.metas) add(doc.head, 'meta', { [attr]: key, content });
  if (page.canonical !== null) add(doc.head, 'link', { rel: 'canonical', href: page.canonical });
  for (const ld of page.jsonld) add(doc.head, 'script', { type: 'application/ld+json' }, ld);
  const article = doc.querySelector('article')!;
  for (const [datetime, text] of page.times)
    add(article, 'time', datetime === null ? {} : { datetime }, text);
  for (const [tag, text] of page.body)
    add(article, tag, tag === 'a' ? { href: text, rel: 'author' } : {}, text);
  return doc;
}

describe('readMetadata (page/metadata.ts) on documents with arbitrary metadata', () => {
  it('never throws; URLs are http(s), dates valid and not in the future, authors are strings', async () => {
    await holds(
      metadataPage,
      (page) => {
        const meta = readMetadata(buildDocument(page), PAGE_URL, { now: NOW });
        expect(isHttpUrl(meta.canonicalUrl), meta.canonicalUrl).toBe(true);
        if (meta.image !== null) expect(isHttpUrl(meta.image), meta.image).toBe(true);
        for (const date of [meta.publishedAt, meta.modifiedAt]) {
          // Checked on the day as written (the offset itself is not range-checked: see dates.test.ts).
          if (date !== null) expect(isValidDateValue(date.replace(/[+-]\d{2}:\d{2}$/, '')), date).toBe(true);
        }
        for (const a of meta.authors) expect(typeof a).toBe('string');
        if (meta.lang !== null) expect(meta.lang).toMatch(/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/);
        expect(typeof meta.title).toBe('string');
      },
      150,
    );
  });
});

const HTML_BITS = [
  '<html>',
  '<head>',
  '</head>',
  '<body>',
  '</body>',
  '<article>',
  '</article>',
  '<main>',
  '<p>',
  '</p>',
  '<h1>',
  '</h1>',
  '<div class="article-body">',
  '<div class="sidebar">',
  '</div>',
  '<nav>',
  '</nav>',
  '<footer>',
  '<script>',
  '</script>',
  '<SCRIPT type="text/javascript">',
  '<script src="x.js"></script>',
  '<style>',
  '</style>',
  '<noscript>',
  '</noscript>',
  '<template>',
  '</template>',
  '<svg><script>',
  '</svg>',
  '<iframe src="javascript:x">',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '<a href="',
  '<a href="javascript:alert(1)">',
  '<a href="/world/other-story">',
  '</a>',
  '">',
  '<img src="',
  '<img onerror="alert(1)" src=x>',
  '<time datetime="',
  '2025-06-27T10:00:00Z',
  '">',
  '</time>',
  '<meta property="og:url" content="',
  '<link rel="canonical" href="',
  '<script type="application/ld+json">',
  '{"@type":"NewsArticle","datePublished":"2031-01-01","headline":"',
  'Kim Jong Un met Donald Trump in Hanoi. ',
  'The talks ended early on June 27, 2025. ',
  'alert(1)',
  '<',
  '>',
  '"',
  "'",
  '&',
  '&amp;',
  '\n',
  ' ',
  'https://',
  'news.example/a',
  '<ul><li>',
  '</li></ul>',
  '<table><tr><td>',
  '<br>',
  '<section>',
  '<aside>',
  '<button>',
];
const htmlish = mixed(HTML_BITS, 60);

function checkReading(reading: PageReading, url: string) {
  expect(reading.url).toBe(url);
  for (const t of reading.teasers) {
    expect(isHttpUrl(t.url), t.url).toBe(true);
    if (t.image !== undefined) expect(isHttpUrl(t.image), t.image).toBe(true);
    expect(t.title).not.toMatch(/<script/i);
  }
  const a = reading.article;
  if (!a) return;
  expect(isHttpUrl(a.canonicalUrl), a.canonicalUrl).toBe(true);
  expect(isHttpUrl(a.url), a.url).toBe(true);
  if (a.image !== null) expect(isHttpUrl(a.image), a.image).toBe(true);
  expect(a.text).not.toMatch(/<script/i);
  for (const date of [a.publishedAt, a.modifiedAt]) {
    if (date !== null) expect(isValidDateValue(date.replace(/[+-]\d{2}:\d{2}$/, '')), date).toBe(true);
  }
}

describe('readPageHtml (page/read-html.ts) on arbitrary HTML-ish strings', () => {
  it('never throws; returns a reading whose URLs are http(s), dates valid, text free of <script', async () => {
    await holds(
      htmlish,
      (html) => {
        checkReading(readPageHtml(html, PAGE_URL, { now: NOW }), PAGE_URL);
      },
      100,
    );
  });

  it('the same on long article-shaped pages wrapped around the noise', async () => {
    const paragraph = fc
      .array(
        fc.constantFrom(
          'Kim Jong Un met Donald Trump in Hanoi. ',
          'The talks ended early on June 27, 2025. ',
          'Officials said more meetings would follow in the coming months. ',
        ),
        { minLength: 3, maxLength: 8 },
      )
      .map((s) => `<p>${s.join('')}</p>`);
    await holds(
      fc.tuple(htmlish, fc.array(fc.oneof(paragraph, htmlish), { minLength: 3, maxLength: 12 })),
      ([head, blocks]) => {
        const html = `<!doctype html><html><head><title>Summit talks</title>${head}</head><body><article><h1>Summit talks</h1>${blocks.join('\n')}</article></body></html>`;
        checkReading(readPageHtml(html, PAGE_URL, { now: NOW }), PAGE_URL);
      },
      60,
    );
  });

  it('arbitrary unicode never makes it throw', async () => {
    await holds(
      fc.string({ maxLength: 400, unit: 'binary' }),
      (html) => {
        checkReading(readPageHtml(html, 'http://127.0.0.1:8080/x', { now: NOW }), 'http://127.0.0.1:8080/x');
      },
      100,
    );
  });
});
