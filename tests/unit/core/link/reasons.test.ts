// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { headlineTerms } from '@/core/link/features';
import {
  type DocFreq,
  explainLink,
  type LinkFeatures,
  REASON_MAX_SHARE,
  REASON_MIN_STORIES,
  reasonsOf,
  reasonTerms,
} from '@/core/link/similarity';

const T0 = Date.UTC(2025, 5, 27);
const store = (size: number, df: Record<string, number>): DocFreq => ({ size, df: (t) => df[t] ?? 1 });

describe('reasonTerms: the shared words worth showing', () => {
  // A broad store of 1,000 stories: "work" in 8% of them, "term" in 5%, "letter" in 2%, "delegation" in 0.1%.
  const large = store(1000, { work: 80, term: 50, letter: 20, delegation: 1, summit: 40 });
  // The seed's store: every word looks rare.
  const small = store(8, { work: 2, term: 2, letter: 3, delegation: 1, summit: 2 });
  const shared = ['work', 'person:kim jong un', 'term', 'letter', 'summit', 'delegation'];

  it.each([
    ['a large store: the words few stories use', large, new Set<string>(), ['letter', 'delegation']],
    [
      'a large store: a headline word however common',
      large,
      new Set(['summit']),
      ['letter', 'summit', 'delegation'],
    ],
    ['a small store: only headline words', small, new Set(['summit']), ['summit']],
    ['a small store without a shared headline word: none', small, new Set<string>(), []],
  ])('%s', (_name, docFreq, headline, expected) => {
    expect(reasonTerms(shared, docFreq, headline)).toEqual(expected);
  });

  it('judges a store from REASON_MIN_STORIES stories, at a share of REASON_MAX_SHARE', () => {
    const size = REASON_MIN_STORIES;
    const atShare = Math.floor(REASON_MAX_SHARE * size);
    expect(reasonTerms(['rare'], store(size, { rare: atShare }), new Set())).toEqual(['rare']);
    expect(reasonTerms(['rare'], store(size, { rare: atShare + 1 }), new Set())).toEqual([]);
    expect(reasonTerms(['rare'], store(size - 1, { rare: 0 }), new Set())).toEqual([]);
  });

  it('keeps the order it is given and at most six words', () => {
    const many = ['a1', 'b2', 'c3', 'd4', 'e5', 'f6', 'g7'];
    expect(reasonTerms(many, store(1000, {}), new Set())).toEqual(many.slice(0, 6));
  });
});

describe('headlineTerms', () => {
  it('gives the link terms of the headline, folded as the link terms are', () => {
    expect(headlineTerms('North Korea Walks Away From Nuclear Talks', 'en')).toEqual(
      expect.arrayContaining(['nuclear', 'talk', 'walk']),
    );
    expect(headlineTerms('', 'en')).toEqual([]);
  });
});

describe('explainLink', () => {
  const a: LinkFeatures = {
    terms: { letter: 3, term: 2, work: 1, nuclear: 2, 'person:kim jong un': 3 },
    entities: { 'person:kim jong un': 3 },
    publishedTs: T0,
  };
  const b: LinkFeatures = {
    terms: { letter: 2, term: 2, work: 2, nuclear: 1, 'person:kim jong un': 2 },
    entities: { 'person:kim jong un': 2 },
    publishedTs: T0 - 16 * 86_400_000,
  };
  const names = (k: string) => (k === 'person:kim jong un' ? 'Kim Jong Un' : k);

  it('shows the names, the specific words and the days apart', () => {
    const docFreq = store(2000, { letter: 30, term: 100, work: 160, nuclear: 12, 'person:kim jong un': 40 });
    const reasons = explainLink(a, b, 0.42, docFreq, names, new Set(['letter']));
    expect(reasons).toEqual({
      entities: ['Kim Jong Un'],
      terms: ['letter', 'nuclear'],
      daysApart: 16,
      similarity: 0.42,
    });
  });

  it('in a small store, shows only the shared headline words', () => {
    const docFreq = store(8, { letter: 2, term: 2, work: 2, nuclear: 2, 'person:kim jong un': 3 });
    expect(explainLink(a, b, 0.42, docFreq, names, new Set(['letter', 'talk'])).terms).toEqual(['letter']);
  });
});

describe('reasonsOf: words of a shared name are not shown again', () => {
  it.each([
    ['a word of the name', ['kim', 'letter'], ['letter']],
    ['a word made from the name', ['korean', 'russian', 'letter'], ['letter']],
    ['a word that only begins like a short name word', ['kimchi'], ['kimchi']],
  ])('%s', (_name, sharedTerms, expected) => {
    const pair = {
      score: 0.5,
      termSim: 0.5,
      entitySim: 0,
      daysApart: 1,
      sharedEntityKeys: ['person:kim jong un', 'place:north korea', 'place:russia'],
      sharedTerms,
    };
    const names: Record<string, string> = {
      'person:kim jong un': 'Kim Jong Un',
      'place:north korea': 'North Korea',
      'place:russia': 'Russia',
    };
    expect(reasonsOf(pair, (k) => names[k] ?? k).terms).toEqual(expected);
  });
});
