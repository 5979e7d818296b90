import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyzeArticle } from '@/core/nlp/analyze';
import { type CandidateCache, candidateOf, createCandidateCache } from '@/lib/db/candidate-cache';
import { BackstoryDB, type StoryRecord } from '@/lib/db/schema';
import { deleteStories } from '@/lib/feeds/retention';
import { type Analyze, createStoryService } from '@/lib/story-service';
import { healThreads } from '@/lib/threads';
import { feedStubs } from './helpers';

/** Feed items that share names and words, so that each has many candidates. */
const stubs = (n: number, from = 0) => feedStubs(n, from, ['Korea', 'Japan', 'Chile']);

const dbs: BackstoryDB[] = [];
async function openDb(): Promise<BackstoryDB> {
  const db = new BackstoryDB(`candidate-cache-${Math.random()}`);
  await db.open();
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** Every entry the cache answers from memory reads as the story now stored. */
async function expectExact(db: BackstoryDB, cache: CandidateCache): Promise<void> {
  const stories = await db.stories.toArray();
  const ids = stories.map((s) => s.id);
  const before = cache.stats.hits;
  const read = await cache.read(ids);
  expect(read).toEqual(stories.map(candidateOf));
  expect(cache.stats.hits).toBeGreaterThanOrEqual(before);
}

describe('the candidate cache', () => {
  let db: BackstoryDB;
  let cache: CandidateCache;
  let ids: number[];
  beforeEach(async () => {
    db = await openDb();
    const service = createStoryService(db, { analyze: analyzeArticle, candidateCacheEntries: 0 });
    await service.ingestStubs(stubs(24));
    ids = (await db.stories.toCollection().primaryKeys()) as number[];
    cache = createCandidateCache(db);
  });
  afterEach(() => cache.dispose());

  it('reads each story once, then answers from memory, in the order asked', async () => {
    const reversed = [...ids].reverse();
    expect(await cache.read(reversed)).toEqual(
      (await db.stories.bulkGet(reversed)).map((s) => candidateOf(s!)),
    );
    expect(cache.stats).toEqual({ hits: 0, misses: ids.length });
    await cache.read(ids);
    expect(cache.stats).toEqual({ hits: ids.length, misses: ids.length });
    // An id that is not stored is left out.
    expect((await cache.read([ids[0]!, 99_999])).map((c) => c.id)).toEqual([ids[0]]);
  });

  it('keeps an entry through a write that changes nothing linking reads (a reciprocal link)', async () => {
    await cache.read(ids);
    const s = (await db.stories.get(ids[3]!))!;
    await db.stories.put({ ...s, related: [], visits: s.visits + 1 });
    const misses = cache.stats.misses;
    await expectExact(db, cache);
    expect(cache.stats.misses).toBe(misses);
  });

  it('drops the entries a thread merge, a changed story, a delete or a clear touch', async () => {
    await cache.read(ids);
    // A thread merge (the healing pass moves every story of one thread to another with modify()).
    const [a, b] = (await db.stories.bulkGet([ids[0]!, ids[1]!])) as StoryRecord[];
    await db.stories.where('threadId').equals(a!.threadId).modify({ threadId: 'th-merged' });
    await db.stories.update(b!.id, { eventId: 'ev-moved' });
    await expectExact(db, cache);
    // Changed link features.
    const c = (await db.stories.get(ids[2]!))!;
    await db.stories.put({ ...c, termCounts: { ...c.termCounts, added: 1 } });
    await expectExact(db, cache);
    // Retention deletes.
    await deleteStories(db, (await db.stories.bulkGet(ids.slice(4, 8))) as StoryRecord[]);
    await expectExact(db, cache);
    expect(cache.size).toBe(ids.length - 4);
    await db.stories.clear();
    expect(cache.size).toBe(0);
  });

  it('does not keep what it read while a write was issued', async () => {
    const reading = cache.read(ids);
    const s = (await db.stories.get(ids[5]!))!;
    const writing = db.stories.put({ ...s, threadId: 'th-elsewhere' });
    await Promise.all([reading, writing]);
    await expectExact(db, cache);
  });

  it('keeps at most its number of entries, the least recently read out first', async () => {
    const small = createCandidateCache(db, 3);
    await small.read(ids.slice(0, 5));
    expect(small.size).toBe(3);
    await small.read(ids.slice(2, 5));
    expect(small.stats.hits).toBe(3);
    small.dispose();
    // Bounded by the terms and entity keys it holds too (what its memory grows with).
    const perStory = candidateOf((await db.stories.get(ids[0]!))!);
    const keysOf = (c: typeof perStory) =>
      Object.keys(c.features.terms).length + Object.keys(c.features.entities).length;
    const bounded = createCandidateCache(db, 100, 4 * keysOf(perStory));
    await bounded.read(ids);
    expect(bounded.size).toBeGreaterThan(0);
    expect(bounded.keys).toBeLessThanOrEqual(4 * keysOf(perStory));
    expect(bounded.keys).toBe(
      (await bounded.read(ids.slice(-bounded.size))).reduce((n, c) => n + keysOf(c), 0),
    );
    bounded.dispose();
  });
});

describe('the story service with its candidate cache', () => {
  /** The same feed and reading history into two stores, one reading every candidate from the store. */
  async function both(
    run: (service: ReturnType<typeof createStoryService>, db: BackstoryDB) => Promise<void>,
  ) {
    const out: StoryRecord[][] = [];
    for (const entries of [0, undefined]) {
      const db = await openDb();
      let clock = Date.parse('2026-03-01T08:00:00Z');
      const service = createStoryService(db, {
        analyze: analyzeArticle,
        now: () => clock++,
        candidateCacheEntries: entries,
      });
      await run(service, db);
      out.push(await db.stories.toArray());
    }
    return out;
  }

  it('links every story as it would reading each candidate from the store', async () => {
    const merged: number[] = [];
    const [plain, cached] = await both(async (service, db) => {
      await service.ingestStubs(stubs(30));
      for (const stub of stubs(10, 30)) await service.ingestStub(stub);
      // The largest thread split by hand, as ingest order sometimes splits one; the healing pass joins the pieces
      // again under the cache (a modify() of their stories' thread).
      const stories = await db.stories.toArray();
      const sizes = new Map<string, number>();
      for (const s of stories) sizes.set(s.threadId, (sizes.get(s.threadId) ?? 0) + 1);
      const [largest, size] = [...sizes].sort((a, b) => b[1] - a[1])[0]!;
      for (const s of stories.filter((x) => x.threadId === largest).slice(1))
        await db.stories.update(s.id, { threadId: 'th-split' });
      const thread = (await db.threads.get(largest))!;
      await db.threads.bulkPut([
        { ...thread, size: 1, dirty: 1 },
        { ...thread, id: 'th-split', size: size - 1, dirty: 1 },
      ]);
      merged.push((await healThreads(db)).merged);
      await service.ingestStubs(stubs(20, 40));
      for (const stub of stubs(10, 60)) await service.ingestStub(stub);
    });
    expect(merged).toEqual([1, 1]);
    expect(cached!.length).toBe(70);
    expect(cached).toEqual(plain);
  });

  it('forgets what a failed batch read of its own stories', async () => {
    const failing: Analyze = (input) => {
      if (input.title.includes('number 44 ')) throw new Error('disk full');
      return analyzeArticle(input);
    };
    const out: StoryRecord[][] = [];
    for (const entries of [0, undefined]) {
      const db = await openDb();
      let clock = Date.parse('2026-03-01T08:00:00Z');
      let analyze: Analyze = analyzeArticle;
      const service = createStoryService(db, {
        analyze: (input) => analyze(input),
        now: () => clock++,
        candidateCacheEntries: entries,
      });
      await service.ingestStubs(stubs(30));
      analyze = failing;
      await expect(service.ingestStubs(stubs(20, 30))).rejects.toThrow('disk full');
      analyze = analyzeArticle;
      // Other stories now take the ids the failed batch's stories had.
      await service.ingestStubs(stubs(20, 100));
      out.push(await db.stories.toArray());
    }
    expect(out[1]!.length).toBe(50);
    expect(out[1]).toEqual(out[0]);
  });
});
