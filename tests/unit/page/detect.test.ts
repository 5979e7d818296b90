// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { detectArticle } from '../../../page/detect';
import { FIXTURE_URLS, fixture, parse } from './helpers';

describe('detectArticle on fixtures', () => {
  it.each([
    ['seed', true, 'og:article'],
    ['jsonld-article', true, 'jsonld:NewsArticle'],
    ['meta-only', true, 'meta:published_time'],
    ['meta-value', true, 'og:article'],
    ['german-text-date', true, 'paragraphs=3'],
    ['home', false, 'listing'],
    ['search', false, 'search'],
    ['shop', false, 'shop'],
  ])('%s → isArticle %s (signal %s)', (name, expected, signal) => {
    const result = detectArticle(fixture(name), FIXTURE_URLS[name]!);
    expect(result.isArticle).toBe(expected);
    expect(result.signals).toContain(signal);
  });
});

describe('detectArticle on JSON-LD shapes', () => {
  const page = (ld: string, body = '<p>Short text.</p>') =>
    parse(`<html><head><script type="application/ld+json">${ld}</script></head><body>${body}</body></html>`);
  it.each([
    ['{"@type":"NewsArticle"}', 'jsonld:NewsArticle'],
    ['[{"@type":"WebPage"},{"@type":"ReportageNewsArticle"}]', 'jsonld:ReportageNewsArticle'],
    ['{"@graph":[{"@type":"WebSite"},{"@type":["BlogPosting"]}]}', 'jsonld:BlogPosting'],
    ['{"@type":"http://schema.org/AnalysisNewsArticle"}', 'jsonld:AnalysisNewsArticle'],
    ['{"@type":"WebPage","mainEntity":{"@type":"LiveBlogPosting"}}', 'jsonld:LiveBlogPosting'],
  ])('%s', (ld, signal) => {
    const result = detectArticle(page(ld), 'https://news.example/world/some-story-slug');
    expect(result.isArticle).toBe(true);
    expect(result.signals).toContain(signal);
  });

  it('ignores broken JSON-LD and falls back to the text', () => {
    const result = detectArticle(page('{"@type": "NewsArticle",,,'), 'https://news.example/world/x');
    expect(result.isArticle).toBe(false);
  });

  it('accepts an article with microdata only', () => {
    const doc = parse(
      '<html><body><div itemscope itemtype="https://schema.org/NewsArticle"><h1>Title</h1><p>Text.</p></div></body></html>',
    );
    expect(detectArticle(doc, 'https://news.example/a/b-c-d').isArticle).toBe(true);
  });

  it('does not modify the page', () => {
    const doc = fixture('seed');
    const before = doc.documentElement.outerHTML;
    detectArticle(doc, FIXTURE_URLS.seed!);
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});

describe('pages about the site, by their own name in the address', () => {
  // Long running text, og:type article as a CMS gives every page: still not news.
  const longText =
    '<p>' +
    'This paragraph of running text is long enough to be read as part of an article. '.repeat(3) +
    '</p>';
  const page = (head = '<meta property="og:type" content="article">') =>
    parse(`<html><head>${head}</head><body><main>${longText.repeat(6)}</main></body></html>`);
  it.each([
    ['https://news.example/privacy-policy', false],
    ['https://news.example/legal/privacy', false],
    ['https://zeitung.example/impressum.html', false],
    ['https://zeitung.example/datenschutz/', false],
    ['https://news.example/terms-and-conditions', false],
    ['https://journal.example/mentions-legales', false],
    ['https://news.example/about-us', false],
    ['https://news.example/contact', false],
    // A story filed under such a section, or with such a word in its slug, is still a story.
    ['https://news.example/business/jobs-report-shows-slowing-hiring', true],
    ['https://news.example/tech/privacy/apple-tightens-app-tracking-rules', true],
    ['https://news.example/world/2025/06/30/about-the-storm-what-we-know', true],
  ])('%s → isArticle %s', (url, expected) => {
    const result = detectArticle(page(), url);
    expect(result.isArticle, result.signals.join(' ')).toBe(expected);
    expect(result.signals.includes('url:site')).toBe(!expected);
  });

  it('a news article type in JSON-LD still wins over the address', () => {
    const doc = page('<script type="application/ld+json">{"@type":"NewsArticle"}</script>');
    expect(detectArticle(doc, 'https://news.example/contact').isArticle).toBe(true);
  });
});

describe('pages whose markup names another kind than news', () => {
  const body = `<article>${'<p>Running text of a page that reads like an article, long enough to count as a paragraph here.</p>'.repeat(6)}</article>`;
  const page = (head: string) => parse(`<html><head>${head}</head><body>${body}</body></html>`);
  const ld = (type: string) =>
    `<meta property="og:type" content="article"><script type="application/ld+json">{"@type":"${type}"}</script>`;
  it.each([
    ['a job posting', ld('JobPosting'), 'page:jobs'],
    ['a recipe', ld('Recipe'), 'page:recipe'],
    ['a podcast episode', ld('PodcastEpisode'), 'page:audio'],
    ['an about page', ld('AboutPage'), 'page:about'],
    [
      'a wiki entry (its JSON-LD says Article)',
      `<meta name="generator" content="MediaWiki 1.42.1">${ld('Article')}`,
      'page:wiki',
    ],
  ])('%s → not an article', (_name, head, signal) => {
    const result = detectArticle(page(head), 'https://site.example/section/a-page-with-a-long-slug');
    expect(result.isArticle).toBe(false);
    expect(result.signals).toContain(signal);
  });

  it('a recipe published as a news article (both types) stays an article', () => {
    const head = '<script type="application/ld+json">[{"@type":"NewsArticle"},{"@type":"Recipe"}]</script>';
    expect(detectArticle(page(head), 'https://site.example/food/a-page-with-a-long-slug').isArticle).toBe(
      true,
    );
  });
});
