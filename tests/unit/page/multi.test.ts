// @vitest-environment node
/**
 * Pages with more than one article, or only part of one: live blog, section front, AMP article, paywalled
 * article, infinite scroll (fixtures in tests/fixtures/pages/multi, written for the project).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PageReading } from '../../../core/model';
import { readPageHtml } from '../../../page/read-html';
import { readPage } from '../../../page/read-page';
import { MULTI_URLS, NOW, parse, repoRoot } from './helpers';

function read(name: keyof typeof MULTI_URLS): PageReading {
  const html = readFileSync(resolve(repoRoot, 'tests/fixtures/pages/multi', `${name}.html`), 'utf8');
  return readPageHtml(html, MULTI_URLS[name]!.url, { now: NOW });
}

describe('live blog', () => {
  const reading = read('live-blog');

  it('is one article with its updates, oldest first, each with its time', () => {
    expect(reading.isArticle).toBe(true);
    const updates = reading.article?.updates ?? [];
    expect(updates.map((u) => u.time)).toEqual([
      '2025-06-30T06:00:00+01:00',
      '2025-06-30T09:05:00+01:00',
      '2025-06-30T10:02:00+01:00',
      '2025-06-30T11:20:00+01:00',
    ]);
    expect(updates[1]!.text).toMatch(
      /^All ferries cancelled\nThe ferry operator has cancelled every crossing/,
    );
    // The time line is not part of the update's text.
    expect(updates.every((u) => !/BST/.test(u.text))).toBe(true);
    expect(reading.signals).toContain('live:4');
  });

  it('keeps every update in the text, in page order, after its shown time', () => {
    const text = reading.article?.text ?? '';
    const at = (s: string) => text.indexOf(s);
    expect(at('Storm Eleanor is crossing the coast')).toBeGreaterThanOrEqual(0);
    expect(at('11.20 BST')).toBeLessThan(at('Coastguard rescues two walkers'));
    expect(at('Coastguard rescues two walkers')).toBeLessThan(at('Power cuts in the north'));
    expect(at('09.05 BST')).toBeLessThan(at('All ferries cancelled'));
    expect(at('Welcome to our live coverage')).toBeGreaterThan(at('All ferries cancelled'));
  });

  it('falls back to the JSON-LD liveBlogUpdate list when the page shows no timed cards', () => {
    const html = readFileSync(resolve(repoRoot, 'tests/fixtures/pages/multi/live-blog.html'), 'utf8').replace(
      /<time[^>]*>[^<]*<\/time>/g,
      '',
    );
    const updates = readPageHtml(html, MULTI_URLS['live-blog']!.url, { now: NOW }).article?.updates ?? [];
    expect(updates.map((u) => u.time)).toEqual(['2025-06-30T09:05:00+01:00', '2025-06-30T11:20:00+01:00']);
    expect(updates[0]!.text).toBe(
      'All ferries cancelled\nThe ferry operator has cancelled every crossing for the rest of the day.',
    );
  });

  it('gives no updates to an ordinary article', () => {
    expect(read('amp-article').article?.updates).toBeUndefined();
  });
});

describe('section front', () => {
  const reading = read('section-front');

  it('is not an article and gives teasers only', () => {
    expect(reading.isArticle).toBe(false);
    expect(reading.article).toBeNull();
    expect(reading.signals).toContain('listing');
    expect(reading.teasers.map((t) => t.title)).toEqual([
      'Harbour wall repair begins after the storm',
      'School roof repairs finished early',
      'Beach cafe wins its planning appeal',
      'Lifeboat crew celebrates its centenary',
    ]);
  });
});

describe('AMP article', () => {
  const reading = read('amp-article');

  it('is read like the article, with the canonical non-AMP address', () => {
    expect(reading.isArticle).toBe(true);
    const a = reading.article!;
    expect(a.url).toBe(MULTI_URLS['amp-article']!.url);
    expect(a.canonicalUrl).toBe(
      'https://dailyledger.example/local/2025/06/30/river-dam-inspection-finds-cracks',
    );
    expect(a.title).toBe('River dam inspection finds cracks in the spillway');
    expect(a.publishedAt).toBe('2025-06-30T07:15:00-04:00');
    expect(a.authors).toEqual(['Tom Reyes']);
    expect(a.image).toBe('https://dailyledger.example/img/dam-lead.jpg');
    expect(a.text.split('\n')).toHaveLength(4);
    expect(a.text).toMatch(/^Engineers inspecting the river dam/);
    expect(a.text).toMatch(/when the river is at its lowest\.$/);
    expect(a.partial).toBeUndefined();
  });
});

describe('paywalled article', () => {
  const reading = read('paywalled-article');

  it('keeps the visible part only and says it is partial', () => {
    expect(reading.isArticle).toBe(true);
    const a = reading.article!;
    expect(a.partial).toBe(true);
    expect(a.text.split('\n')).toEqual([
      expect.stringMatching(/^Talks to end the strike/),
      expect.stringMatching(/^The dockers' union said/),
    ]);
    expect(a.text).not.toMatch(/Subscribe|Subscribers only|Sign in/);
    expect(reading.signals.find((s) => s.startsWith('paywall:'))).toMatch(
      /jsonld:isAccessibleForFree.*prompt/,
    );
  });

  it.each([
    [
      'a JSON-LD hasPart whose locked part is missing',
      '<script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":"False","hasPart":{"@type":"WebPageElement","isAccessibleForFree":"False","cssSelector":".locked"}}</script>',
      '',
    ],
    [
      'a paywall block with a subscribe prompt',
      '',
      '<div class="c-paywall"><p>This article is for subscribers only.</p></div>',
    ],
  ])('partial on %s', (_name, head, tail) => {
    const paragraphs = Array.from(
      { length: 4 },
      (_, i) =>
        `<p>Paragraph ${i} of the free part of the story, long enough to be read as running text by Readability and the detection alike.</p>`,
    ).join('');
    const doc = parse(
      `<html><head><meta property="og:type" content="article">${head}</head><body><article><h1>A story</h1>${paragraphs}${tail}</article></body></html>`,
    );
    const a = readPage(doc, 'https://news.example/2025/06/30/a-story-about-things', { now: NOW }).article!;
    expect(a.partial).toBe(true);
    expect(a.text).toContain('Paragraph 3 of the free part');
    expect(a.text).not.toContain('subscribers only');
  });

  it('is not partial when the locked part is on the page (a subscriber reading)', () => {
    const paragraphs = Array.from(
      { length: 4 },
      (_, i) =>
        `<p>Paragraph ${i} of the whole story, long enough to be read as running text by Readability and the detection alike.</p>`,
    ).join('');
    const doc = parse(
      `<html><head><script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":false,"hasPart":{"@type":"WebPageElement","isAccessibleForFree":false,"cssSelector":".paywall"}}</script></head><body><article><h1>A story</h1><div class="paywall">${paragraphs}</div></article></body></html>`,
    );
    const a = readPage(doc, 'https://news.example/2025/06/30/a-story-about-things', { now: NOW }).article!;
    expect(a.partial).toBeUndefined();
    expect(a.text).toContain('Paragraph 3 of the whole story');
  });
});

describe('infinite scroll', () => {
  const reading = read('infinite-scroll');

  it('reads the first (main) article only', () => {
    expect(reading.isArticle).toBe(true);
    const a = reading.article!;
    expect(a.title).toBe('Mill town bets on batteries');
    expect(a.text).toMatch(/^For a century the paper mill/);
    expect(a.text).not.toMatch(/Regional bank|Grain elevator|Fire investigators/);
    expect(reading.signals).toContain('stream:3');
  });

  it('lists the other articles first among the teasers, with their own addresses, times and images', () => {
    expect(reading.teasers.slice(0, 2)).toEqual([
      {
        title: 'Regional bank posts a record quarterly profit',
        url: 'https://lakesidetribune.example/business/2025/06/29/regional-bank-posts-record-profit',
        time: '2025-06-29T16:10:00-05:00',
        image: 'https://lakesidetribune.example/media/bank-front.jpg',
      },
      {
        title: 'Grain elevator fire under investigation',
        url: 'https://lakesidetribune.example/business/2025/06/28/grain-elevator-fire-under-investigation',
        time: '2025-06-28T09:45:00-05:00',
      },
    ]);
  });

  it('leaves pages whose <article> cards have no running text alone', () => {
    const cards = Array.from(
      { length: 3 },
      (_, i) =>
        `<article><h2><a href="/news/other-story-number-${i}">Other story number ${i} of the day</a></h2></article>`,
    ).join('');
    const paragraphs = Array.from(
      { length: 4 },
      (_, i) =>
        `<p>Paragraph ${i} of the story, long enough to be read as running text by Readability and the detection alike.</p>`,
    ).join('');
    const doc = parse(
      `<html><head><meta property="og:type" content="article"></head><body><article><h1>A story</h1>${paragraphs}</article>${cards}</body></html>`,
    );
    const reading = readPage(doc, 'https://news.example/2025/06/30/a-story-about-things', { now: NOW });
    expect(reading.signals.some((s) => s.startsWith('stream:'))).toBe(false);
    expect(reading.article?.text).toContain('Paragraph 3 of the story');
  });
});
