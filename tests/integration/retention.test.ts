/**
 * Retention on fake-indexeddb: old stubs go first, then (over the cap) more stubs and the oldest read stories;
 * followed threads and what a tab shows are kept; a full store makes room from stubs only and retries once.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { analyzeArticle } from '@/core/nlp/analyze';
import { BackstoryDB, type StoryRecord } from '@/lib/db/schema';
import { countCoverage } from '@/lib/db/stories';
import { followThread } from '@/lib/feeds/follows';
import { isQuotaError, runRetention, withQuotaRetry } from '@/lib/feeds/retention';
import { createStoryService, type StoryService } from '@/lib/story-service';
import { corpusReadings } from './helpers';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2025, 0, 1);
let db: BackstoryDB;
let service: StoryService;
let clock: number;

beforeEach(() => {
  fakeBrowser.reset();
  db = new BackstoryDB(`retention-${Math.random()}`);
  clock = T0;
  service = createStoryService(db, { analyze: analyzeArticle, now: () => clock });
});

async function stub(i: number, title = `Harbour wall repairs begin in the old port, part ${i}`) {
  const r = await service.ingestStub({
    title,
    url: `https://feeds.example/${i}`,
    publishedAt: null,
    summary: 'Engineers began repairs to the harbour wall on Monday after the winter storms.',
    source: 'feed',
  });
  return r!.story;
}

const sources = async () => (await db.stories.toArray()).map((s) => `${s.source}:${s.url}`).sort();

describe('retention', () => {
  it('deletes stubs older than 60 days, keeps read stories, followed threads and counts', async () => {
    const corpus = corpusReadings()
      .filter((c) => c.reading.article)
      .slice(0, 3);
    for (const { reading } of corpus) await service.ingestArticle(reading.article!);
    const old = await stub(1);
    const followed = await stub(2, 'Ferry timetable changes for the island route announced');
    await followThread(db, followed.threadId, followed.title, clock);
    clock += 61 * DAY;
    const fresh = await stub(3);
    const before = await db.termStats.get(Object.keys(old.termCounts)[0]!);

    const result = await runRetention(db, { now: clock });
    expect(result).toEqual({ deletedStubs: 1, deletedRead: 0 });
    expect(await db.stories.get(old.id)).toBeUndefined();
    expect(await db.stories.get(followed.id)).toBeDefined();
    expect(await db.stories.get(fresh.id)).toBeDefined();
    expect(
      await db.stories.where('[source+lastSeenTs]').between(['visit', 0], ['visit', Infinity]).count(),
    ).toBe(3);
    // Its terms no longer count, and its thread lost it.
    const after = await db.termStats.get(Object.keys(old.termCounts)[0]!);
    expect((after?.df ?? 0) + 1).toBe(before!.df);
    const thread = await db.threads.get(old.threadId);
    expect(thread?.size ?? 0).toBe(await db.stories.where('threadId').equals(old.threadId).count());
  });

  it('over the story cap: stubs first, then the read stories last seen longest ago', async () => {
    const corpus = corpusReadings()
      .filter((c) => c.reading.article)
      .slice(0, 4);
    const read: StoryRecord[] = [];
    for (const { reading } of corpus) {
      read.push((await service.ingestArticle(reading.article!)).story);
      clock += DAY;
    }
    await db.tabs.put({ tabId: 1, url: read[1]!.url, view: 'ready', storyId: read[1]!.id, updatedTs: clock });
    await stub(1);
    await stub(2);
    const result = await runRetention(db, { now: clock, policy: { maxStories: 3 } });
    expect(result).toEqual({ deletedStubs: 2, deletedRead: 1 });
    // read[0] is the oldest; read[1] is older still than the others but a tab shows it.
    expect((await db.stories.toArray()).map((s) => s.id).sort()).toEqual([
      read[1]!.id,
      read[2]!.id,
      read[3]!.id,
    ]);
    // The entities' coverage (stories naming them, earliest date) no longer counts the deleted stories.
    const entities = await db.entities.toArray();
    const truth = await countCoverage(
      db,
      entities.map((e) => e.key),
    );
    expect(read[0]!.entityKeys.length).toBeGreaterThan(0);
    for (const e of entities) {
      expect([e.key, e.stories, e.since], e.key).toEqual([
        e.key,
        truth.get(e.key)!.stories,
        truth.get(e.key)!.since,
      ]);
    }
  });

  it('a full store frees space from stubs only and retries the write once', async () => {
    const corpus = corpusReadings().filter((c) => c.reading.article);
    await service.ingestArticle(corpus[0]!.reading.article!);
    for (let i = 0; i < 3; i++) await stub(i);
    const before = await sources();
    let calls = 0;
    const quota = () =>
      Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    const written = await withQuotaRetry(db, async () => {
      calls++;
      if (calls === 1) throw quota();
      return service.ingestArticle(corpus[1]!.reading.article!);
    });
    expect(calls).toBe(2);
    expect(written.created).toBe(true);
    const after = await sources();
    // The read story and the new one are there; the stubs made the room.
    expect(after.filter((s) => s.startsWith('visit:'))).toHaveLength(2);
    expect(after.filter((s) => s.startsWith('feed:'))).toHaveLength(0);
    expect(before.filter((s) => s.startsWith('visit:')).every((s) => after.includes(s))).toBe(true);

    // A second failure is the caller's: nothing more is deleted.
    await expect(withQuotaRetry(db, async () => Promise.reject(quota()))).rejects.toThrow(/quota/);
    expect(await sources()).toEqual(after);
    // Dexie wraps the browser's error.
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
  });
});
