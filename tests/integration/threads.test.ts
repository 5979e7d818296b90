// @vitest-environment node
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { ExtractedArticle } from '@/core/model';
import { analyzeArticle } from '@/core/nlp/analyze';
import { BackstoryDB, type StoryRecord } from '@/lib/db/schema';
import { createStoryService } from '@/lib/story-service';
import { healThreads } from '@/lib/threads';

const article = (n: number, title: string, text: string, day: number): ExtractedArticle => ({
  canonicalUrl: `https://news.example/${n}`,
  url: `https://news.example/${n}`,
  title,
  publishedAt: new Date(Date.UTC(2010, 4, 1 + day, 12)).toISOString(),
  modifiedAt: null,
  authors: [],
  publisher: 'Example',
  lang: 'en',
  section: null,
  image: null,
  description: null,
  text,
});

const SPILL = [
  [
    'Oil spill spreads in the Gulf of Mexico',
    'Oil from the BP well spread across the Gulf of Mexico as the spill grew.',
  ],
  [
    'BP tries to cap the leaking oil well',
    'BP engineers tried to cap the leaking well in the Gulf of Mexico; the oil spill continued.',
  ],
  [
    'Oil spill reaches Louisiana marshes',
    'Oil from the BP spill reached the Louisiana marshes along the Gulf of Mexico.',
  ],
  [
    'BP chief Tony Hayward faces Congress over oil spill',
    'Tony Hayward, the BP chief executive, faced Congress over the Gulf oil spill.',
  ],
];
const FLU = [
  [
    'Swine flu cases rise in Mexico',
    'Health officials in Mexico reported more swine flu cases as the H1N1 virus spread.',
  ],
  [
    'WHO raises swine flu pandemic alert',
    'The World Health Organization raised its pandemic alert as the H1N1 swine flu virus spread.',
  ],
];

/** Every thread a story points to exists, with as many stories as point to it. */
async function expectThreadSizes(db: BackstoryDB): Promise<void> {
  const sizes = new Map<string, number>();
  for (const s of await db.stories.toArray()) sizes.set(s.threadId, (sizes.get(s.threadId) ?? 0) + 1);
  for (const [id, size] of sizes) expect((await db.threads.get(id))?.size).toBe(size);
}

