import 'fake-indexeddb/auto';
import type { DBCore, DBCoreMutateRequest } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeArticle } from '@/core/nlp/analyze';
import { BackstoryDB } from '@/lib/db/schema';
import { FEED_BATCH_MS, ingestStubBatches } from '@/lib/feeds/ingest';
import { createStoryService, type StoryService } from '@/lib/story-service';
import { feedStubs } from './helpers';

/** Feed items that share names and words, so that the batch's stubs rewrite the same records. */
const stubs = (n: number, from = 0) => feedStubs(n, from, ['Korea', 'Japan', 'Chile']);

/** What reaches IndexedDB: the rows written per table, below every other middleware. */
function openDb(options: { failOn?: (req: DBCoreMutateRequest, table: string) => boolean } = {}) {
  const db = new BackstoryDB(`write-back-${Math.random()}`);
  const rows = new Map<string, number>();
  db.use({
    stack: 'dbcore',
    name: 'test-writes-reaching-idb',
    level: 0,
    create: (down: DBCore) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req) => {
            if (options.failOn?.(req, name)) return Promise.reject(new Error('disk full'));
            const n = req.type === 'put' || req.type === 'add' ? req.values.length : 1;
            rows.set(name, (rows.get(name) ?? 0) + n);
            return table.mutate(req);
          },
        };
      },
    }),
  });
  dbs.push(db);
  return { db, rows };
}
const dbs: BackstoryDB[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function dump(db: BackstoryDB) {
  return {
    stories: await db.stories.toArray(),
    termStats: await db.termStats.toArray(),
    threads: await db.threads.toArray(),
    entities: await db.entities.toArray(),
    postings: (await db.postings.toArray()).map((p) => ({ key: p.key, ids: [...p.ids] })),
  };
}

describe('a feed batch holds its writes to the derived tables until it ends', () => {
  it('stores exactly what the same stubs one by one store, writing each record once', async () => {
    const one = openDb();
    const batch = openDb();
    let t = 1_700_000_000_000;
    let u = t;
    const byOne = createStoryService(one.db, { analyze: analyzeArticle, now: () => t++ });
    const byBatch = createStoryService(batch.db, { analyze: analyzeArticle, now: () => u++ });
    // Enough stubs under the same names for postings records (64 ids and more) to be built and updated.
    const list = stubs(150);
    for (const stub of list) await byOne.ingestStub(stub);
    const results = await byBatch.ingestStubs(list);
    expect(results.every((r) => r?.created)).toBe(true);

    const a = await dump(one.db);
    expect(a.postings.length).toBeGreaterThan(0);
    expect(a.stories.some((s) => s.related.length > 0)).toBe(true);
    expect(await dump(batch.db)).toEqual(a);
    // Each term's frequency, entity, thread and postings record written once for the batch, not once per stub.
    for (const table of ['termStats', 'entities', 'threads', 'postings'] as const) {
      expect(batch.rows.get(table), table).toBeLessThanOrEqual(a[table].length);
      expect(one.rows.get(table) ?? 0, table).toBeGreaterThan(2 * a[table].length);
    }
  });

  it('answers reads by key, queries and counts inside the batch with what it holds', async () => {
    const { db } = openDb();
    await db.termStats.bulkPut([
      { term: 'alpha', df: 1 },
      { term: 'beta', df: 2 },
    ]);
    const seen = await db.transaction('rw', [db.termStats, db.threads], async (tx) => {
      db.writeBack.begin(tx.idbtrans);
      await db.termStats.bulkPut([
        { term: 'alpha', df: 5 },
        { term: 'gamma', df: 1 },
      ]);
      await db.termStats.delete('beta');
      const held = db.writeBack.held(tx.idbtrans);
      const byKey = await db.termStats.bulkGet(['alpha', 'beta', 'gamma', 'delta']);
      const one = await db.termStats.get('alpha');
      one!.df = 99; // a caller changing what it read changes nothing held
      const again = await db.termStats.get('alpha');
      // A query is not answered from memory: what is held is written first.
      const all = await db.termStats.toArray();
      const afterQuery = db.writeBack.held(tx.idbtrans);
      await db.writeBack.end(tx.idbtrans);
      return { held, byKey, again, all, afterQuery };
    });
    expect(seen.held).toBe(3);
    expect(seen.byKey).toEqual([{ term: 'alpha', df: 5 }, undefined, { term: 'gamma', df: 1 }, undefined]);
    expect(seen.again).toEqual({ term: 'alpha', df: 5 });
    expect(seen.all).toEqual([
      { term: 'alpha', df: 5 },
      { term: 'gamma', df: 1 },
    ]);
    expect(seen.afterQuery).toBe(0);
    expect(await db.termStats.toArray()).toEqual(seen.all);
  });

  it('stores nothing of a batch whose held writes fail at its end, and links the next batch as if it never ran', async () => {
    let failing = false;
    const { db } = openDb({ failOn: (req, table) => failing && table === 'termStats' && req.type === 'put' });
    const service = createStoryService(db, { analyze: analyzeArticle });
    await service.ingestStubs(stubs(20));
    const before = await dump(db);
    failing = true;
    await expect(service.ingestStubs(stubs(20, 20))).rejects.toThrow('disk full');
    failing = false;
    expect(await dump(db)).toEqual(before);
    await service.ingestStubs(stubs(20, 20));

    const { db: fresh } = openDb();
    const control = createStoryService(fresh, { analyze: analyzeArticle });
    await control.ingestStubs(stubs(20));
    await control.ingestStubs(stubs(20, 20));
    const [x, y] = [await dump(db), await dump(fresh)];
    expect(x.termStats).toEqual(y.termStats);
    expect(x.stories.map((s) => [s.url, s.eventId, s.threadId, s.related])).toEqual(
      y.stories.map((s) => [s.url, s.eventId, s.threadId, s.related]),
    );
  });

  it('stops taking stubs once the batch has run its budget, and the rest go in the next', async () => {
    const { db } = openDb();
    const service = createStoryService(db, { analyze: analyzeArticle });
    const list = stubs(12);
    const first = await service.ingestStubs(list, { budgetMs: 0 });
    expect(first).toHaveLength(1);
    const rest = await service.ingestStubs(list.slice(first.length), { budgetMs: 60_000 });
    expect(rest).toHaveLength(11);
    expect(await db.stories.count()).toBe(12);
  });
});

describe("the feed poller hands a feed's new items over in batches", () => {
  it('until every stub is taken, each batch bounded in time and retried once when storage is full', async () => {
    const { db } = openDb();
    const real = createStoryService(db, { analyze: analyzeArticle });
    const calls: number[] = [];
    const service = {
      ingestStubs: async (
        list: Parameters<StoryService['ingestStubs']>[0],
        options?: { budgetMs?: number },
      ) => {
        calls.push(list.length);
        expect(options?.budgetMs).toBe(FEED_BATCH_MS);
        if (calls.length === 2) {
          throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
        }
        // As a batch that ran out of time after three stubs.
        return real.ingestStubs(list.slice(0, 3));
      },
    } as unknown as StoryService;
    const list = stubs(8);
    const results = await ingestStubBatches(db, service, list);
    expect(calls).toEqual([8, 5, 5, 2]);
    expect(results.map((r) => r?.story.url)).toEqual(list.map((s) => s.url));
    // Retention made room from the oldest stubs (the first batch's); the batches after it are stored.
    const stored = new Set((await db.stories.toArray()).map((s) => s.url));
    expect(list.slice(3).every((s) => stored.has(s.url))).toBe(true);
  });
});
