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

describe("a woken worker's cache: the number of stories stored by ingest", () => {
  /** A load in a read transaction with the stored number in its scope, as ingest and getContext make it. */
  const loadIn = (cache: ReturnType<typeof createDocFreqCache>) =>
    db.transaction('r', [db.stories, db.termStats, db.counts], () => cache.load(['storm']));

  it('a new cache reads the stored number instead of counting the stories', async () => {
    await db.counts.put({ name: STORIES_COUNT, n: 2 });
    const count = vi.spyOn(db.stories, 'count');
    const first = await loadIn(createDocFreqCache(db));
    expect([first.size, first.df('storm')]).toEqual([2, 2]);
    expect(count).not.toHaveBeenCalled();
  });

  it('counts when no number is stored (a new database, or one just upgraded to v12)', async () => {
    const count = vi.spyOn(db.stories, 'count');
    expect((await loadIn(createDocFreqCache(db))).size).toBe(2);
    expect(count).toHaveBeenCalledTimes(1);
  });

  it('counts, not reads, after a write it was not told of', async () => {
    const cache = createDocFreqCache(db);
    await loadIn(cache);
    await db.counts.put({ name: STORIES_COUNT, n: 2 });
    await db.stories.add(story('c') as StoryRecord);
    expect((await loadIn(cache)).size).toBe(3);
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

  it('ingest counts on from the stored number, whatever its own cache last knew', async () => {
    const a = createStoryService(db, { analyze: analyzeArticle });
    await a.ingestStub(feedStubs(1)[0]!);
    // Stories deleted and added by another connection: a's cache cannot know (RECOUNT_EVERY aside).
    const other = new BackstoryDB(db.name);
    await deleteStories(other, [(await other.stories.get(1))!]);
    const b = createStoryService(other, { analyze: analyzeArticle });
    await b.ingestStubs(feedStubs(2, 1));
    expect(await db.counts.get(STORIES_COUNT)).toEqual({ name: STORIES_COUNT, n: 4 });
    await a.ingestStub(feedStubs(1, 3)[0]!);
    expect(await db.stories.count()).toBe(5);
    expect(await db.counts.get(STORIES_COUNT)).toEqual({ name: STORIES_COUNT, n: 5 });
    other.close();
  });

  it('ingest stores the number of stories, one by one and in a feed batch', async () => {
    const service = createStoryService(db, { analyze: analyzeArticle });
    await service.ingestStub(feedStubs(1)[0]!);
    expect(await db.counts.get(STORIES_COUNT)).toEqual({ name: STORIES_COUNT, n: 3 });
    await service.ingestStubs(feedStubs(4, 1));
    expect(await db.counts.get(STORIES_COUNT)).toEqual({ name: STORIES_COUNT, n: 7 });
    expect(await db.stories.count()).toBe(7);
    // Retention deletes two (and the number); the service's next ingest counts, then stores the number again.
    await deleteStories(db, (await db.stories.bulkGet([3, 4])) as StoryRecord[]);
    await service.ingestStub(feedStubs(1, 5)[0]!);
    expect(await db.counts.get(STORIES_COUNT)).toEqual({ name: STORIES_COUNT, n: 6 });
    expect(await db.stories.count()).toBe(6);
    // A woken worker's service reads it, and stores the right number after its own ingest.
    const woken = createStoryService(db, { analyze: analyzeArticle });
    const count = vi.spyOn(db.stories, 'count');
    await woken.ingestStub(feedStubs(1, 6)[0]!);
    expect(count).not.toHaveBeenCalled();
    expect(await db.counts.get(STORIES_COUNT)).toEqual({ name: STORIES_COUNT, n: 7 });
  });
});