describe('threads', () => {
  it('keeps thread centroids in the database and heals split threads without mixing stories', async () => {
    const db = new BackstoryDB(`threads-${Math.random()}`);
    const service = createStoryService(db, { analyze: analyzeArticle, now: () => 0 });
    let n = 0;
    for (const [title, text] of [...SPILL, ...FLU])
      await service.ingestArticle(article(n++, title!, text!, n * 9));
    const threads = await db.threads.toArray();
    expect(threads.reduce((s, t) => s + t.size, 0)).toBe(6);
    const stories = await db.stories.toArray();
    for (const s of stories) expect(threads.map((t) => t.id)).toContain(s.threadId);

    // Split the spill thread by hand, as ingest order sometimes does; healing joins it again.
    const spill = stories.filter((s) => /oil|bp/i.test(s.title));
    await db.stories.update(spill[3]!.id, { threadId: 'th-split' });
    const moved = (await db.threads.get(spill[0]!.threadId))!;
    await db.threads.bulkPut([
      { ...moved, size: moved.size - 1 },
      { ...moved, id: 'th-split', size: 1, dirty: 1 },
    ]);
    // The reader follows the split-off piece: the follow must survive the merge.
    await db.follows.put({ threadId: 'th-split', title: spill[3]!.title, followedTs: 5, lastNotifiedTs: 5 });
    const result = await healThreads(db);
    expect(result.done).toBe(true);
    const after = await db.stories.toArray();
    const spillThreads = new Set(after.filter((s) => /oil|bp/i.test(s.title)).map((s) => s.threadId));
    expect((await db.follows.toArray()).map((f) => f.threadId)).toEqual([...spillThreads]);
    const fluThreads = new Set(after.filter((s) => /flu/i.test(s.title)).map((s) => s.threadId));
    expect(spillThreads.size).toBe(1);
    for (const t of fluThreads) expect(spillThreads.has(t)).toBe(false);
    expect(await db.threads.where('dirty').equals(1).count()).toBe(0);
    await expectThreadSizes(db);
    await db.delete();
  });

  it('heals within a time budget: a step stops when its time is up and the next one carries on', async () => {
    const db = new BackstoryDB(`threads-budget-${Math.random()}`);
    const service = createStoryService(db, { analyze: analyzeArticle, now: () => 0 });
    let n = 0;
    for (const [title, text] of [...SPILL, ...FLU])
      await service.ingestArticle(article(n++, title!, text!, n * 9));
    const changed = await db.threads.where('dirty').equals(1).count();
    expect(changed).toBeGreaterThan(1);
    // A clock that moves 10 ms each time it is read: a 15 ms budget leaves room for one thread.
    let t = 0;
    const now = () => {
      t += 10;
      return t;
    };
    const first = await healThreads(db, { budgetMs: 15, now });
    expect(first.done).toBe(false);
    expect(first.examined).toBeGreaterThan(0);
    expect(first.examined).toBeLessThan(changed);
    // Carried on step by step, it ends with no changed thread left, as one unbounded pass would.
    let steps = 1;
    for (let r = first; !r.done; steps++) r = await healThreads(db, { budgetMs: 15, now });
    expect(steps).toBeGreaterThan(1);
    expect(await db.threads.where('dirty').equals(1).count()).toBe(0);
    await expectThreadSizes(db);
    await db.delete();
  });

  it('takes the smallest changed threads first, of all the changed threads, without reading them to sort them', async () => {
    const db = new BackstoryDB(`threads-order-${Math.random()}`);
    // 1,200 changed threads, more than one round lists; none alike (a key each), so each is looked at and left.
    // The smallest have the ids that sort last: ordering within the first 1,000 ids would never reach them.
    const threads = Array.from({ length: 1200 }, (_, i) => ({
      id: `th-${String(i).padStart(4, '0')}`,
      size: i >= 1195 ? 1 + (1199 - i) : 10 + (i % 7),
      sum: { [`word${i}`]: 1 },
      keys: [`word${i}`],
      firstTs: 0,
      lastTs: 0,
      dirty: 1 as const,
    }));
    await db.threads.bulkPut(threads);
    const first = await healThreads(db, { maxThreads: 5 });
    expect(first).toEqual({ examined: 5, merged: 0, done: false });
    const looked = (await db.threads.where('dirty').equals(0).toArray()).map((t) => [t.id, t.size]);
    expect(looked).toEqual([
      ['th-1199', 1],
      ['th-1198', 2],
      ['th-1197', 3],
      ['th-1196', 4],
      ['th-1195', 5],
    ]);
    // Equal sizes go by id, and the pass carries on to the end.
    const second = await healThreads(db, { maxThreads: 2 });
    expect(second.examined).toBe(2);
    const next = (await db.threads.where('dirty').equals(0).primaryKeys()).filter((id) => id < 'th-1195');
    expect(next).toEqual(['th-0000', 'th-0007']);
    expect((await healThreads(db)).done).toBe(true);
    expect(await db.threads.where('dirty').equals(1).count()).toBe(0);
    await db.delete();
  });

  it('upgrades a version-1 database: thread centroids are built from the stored stories', async () => {
    const name = `upgrade-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({
      stories: '++id, &url, publishedTs, *entityKeys, *terms, eventId, threadId, lastSeenTs',
      teasers: '++id, &url, seenOnStoryId, seenTs',
      termStats: '&term',
      tabs: '&tabId, storyId',
      settings: '&key',
    });
    const row = (id: number, threadId: string, termCounts: Record<string, number>) =>
      ({
        id,
        url: `u${id}`,
        threadId,
        eventId: `ev-${id}`,
        termCounts,
        publishedTs: id,
        related: [],
      }) as unknown as StoryRecord;
    await v1
      .table('stories')
      .bulkAdd([row(1, 'th-1', { oil: 2 }), row(2, 'th-1', { spill: 1 }), row(3, 'th-3', { flu: 1 })]);
    v1.close();
    const db = new BackstoryDB(name);
    const threads = await db.threads.orderBy('id').toArray();
    expect(threads.map((t) => [t.id, t.size])).toEqual([
      ['th-1', 2],
      ['th-3', 1],
    ]);
    expect(threads[0]!.keys.sort()).toEqual(['oil', 'spill']);
    await db.delete();
  });
});
