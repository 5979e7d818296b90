// @vitest-environment node
/**
 * Precision and recall of detectArticle, and of the content script's whole decision (its gate, page/gate.ts,
 * then detectArticle): the project's own fixtures (non-articles of many kinds, the multi-article pages, the
 * single-article fixtures) always; plus the shared extraction DEV pages (all articles) when ../shared is present.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectArticle } from '../../../page/detect';
import { plainlyNotArticle } from '../../../page/gate';
import {
  devArticlePages,
  extractionDir,
  FIXTURE_URLS,
  fixture,
  hasExtraction,
  MULTI_URLS,
  NON_ARTICLE_URLS,
  parse,
  repoRoot,
} from './helpers';

interface Case {
  name: string;
  doc: () => Document;
  url: string;
  article: boolean;
}

function fixtureCases(): Case[] {
  const cases: Case[] = [];
  const nonDir = resolve(repoRoot, 'tests/fixtures/pages/non-articles');
  for (const file of readdirSync(nonDir).filter((f) => f.endsWith('.html'))) {
    const name = file.replace(/\.html$/, '');
    const url = NON_ARTICLE_URLS[name];
    if (!url) throw new Error(`non-articles/${file} has no URL in NON_ARTICLE_URLS`);
    cases.push({
      name: `non-articles/${name}`,
      doc: () => fixture(`non-articles/${name}`),
      url,
      article: false,
    });
  }
  for (const [name, { url, article }] of Object.entries(MULTI_URLS))
    cases.push({ name: `multi/${name}`, doc: () => fixture(`multi/${name}`), url, article });
  for (const [name, url] of Object.entries(FIXTURE_URLS))
    cases.push({ name, doc: () => fixture(name), url, article: !['home', 'search', 'shop'].includes(name) });
  return cases;
}

/** What the content script decides: the gate turns the page away, or the detection decides. */
const contentScriptSays = (doc: Document, url: string) =>
  !plainlyNotArticle(doc, url) && detectArticle(doc, url).isArticle;

function score(results: { expected: boolean; got: boolean }[]): { precision: number; recall: number } {
  const tp = results.filter((r) => r.expected && r.got).length;
  const fp = results.filter((r) => !r.expected && r.got).length;
  const fn = results.filter((r) => r.expected && !r.got).length;
  return { precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 };
}

describe('detectArticle on the fixtures', () => {
  const cases = fixtureCases();

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = detectArticle(c.doc(), c.url);
    expect(result.isArticle, result.signals.join(' ')).toBe(c.article);
  });

  it('has precision and recall ≥ 0.98 over all fixtures', () => {
    const results = cases.map((c) => ({ expected: c.article, got: detectArticle(c.doc(), c.url).isArticle }));
    const { precision, recall } = score(results);
    console.log(
      `[detection] fixtures: precision ${precision.toFixed(3)} recall ${recall.toFixed(3)} (n=${results.length})`,
    );
    expect(cases.filter((c) => !c.article).length).toBeGreaterThanOrEqual(25);
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.98);
  });

  it('the content script (gate, then detection) decides each fixture as detectArticle does', () => {
    for (const c of cases) expect(contentScriptSays(c.doc(), c.url), c.name).toBe(c.article);
  });

  it('decides the non-article fixtures from the head or the address when they say enough', () => {
    for (const name of [
      'home-news',
      'section-world',
      'search-results',
      'video-page',
      'shop-product',
      'docs-page',
      'login-wall',
      'newsletter-landing',
      'author-profile',
      'tag-page',
      'privacy-policy',
      'about-us',
      'impressum',
      'encyclopedia-entry',
      'job-posting',
      'podcast-episode',
      'recipe',
      'sports-scores',
    ]) {
      const { signals } = detectArticle(fixture(`non-articles/${name}`), NON_ARTICLE_URLS[name]!);
      // No body scan was needed: the layout counts are absent.
      expect(
        signals.some((s) => s.startsWith('paragraphs=')),
        `${name}: ${signals.join(' ')}`,
      ).toBe(false);
    }
  });
});

if (!hasExtraction)
  console.warn(
    `[detection] ${extractionDir} not found: skipping the DEV part of the detection precision/recall test.`,
  );

describe.skipIf(!hasExtraction)('detectArticle on the DEV pages plus the fixtures', () => {
  it('has precision and recall ≥ 0.98', () => {
    const results: { expected: boolean; got: boolean }[] = [];
    const product: { expected: boolean; got: boolean }[] = [];
    for (const { url, html } of devArticlePages()) {
      const doc = parse(html);
      results.push({ expected: true, got: detectArticle(doc, url).isArticle });
      product.push({ expected: true, got: contentScriptSays(doc, url) });
    }
    for (const c of fixtureCases()) {
      const doc = c.doc();
      results.push({ expected: c.article, got: detectArticle(doc, c.url).isArticle });
      product.push({ expected: c.article, got: contentScriptSays(doc, c.url) });
    }
    for (const [what, got] of [
      ['detectArticle', results],
      ['the content script (gate, then detection)', product],
    ] as const) {
      const { precision, recall } = score(got);
      console.log(
        `[detection] DEV + fixtures, ${what}: precision ${precision.toFixed(3)} recall ${recall.toFixed(3)} (n=${got.length})`,
      );
      expect(got.length).toBeGreaterThan(120);
      expect(precision).toBeGreaterThanOrEqual(0.98);
      expect(recall).toBeGreaterThanOrEqual(0.98);
    }
  }, 120_000);
});
