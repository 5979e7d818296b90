// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { addToSum, centroidKeys, centroidSimilarity, centroidVector, mergeSums } from '@/core/link/clusters';
import { linkTerms } from '@/core/link/features';
import { DEFAULT_LINK_PARAMS, rankScore, timeFactor } from '@/core/link/link-story';
import type { Vector } from '@/core/link/similarity';

const unit = (o: Record<string, number>): Vector => centroidVector(o);

describe('linkTerms', () => {
  it('counts title words extra, folds plurals, keeps event numbers and entity keys, drops stop words and years', () => {
    const t = linkTerms(
      {
        title: 'Economy adds 266,000 jobs',
        text: 'The economy added 266,000 jobs in April 2021, the report says.',
        lang: 'en',
      },
      [{ key: 'organization:labor department', count: 2 }],
    );
    expect(t.economy).toBe(3);
    expect(t.jobs).toBe(3);
    expect(t['266000']).toBe(3);
    expect(t['organization:labor department']).toBe(2);
    expect(t.the).toBeUndefined();
    expect(t['2021']).toBeUndefined();
  });

  it('does not count a title that the text repeats as its first line twice over', () => {
    const t = linkTerms({
      title: 'Oil spill grows',
      text: 'Oil spill grows\nThe slick reached the coast.',
      lang: 'en',
    });
    expect(t.spill).toBe(2);
  });
});

describe('centroids', () => {
  it('sum unit vectors, stay bounded, and compare by direction', () => {
    let sum = addToSum({}, unit({ oil: 2, spill: 1 }));
    sum = addToSum(sum, unit({ oil: 1, well: 1 }));
    expect(Object.keys(sum).sort()).toEqual(['oil', 'spill', 'well']);
    expect(centroidKeys(sum, 1)).toEqual(['oil']);
    expect(centroidSimilarity(sum, sum)).toBeCloseTo(1, 6);
    expect(centroidSimilarity(sum, { flu: 1 })).toBe(0);
    expect(Object.keys(addToSum(sum, unit({ a: 1, b: 1, c: 1 }), 2))).toHaveLength(2);
    expect(mergeSums({ oil: 1 }, { oil: 0.5, gulf: 0.5 })).toEqual({ oil: 1.5, gulf: 0.5 });
  });
});

describe('ranking', () => {
  it('costs nothing within the plateau, then decays, and adds the event and thread bonuses', () => {
    expect(timeFactor(0)).toBe(1);
    expect(timeFactor(DEFAULT_LINK_PARAMS.timePlateauDays)).toBe(1);
    expect(timeFactor(30)).toBeLessThan(0.5);
    expect(timeFactor(30)).toBeGreaterThanOrEqual(1 - DEFAULT_LINK_PARAMS.timeWeight);
    const pair = { score: 0.3, daysApart: 0 };
    expect(rankScore(pair, { event: true, thread: true })).toBeGreaterThan(
      rankScore(pair, { event: false, thread: true }),
    );
    expect(rankScore(pair, { event: false, thread: true })).toBeGreaterThan(rankScore(pair));
  });
});
