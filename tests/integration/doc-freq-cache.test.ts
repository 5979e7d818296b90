import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackstoryDB, type StoryRecord } from '@/lib/db/schema';
import { createDocFreqCache } from '@/lib/db/stories';

let db: BackstoryDB;
beforeEach(async () => {
  db = new BackstoryDB(`df-${Math.random()}`);
  await db.open();
  await db.termStats.bulkPut([
    { term: 'storm', df: 2 },
    { term: 'flood', df: 1 },
  ]);
  await db.stories.bulkAdd([story('a'), story('b')] as StoryRecord[]);
});
afterEach(async () => {
  await db.delete();
});

function story(slug: string): Omit<StoryRecord, 'id'> {
  return {
    url: `https://news.example/${slug}`,
    entityKeys: [],
    terms: [],
    titleWords: [],
  } as unknown as Omit<StoryRecord, 'id'>;
}

describe('document frequencies through the memory cache', () => {
  it('counts the stories once, then keeps the count from what each ingest applied', async () => {
    const cache = createDocFreqCache(db);
    const count = vi.spyOn(db.stories, 'count');
    const first = await cache.load(['storm']);
    expect([first.size, first.df('storm')]).toEqual([2, 2]);
    // An ingest of the cache's own: a story written, then applied.
    await db.stories.add(story('c') as StoryRecord);
    await db.termStats.put({ term: 'storm', df: 3 });
    cache.applied(3, [[['storm'], 1]]);
    const second = await cache.load(['storm', 'flood']);
    expect([second.size, second.df('storm'), second.df('flood')]).toEqual([3, 3, 1]);
    expect(count).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a story added', async () => void (await db.stories.add(story('x') as StoryRecord)), 3],
    ['stories deleted (retention)', async () => void (await db.stories.bulkDelete([1])), 1],
    ['the store cleared (wipe)', async () => void (await db.stories.clear()), 0],
    [
      'a story rewritten (import)',
      async () => void (await db.stories.put({ ...story('a'), id: 1 } as StoryRecord)),
      2,
    ],
  ])('counts again after a write it was not told of: %s', async (_what, write, size) => {
    const cache = createDocFreqCache(db);
    await cache.load(['storm']);
    await write();
    await db.termStats.put({ term: 'storm', df: 9 });
    const after = await cache.load(['storm']);
    expect(after.size).toBe(size);
    // Frequencies are read afresh too: the writer may have changed them.
    expect(after.df('storm')).toBe(9);
  });
});
