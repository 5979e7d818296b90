// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readPage } from '../../../page/read-page';
import { FIXTURE_URLS, fixture, NOW, parse } from './helpers';

const SEED_PARAGRAPHS = [
  'U.S. President Donald Trump expressed optimism on Friday about resolving tensions with North Korea',
  'While Trump did not confirm or deny sending a letter',
  'Earlier in June, Seoul-based monitoring outlet NK News reported',
  'During Trump’s first term, he met Kim three times between 2018 and 2019',
  'Since the breakdown in talks, Pyongyang has ramped up its nuclear and missile programs',
  'Trump, now in his second term, has acknowledged North Korea as a nuclear power.',
];

describe('readPage on the seed page', () => {
  const reading = readPage(fixture('seed'), FIXTURE_URLS.seed!, { now: NOW });

  it('detects the article and reads its metadata', () => {
    expect(reading.isArticle).toBe(true);
    expect(reading.url).toBe(FIXTURE_URLS.seed);
    expect(reading.article).toMatchObject({
      title: 'Trump Says U.S. Will “Get the Conflict Solved” With North Korea',
      publisher: 'The Daily Ledger',
      url: FIXTURE_URLS.seed,
    });
    expect(reading.article?.publishedAt?.slice(0, 10)).toBe('2025-06-27');
  });

  it('has the article paragraphs, one per line, and no nav, sidebar or footer text', () => {
    const text = reading.article?.text ?? '';
    const lines = text.split('\n');
    for (const [i, start] of SEED_PARAGRAPHS.entries()) {
      expect(lines.findIndex((l) => l.startsWith(start))).toBeGreaterThanOrEqual(i);
    }
    for (const bad of ['Latest news', 'Home', 'Politics', 'Privacy', 'Terms', 'Pentagon Ends', '© The Daily Ledger']) {
      expect(text).not.toContain(bad);
    }
  });

  it('records the 17 sidebar headlines as teasers', () => {
    expect(reading.teasers).toHaveLength(17);
    expect(reading.teasers.every((t) => t.url.startsWith('https://news.example/world/'))).toBe(true);
  });
});

describe('readPage on fixtures', () => {
  it.each([
    ['jsonld-article', true, 'The harbour bridge reopened'],
    ['meta-only', true, 'After a third dry summer'],
    ['meta-value', true, 'The central library will stay open'],
    ['german-text-date', true, 'Der Gemeinderat hat am Donnerstagabend'],
    ['home', false, null],
    ['search', false, null],
    ['shop', false, null],
  ])('%s → isArticle %s', (name, isArticle, firstWords) => {
    const reading = readPage(fixture(name), FIXTURE_URLS[name]!, { now: NOW });
    expect(reading.isArticle).toBe(isArticle);
    if (firstWords) expect(reading.article?.text).toContain(firstWords);
    else expect(reading.article).toBeNull();
  });

  it('gives a borderline non-article its metadata without a body', () => {
    const html = `<html lang="de"><head><title>Was ist aus dem Projekt geworden? - Forum</title></head><body>
      <h1>Was ist aus dem Projekt geworden?</h1><div class="post-meta">Geschrieben am 14.03.2024</div>
      <p>Kurze Frage an alle.</p></body></html>`;
    const reading = readPage(parse(html), 'https://forum.example/threads/projekt-geworden.123/', { now: NOW });
    expect(reading.isArticle).toBe(false);
    expect(reading.article).toMatchObject({ title: 'Was ist aus dem Projekt geworden?', text: '' });
    expect(reading.article?.publishedAt).toBe('2024-03-14');
  });

  it('returns teasers for non-articles', () => {
    expect(readPage(fixture('home'), FIXTURE_URLS.home!).teasers.length).toBe(9);
  });

  it('never modifies the live page', () => {
    const doc = fixture('seed');
    const before = doc.documentElement.outerHTML;
    readPage(doc, FIXTURE_URLS.seed!, { now: NOW });
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('never throws: a broken document gives a reading with an error signal', () => {
    const boom = () => {
      throw new Error('boom');
    };
    const broken = { querySelectorAll: boom, getElementsByTagName: boom } as unknown as Document;
    const reading = readPage(broken, 'https://news.example/a');
    expect(reading).toMatchObject({ isArticle: false, article: null, teasers: [] });
    expect(reading.signals.some((s) => s.startsWith('error:') && s.includes('boom'))).toBe(true);
  });

  it('reads an empty page', () => {
    const reading = readPage(parse('<html><body></body></html>'), 'https://news.example/');
    expect(reading).toMatchObject({ isArticle: false, article: null, teasers: [] });
  });
});
