// @vitest-environment node
/**
 * The content script's gate (page/gate.ts): it may only ever turn away pages that are not articles, and it
 * should turn away most of the plain non-article pages, which then cost the page no more than the gate.
 */
import { describe, expect, it } from 'vitest';
import { articleLikeAddress, plainlyNotArticle } from '../../../page/gate';
import {
  devArticlePages,
  extractionDir,
  FIXTURE_URLS,
  fixture,
  hasExtraction,
  MULTI_URLS,
  NON_ARTICLE_URLS,
  parse,
} from './helpers';

const page = (head: string, body: string) => parse(`<html><head>${head}</head><body>${body}</body></html>`);
const paragraphs = (n: number) => '<p>A short line of text.</p>'.repeat(n);
const FRONT = 'https://news.example/world/';

describe('plainlyNotArticle on made-up pages', () => {
  it.each([
    ['og:type article', '<meta property="og:type" content="article">', paragraphs(2), FRONT, false],
    ['og:type article in value', '<meta property="og:type" value="Article">', paragraphs(2), FRONT, false],
    [
      'article:published_time',
      '<meta property="article:published_time" content="2025-06-30">',
      '',
      FRONT,
      false,
    ],
    ['article: by name', '<meta name="article:author" content="A. Writer">', '', FRONT, false],
    [
      'JSON-LD NewsArticle',
      '<script type="application/ld+json">{"@type":"NewsArticle"}</script>',
      '',
      FRONT,
      false,
    ],
    [
      'JSON-LD LiveBlogPosting',
      '<script type="application/ld+json">{"@type":"LiveBlogPosting"}</script>',
      '',
      FRONT,
      false,
    ],
    ['JSON-LD Report', '<script type="application/ld+json">{"@type":"Report"}</script>', '', FRONT, false],
    [
      'microdata article',
      '',
      '<div itemscope itemtype="https://schema.org/NewsArticle"><p>x</p></div>',
      FRONT,
      false,
    ],
    ['articleBody', '', '<div itemprop="articleBody"><p>x</p></div>', FRONT, false],
    ['ten paragraphs', '', paragraphs(10), FRONT, false],
    ['ten line breaks', '', `<td>${'A line of text.<br>'.repeat(10)}</td>`, FRONT, false],
    [
      'a headline slug',
      '',
      paragraphs(3),
      'https://news.example/lokales/neue-radwege-fuer-die-innenstadt',
      false,
    ],
    ['a year in the path', '', paragraphs(3), 'https://news.example/2025/06/30/1234', false],
    [
      'more JSON-LD blocks than are looked into',
      '<script type="application/ld+json">{"@type":"WebSite"}</script>'.repeat(11),
      '',
      FRONT,
      false,
    ],
    ['a section front', '<meta property="og:type" content="website">', paragraphs(4), FRONT, true],
    [
      'JSON-LD WebSite',
      '<script type="application/ld+json">{"@type":"WebSite"}</script>',
      paragraphs(2),
      FRONT,
      true,
    ],
    [
      'video',
      '<meta property="og:type" content="video.other">',
      paragraphs(1),
      'https://tv.example/clips/88213',
      true,
    ],
    ['an empty page', '', '', 'https://app.example/', true],
  ])('%s', (_name, head, body, url, expected) => {
    expect(plainlyNotArticle(page(head, body), url)).toBe(expected);
  });
});

describe('articleLikeAddress', () => {
  it.each([
    ['https://a.example/lokales/neue-radwege-fuer-die-innenstadt', true],
    ['https://a.example/news/story_of_the_long_day?x=1', true],
    ['https://a.example/world/2025/jun/30/storm', true],
    ['https://a.example/1999/', true],
    ['https://a.example/', false],
    ['https://a.example/tag/coastal-erosion', false],
    ['https://a.example/item/4711-ceramic-teapot', false],
    ['https://a.example/find?terms=a-b-c-d-e', false],
    ['https://a.example/a#see-the-whole-long-story', false],
    ['https://a.example/2040/', false],
    ['not an address', false],
  ])('%s → %s', (url, expected) => {
    expect(articleLikeAddress(url)).toBe(expected);
  });
});

describe('plainlyNotArticle on the project fixtures', () => {
  const articles: [string, string][] = [
    ...Object.entries(FIXTURE_URLS).filter(([name]) => !['home', 'search', 'shop'].includes(name)),
    ...Object.entries(MULTI_URLS)
      .filter(([, m]) => m.article)
      .map(([name, m]): [string, string] => [`multi/${name}`, m.url]),
  ];

  it.each(articles)('never turns away the article %s', (name, url) => {
    expect(plainlyNotArticle(fixture(name), url)).toBe(false);
  });

  it('turns away most non-article pages: most of those fixtures cost no more than the gate', () => {
    const others: [string, string][] = [
      ...Object.entries(NON_ARTICLE_URLS).map(([name, url]): [string, string] => [
        `non-articles/${name}`,
        url,
      ]),
      ...['home', 'search', 'shop'].map((name): [string, string] => [name, FIXTURE_URLS[name]!]),
      ['multi/section-front', MULTI_URLS['section-front']!.url],
    ];
    const turned = others
      .filter(([name, url]) => plainlyNotArticle(fixture(name), url))
      .map(([name]) => name);
    console.log(`[gate] non-article fixtures turned away: ${turned.length} of ${others.length}`);
    expect(turned.length / others.length).toBeGreaterThan(0.6);
    // Pages whose address or markup look like an article's go on to the detection.
    expect(turned).not.toContain('non-articles/not-found');
    expect(turned).not.toContain('non-articles/recipe');
  });
});

if (!hasExtraction)
  console.warn(`[gate] ${extractionDir} not found: skipping the gate on the DEV article pages.`);

describe.skipIf(!hasExtraction)('plainlyNotArticle on the DEV pages', () => {
  it('turns away none of the articles', () => {
    const pages = devArticlePages();
    expect(pages.length).toBeGreaterThan(100);
    expect(pages.filter((p) => plainlyNotArticle(parse(p.html), p.url)).map((p) => p.file)).toEqual([]);
  }, 120_000);
});
