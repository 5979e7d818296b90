import { describe, expect, it } from 'vitest';
import { postingKey, storyPostingKeys, withoutPosting, withPosting } from '@/lib/db/postings';

describe('a postings record: the newest ids under a key, ascending', () => {
  it.each([
    ['into an empty list', [], 5, 3, [5]],
    ['the newest, at the end', [1, 2], 5, 3, [1, 2, 5]],
    ['an older id, in its place', [1, 4, 9], 3, 5, [1, 3, 4, 9]],
    ['an id already there, once', [1, 4, 9], 4, 5, [1, 4, 9]],
    ['the newest into a full list: the oldest leaves', [1, 4, 9], 12, 3, [4, 9, 12]],
    ['into a full list, between: the oldest leaves', [1, 4, 9], 6, 3, [4, 6, 9]],
    ['older than a full list: stays out', [4, 6, 9], 2, 3, [4, 6, 9]],
  ])('adds %s', (_what, ids, id, cap, expected) => {
    expect(withPosting(ids, id, cap)).toEqual(expected);
  });

  it.each([
    ['from a list that holds every posting', [1, 4, 9], 4, 5, [1, 9]],
    ['an id that is not there', [1, 4, 9], 5, 5, [1, 4, 9]],
    ['from a full list: no record (an older id may belong in it)', [1, 4, 9], 4, 3, null],
  ])('removes %s', (_what, ids, id, cap, expected) => {
    expect(withoutPosting(ids, id, cap)).toEqual(expected);
  });

  it('keys entity keys and terms apart, a story under all of its keys', () => {
    expect(postingKey('entityKeys', 'place:korea')).not.toBe(postingKey('terms', 'place:korea'));
    expect(storyPostingKeys({ entityKeys: ['place:korea'], terms: ['summit', 'missile'] })).toEqual([
      'e|place:korea',
      't|summit',
      't|missile',
    ]);
    expect(storyPostingKeys({})).toEqual([]);
  });
});
