// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  type LookupStoryInput,
  lookupNeedles,
  lookupQuery,
  mentions,
  rolesOf,
  shapeLookup,
} from '@/core/lookup/lookup-result';

const kim = {
  key: 'person:kim jong un',
  name: 'Kim Jong Un',
  type: 'person' as const,
  count: 2,
  names: ['Kim Jong Un', 'Kim Jong-un'],
};

function story(
  id: number,
  publishedAt: string,
  dated: [string, string][],
  roles: string[] = [],
): LookupStoryInput {
  return {
    id,
    url: `https://news.example/${id}`,
    title: `Story ${id}`,
    publisher: 'The Ledger',
    publishedAt,
    lang: 'en',
    entities: roles.map((role) => ({
      key: kim.key,
      name: kim.name,
      type: 'person',
      count: 1,
      first: 0,
      role,
    })),
    dated: dated.map(([date, text], i) => ({
      text,
      start: i * 100,
      end: i * 100 + text.length,
      date,
      expression: date,
    })),
  };
}

describe('look-up result shaping', () => {
  it('matches the entity names, the surname of a person, or the query when no entity matched', () => {
    expect(lookupNeedles('kim', [kim])).toEqual(['kim jong un']);
    expect(
      lookupNeedles('', [{ ...kim, key: 'person:donald trump', name: 'Donald Trump', names: [] }]),
    ).toEqual(['donald trump', 'trump']);
    expect(lookupNeedles('Zanzibar ferry', [])).toEqual(['zanzibar ferry']);
    expect(mentions('Trump met Kim Jong-un in Hanoi.', lookupNeedles('', [kim]))).toBe(true);
    expect(mentions('Kimchi prices rose.', ['kim'])).toBe(false);
    expect(mentions('The Zanzibar ferry sank.', ['zanzibar ferry'])).toBe(true);
  });

  it('lists roles by frequency and folds a role with a stray word before it into the role', () => {
    const stories = [
      story(1, '2025-06-27', [], ['North Korean leader']),
      story(2, '2025-06-20', [], ['meet North Korean leader']),
      story(3, '2018-06-12', [], ['North Korean leader', 'leader']),
    ];
    expect(rolesOf(kim.key, stories)).toEqual(['North Korean leader', 'leader']);
  });

  it('shapes entities, stories newest first, and a timeline of the sentences that name the match', () => {
    const stories = [
      story(1, '2018-06-12T09:00:00Z', [
        ['2018-06-12', 'Trump and Kim Jong Un met in Singapore on June 12.'],
        ['2018-05-24', 'On May 24, the White House cancelled the meeting.'],
      ]),
      story(2, '2025-06-27T18:40:00Z', [
        ['2018', 'Trump and Kim Jong Un met in Singapore on June 12.'],
        ['2025-06-11', 'The White House said on June 11 that Trump would welcome talks with Kim Jong Un.'],
      ]),
    ];
    const result = shapeLookup('Kim Jong Un', [kim], stories, { locale: 'en-US' });
    expect(result.query).toBe('Kim Jong Un');
    expect(result.entities).toEqual([
      { key: kim.key, name: 'Kim Jong Un', type: 'person', count: 2, aliases: ['Kim Jong-un'], roles: [] },
    ]);
    expect(result.stories.map((s) => s.id)).toEqual([2, 1]);
    expect(Object.keys(result.stories[0]!).sort()).toEqual([
      'id',
      'lang',
      'publishedAt',
      'publisher',
      'title',
      'url',
    ]);
    const rows = result.timeline.map((e) => [e.date, e.kind, e.text.slice(0, 24)]);
    expect(rows).toEqual([
      ['2018', 'mention', 'Trump and Kim Jong Un me'],
      ['2018-06-12', 'mention', 'Trump and Kim Jong Un me'],
      ['2018-06-12', 'story', 'Story 1'],
      ['2025-06-11', 'mention', 'The White House said on '],
      ['2025-06-27', 'story', 'Story 2'],
    ]);
    const mention = result.timeline.find((e) => e.date === '2025-06-11')!;
    expect(mention.label).toBe('June 11, 2025');
    expect(mention.sources[0]).toMatchObject({ storyId: 2, publisher: 'The Ledger' });
    expect(mention.sources[0]!.link).toMatch(/^https:\/\/news\.example\/2#:~:text=/);
  });

  it('merges the same sentence on the same date from two stories into one entry with both sources', () => {
    const same: [string, string][] = [['2019-06-30', 'Trump met Kim Jong Un at Panmunjom.']];
    const result = shapeLookup('Kim', [kim], [story(1, '2019-07-01', same), story(2, '2019-07-02', same)]);
    const entry = result.timeline.find((e) => e.kind === 'mention')!;
    expect(entry.sources.map((s) => s.storyId)).toEqual([2, 1]);
  });

  it('bounds the timeline, mentions first', () => {
    const dated = Array.from({ length: 30 }, (_, i): [string, string] => [
      `20${10 + (i % 15)}`,
      `Kim Jong Un fact ${i}.`,
    ]);
    const result = shapeLookup('Kim', [kim], [story(1, '2025-01-01', dated)], { maxTimeline: 10 });
    expect(result.timeline).toHaveLength(10);
    expect(result.timeline.every((e) => e.kind === 'mention')).toBe(true);
  });

  it('is empty for nothing found', () => {
    expect(shapeLookup('nobody', [], [])).toEqual({
      query: 'nobody',
      entities: [],
      stories: [],
      timeline: [],
    });
  });

  it('turns a selection into one bounded line', () => {
    expect(lookupQuery('  Kim\n  Jong\tUn ')).toBe('Kim Jong Un');
    expect(lookupQuery(null)).toBe('');
    const q = lookupQuery('word '.repeat(100), 50);
    expect(q.length).toBeLessThanOrEqual(50);
    expect(q.endsWith('word')).toBe(true);
  });
});
