// @vitest-environment node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleAnalysis } from '@/core/model';
import { analyzeArticle } from '@/core/nlp/analyze';

const seedPath = fileURLToPath(new URL('../../../fixtures/seed/article.html', import.meta.url));

function seedText(): { title: string; text: string } {
  const { document } = parseHTML(readFileSync(seedPath, 'utf8'));
  const title = document.querySelector('h1')?.textContent?.trim() ?? '';
  const paras = [...document.querySelectorAll('.article-body p')].map((p) => (p.textContent ?? '').trim());
  return { title, text: paras.join('\n') };
}

describe('analyzeArticle on the seed page', () => {
  let a: ArticleAnalysis;
  beforeAll(() => {
    a = analyzeArticle({ ...seedText(), publishedAt: '2025-06-27T18:40:00Z', lang: 'en' });
  });

  it.each([
    ['person:donald trump', 'person'],
    ['person:kim jong un', 'person'],
    ['place:north korea', 'place'],
    ['organization:nk news', 'organization'],
    ['organization:united nations', 'organization'],
    ['organization:white house', 'organization'],
    ['place:russia', 'place'],
    ['place:ukraine', 'place'],
    ['place:moscow', 'place'],
    ['place:pyongyang', 'place'],
    ['place:seoul', 'place'],
    ['place:united states', 'place'],
  ])('has %s', (key, type) => {
    const e = a.entities.find((x) => x.key === key);
    expect(e, a.entities.map((x) => x.key).join(', ')).toBeDefined();
    expect(e?.type).toBe(type);
  });

  it('aggregates mentions under the full name, with roles', () => {
    const trump = a.entities.find((e) => e.key === 'person:donald trump')!;
    expect(trump.name).toBe('Donald Trump');
    expect(trump.count).toBeGreaterThanOrEqual(6);
    const kim = a.entities.find((e) => e.key === 'person:kim jong un')!;
    expect(kim.role).toBe('North Korean leader');
    expect(a.entities.find((e) => e.key === 'organization:nk news')?.role).toBe(
      'Seoul-based monitoring outlet',
    );
    expect(a.entities.some((e) => /speaking|earlier/i.test(e.name))).toBe(false);
  });

  it.each<[string, string | undefined, string]>([
    ['2018', '2019', 'between 2018 and 2019'],
    ['2025-06', undefined, 'June'],
    ['2025-06-11', undefined, 'June 11'],
    ['2025-06-27', undefined, 'on Friday'],
  ])('dates a sentence %s', (date, dateEnd, expression) => {
    const d = a.dated.find((x) => x.date === date && x.expression.includes(expression));
    expect(d, JSON.stringify(a.dated)).toBeDefined();
    expect(d?.dateEnd).toBe(dateEnd);
    expect(d?.text).toContain(d?.expression);
  });

  it('finds the sentences about the past, not the lead', () => {
    const past = a.past.map((s) => s.text);
    expect(past.some((s) => s.startsWith('During Trump’s first term'))).toBe(true);
    expect(past.some((s) => s.startsWith('Since the breakdown'))).toBe(true);
    expect(past.some((s) => s.startsWith('Earlier in June'))).toBe(true);
    expect(past.some((s) => s.startsWith('U.S. President Donald Trump expressed optimism'))).toBe(false);
  });

  it('ranks salient terms with entity keys among them', () => {
    const terms = a.terms.map((t) => t.term);
    expect(terms.length).toBeLessThanOrEqual(60);
    expect(terms.slice(0, 10)).toContain('person:donald trump');
    expect(terms).toContain('letter');
    expect(terms).not.toContain('the');
    expect(terms.some((t) => /^\d+$/.test(t))).toBe(false);
  });

  it('keeps offsets true to the text', () => {
    const { text } = seedText();
    for (const d of a.dated) expect(text.slice(d.start, d.end)).toBe(d.text);
    for (const s of a.past) expect(text.slice(s.start, s.end)).toBe(s.text);
    for (const e of a.entities)
      expect(text.slice(e.first, e.first + 2)).toBe(text.slice(e.first, e.first + 2));
  });
});

describe('analyzeArticle', () => {
  it('handles an article without a date or language', () => {
    const a = analyzeArticle({
      title: 'Port reopens',
      text: 'The port of Valencia reopened in 2019 after repairs.',
      publishedAt: null,
      lang: null,
    });
    expect(a.dated.map((d) => d.date)).toEqual(['2019']);
    expect(a.past).toHaveLength(0);
  });

  it('shows the sentences without the dateline the article opens with, and dates them by it', () => {
    const text =
      'LONDON, June 3 (Reuters) - Britain said it would send more troops to the region.\n' +
      'The decision follows talks held in Brussels in 2018 between the ministers.\n' +
      'NATO — the alliance said in 2017 that it would welcome the move, officials said.';
    const a = analyzeArticle({
      title: 'Britain sends troops',
      text,
      publishedAt: '2019-06-03T09:00:00Z',
      lang: 'en',
    });
    const lead = a.dated.find((d) => d.date === '2019-06-03');
    expect(lead?.text).toBe('Britain said it would send more troops to the region.');
    expect(lead?.expression).toBe('June 3');
    for (const d of a.dated) expect(text.slice(d.start, d.end)).toBe(d.text);
    // A capitalised name before a dash is no dateline when the sentence goes on in lower case.
    expect(a.dated.map((d) => d.text)).toContain(
      'NATO — the alliance said in 2017 that it would welcome the move, officials said.',
    );
    // Only the first sentence of the first lines is looked at: a later one keeps its capitals and dash.
    const later = analyzeArticle({
      title: 'x',
      text: `${'One line of text here. '.repeat(3)}\nTwo.\nThree.\nFour.\nNATO — The alliance said in 2017 that it would act.`,
      publishedAt: '2019-06-03T09:00:00Z',
      lang: 'en',
    });
    expect(later.dated.map((d) => d.text)).toEqual(['NATO — The alliance said in 2017 that it would act.']);
  });
});
