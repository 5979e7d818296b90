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
