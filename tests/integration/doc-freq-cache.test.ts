import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { analyzeArticle } from '@/core/nlp/analyze';
import { clearAll, exportAll } from '@/lib/db/export';
import { importAll } from '@/lib/db/import';
import { BackstoryDB, type StoryRecord } from '@/lib/db/schema';
import { createDocFreqCache, STORIES_COUNT } from '@/lib/db/stories';
import { deleteStories } from '@/lib/feeds/retention';
import { createStoryService } from '@/lib/story-service';
import { feedStubs } from './helpers';

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

describe("a new worker's first context: the stored number of stories as a hint", () => {
  /** A load as getContext makes it: in a read transaction that has the stored number in its scope. */
  const contextLoad = (cache: ReturnType<typeof createDocFreqCache>) =>
    db.transaction('r', [db.stories, db.termStats, db.counts], () => cache.load(['storm'], { hint: true }));

  it('takes the stored number at once and counts apart; the count then replaces it, and is stored', async () => {
    await db.counts.put({ name: STORIES_COUNT, n: 5 });
    const cache = createDocFreqCache(db);
    const count = vi.spyOn(db.stories, 'count');
    const first = await contextLoad(cache);
    expect([first.size, first.df('storm')]).toEqual([5, 2]);
    await cache.settled();
    expect(count).toHaveBeenCalledTimes(1);
    expect((await contextLoad(cache)).size).toBe(2);
    expect(await db.counts.get(STORIES_COUNT)).toEqual({ name: STORIES_COUNT, n: 2 });
    // An exact load after the count apart needs no count of its own.
    expect((await cache.load(['storm'])).size).toBe(2);
    expect(count).toHaveBeenCalledTimes(1);
  });

  it('an exact load (ingest) never takes the hint: it counts', async () => {
    await db.counts.put({ name: STORIES_COUNT, n: 5 });
    const cache = createDocFreqCache(db);
    expect((await cache.load(['storm'])).size).toBe(2);
    // Nor after a context took it, while the count apart runs (held here).
    let release: (n: number) => void = () => undefined;
    vi.spyOn(db.stories, 'count').mockImplementationOnce(
      () => new Promise<number>((resolve) => (release = resolve)) as never,
    );
    const other = createDocFreqCache(db);
    expect((await contextLoad(other)).size).toBe(5);
    expect((await other.load(['storm'])).size).toBe(2);
    release(2);
    await other.settled();
  });

  it('counts at once when no number is stored (a new database, or one upgraded to v12)', async () => {
    const cache = createDocFreqCache(db);
    expect((await contextLoad(cache)).size).toBe(2);
  });

  it('drops a count apart that a write overtook, and counts again', async () => {
    await db.counts.put({ name: STORIES_COUNT, n: 5 });
    const cache = createDocFreqCache(db);
    // The count apart is held until a story was written meanwhile; it then answers what it counted before.
    let release: (n: number) => void = () => undefined;
    vi.spyOn(db.stories, 'count').mockImplementationOnce(
      () => new Promise<number>((resolve) => (release = resolve)) as never,
    );
    expect((await contextLoad(cache)).size).toBe(5);
    await db.stories.add(story('c') as StoryRecord);
    release(2);
    await cache.settled();
    expect(await db.counts.get(STORIES_COUNT)).toEqual({ name: STORIES_COUNT, n: 5 });
    expect((await contextLoad(cache)).size).toBe(3);
  });

  it.each([
    ['retention deletes stories', async () => void (await deleteStories(db, [(await db.stories.get(1))!]))],
    [
      'an export file is imported',
      async () => {
        const other = new BackstoryDB(`df-file-${Math.random()}`);
        await createStoryService(other, { analyze: analyzeArticle }).ingestStub(feedStubs(1)[0]!);
        const file = await exportAll(other, new Date());
        await other.delete();
        await importAll(db, file);
      },
    ],
    ['the reader deletes everything', async () => void (await clearAll(db))],
  ])('no number is stored after a write other than ingest: %s', async (_what, write) => {
    await db.counts.put({ name: STORIES_COUNT, n: 2 });
    await write();
    expect(await db.counts.get(STORIES_COUNT)).toBeUndefined();
  });

  it('ingest stores the number of stories, one by one and in a feed batch', async () => {
    const service = createStoryService(db, { analyze: analyzeArticle });
    await service.ingestStub(feedStubs(1)[0]!);
    expect(await db.counts.get(STORIES_COUNT)).toEqual({ name: STORIES_COUNT, n: 3 });
    await service.ingestStubs(feedStubs(4, 1));
    expect(await db.counts.get(STORIES_COUNT)).toEqual({ name: STORIES_COUNT, n: 7 });
    expect(await db.stories.count()).toBe(7);
  });
});
