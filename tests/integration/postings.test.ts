import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyzeArticle } from '@/core/nlp/analyze';
import { exportAll } from '@/lib/db/export';
import { importAll } from '@/lib/db/import';
import { MAX_POSTINGS, MIN_CACHED, postingKey, readPostings } from '@/lib/db/postings';
import { BackstoryDB } from '@/lib/db/schema';
import { findCandidateIds } from '@/lib/db/stories';
import { deleteStories } from '@/lib/feeds/retention';
import { createStoryService } from '@/lib/story-service';
import { extractedArticle, feedStubs } from './helpers';

let db: BackstoryDB;
let service: ReturnType<typeof createStoryService>;
let clock = Date.parse('2026-03-01T08:00:00Z');
beforeEach(async () => {
  db = new BackstoryDB(`postings-${Math.random()}`);
  await db.open();
  service = createStoryService(db, { analyze: analyzeArticle, now: () => clock++ });
});
afterEach(async () => {
  await db.delete();
});

/** Feed items that share a few names and words, so that some keys have more than MIN_CACHED stories. */
const stubs = (n: number, from = 0) => feedStubs(n, from);

/** Every record equals what the index holds under its key: the newest MAX_POSTINGS ids, ascending. */
async function expectRecordsExact(): Promise<number> {
  const records = await db.postings.toArray();
  for (const { key, ids } of records) {
    const index = key.startsWith('e|') ? 'entityKeys' : 'terms';
    const truth = (await db.stories.where(index).equals(key.slice(2)).primaryKeys()) as number[];
    expect(Array.from(ids), key).toEqual(truth.sort((a, b) => a - b).slice(-MAX_POSTINGS));
  }
  return records.length;
}

/** The candidate look-up as it was before the records: every key read from the index. */
async function candidatesFromIndex(entityKeys: string[], terms: string[], exclude: number) {
  const hits = new Map<number, number>();
  const lists = await Promise.all([
    ...entityKeys.map((k) =>
      db.stories.where('entityKeys').equals(k).reverse().limit(MAX_POSTINGS).primaryKeys(),
    ),
    ...terms.map((t) => db.stories.where('terms').equals(t).reverse().limit(MAX_POSTINGS).primaryKeys()),
  ]);
  lists.forEach((ids, i) => {
    for (const id of ids as number[])
      if (id !== exclude) hits.set(id, (hits.get(id) ?? 0) + (i < entityKeys.length ? 2 : 1));
  });
  return [...hits.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0]).map(([id]) => id);
}

async function expectSameCandidates(): Promise<void> {
  for (const s of await db.stories.toArray()) {
    const keys = s.entityKeys.slice(0, 10);
    const terms = s.terms.slice(0, 16);
    const { ids } = await findCandidateIds(db, keys, terms, { exclude: s.id, limit: 1000 });
    expect(ids, s.url).toEqual(await candidatesFromIndex(keys, terms, s.id));
  }
}

describe("the candidate look-up's postings records", () => {
  it('are built by ingest for keys of many stories and stay equal to the index as stories arrive and change', async () => {
    await service.ingestStubs(stubs(100));
    for (const stub of stubs(60, 100)) await service.ingestStub(stub);
    const records = await expectRecordsExact();
    // The places and the common words are in more than MIN_CACHED stories; the rarer keys have no record.
    expect(records).toBeGreaterThan(0);
    for (const { ids } of await db.postings.toArray()) expect(ids.length).toBeGreaterThanOrEqual(MIN_CACHED);
    const keys = await db.postings.toCollection().primaryKeys();
    expect(keys).toEqual(expect.arrayContaining(['t|ministry', 't|report']));
    expect(keys.some((k) => k.startsWith('e|'))).toBe(true);

    // A stub read as an article (same row, more keys), and an article whose text changes (keys lost and gained).
    await service.ingestArticle(
      extractedArticle({
        url: 'https://news.example/4',
        title: 'Korea flooding: the Ministry of Korea counts the damage',
        text: 'Rescue teams in Korea worked through the night. The flooding reached Seoul and Busan on Monday. '.repeat(
          6,
        ),
      }),
    );
    await service.ingestArticle(
      extractedArticle({
        url: 'https://news.example/4',
        title: 'Japan earthquake: a tremor felt in Tokyo',
        text: 'A strong earthquake shook Japan on Tuesday. Officials in Tokyo said trains stopped for an hour. '.repeat(
          6,
        ),
      }),
    );
    await expectRecordsExact();
    await expectSameCandidates();
  });

  it('stay equal to the index when retention deletes stories and when an export is imported', async () => {
    await service.ingestStubs(stubs(140));
    expect(await expectRecordsExact()).toBeGreaterThan(0);
    const file = await exportAll(db, new Date(clock));

    await deleteStories(db, await db.stories.where('id').below(40).toArray());
    // The records of the deleted stories' keys are read again, not dropped.
    expect(await expectRecordsExact()).toBeGreaterThan(0);
    await expectSameCandidates();

    // Into another device that has read some of the same stories: the imported ones are found as candidates.
    const other = new BackstoryDB(`postings-other-${Math.random()}`);
    await other.open();
    const otherService = createStoryService(other, { analyze: analyzeArticle, now: () => clock++ });
    await otherService.ingestStubs([...stubs(30, 200), ...stubs(80)]);
    await importAll(other, JSON.parse(JSON.stringify(file)));
    const saved = db;
    db = other;
    try {
      expect(await expectRecordsExact()).toBeGreaterThan(0);
      // Every key of the imported stories that now has MIN_CACHED stories or more has its record, as ingest
      // would have built it.
      const imported = (file.stories as { entityKeys: string[]; terms: string[] }[]).flatMap((s) => [
        ...s.entityKeys.map((k) => ['entityKeys', k] as const),
        ...s.terms.map((t) => ['terms', t] as const),
      ]);
      let many = 0;
      for (const [index, key] of imported) {
        if ((await db.stories.where(index).equals(key).count()) < MIN_CACHED) continue;
        many++;
        expect(await db.postings.get(postingKey(index, key)), key).toBeDefined();
      }
      expect(many).toBeGreaterThan(0);
      await expectSameCandidates();
      await otherService.ingestStubs(stubs(5, 300));
      await expectRecordsExact();
    } finally {
      db = saved;
      await other.delete();
    }
  });

  it('are what the look-up reads for a key that has one', async () => {
    await service.ingestStubs(stubs(20));
    await db.postings.put({ key: 'e|place:korea', ids: Uint32Array.of(3, 7) });
    const { lists } = await readPostings(db, [
      ['entityKeys', 'place:korea'],
      ['entityKeys', 'place:japan'],
    ]);
    expect(Array.from(lists[0]!)).toEqual([3, 7]);
    expect(Array.from(lists[1]!)).toEqual(
      ((await db.stories.where('entityKeys').equals('place:japan').primaryKeys()) as number[]).sort(
        (a, b) => a - b,
      ),
    );
    expect(Array.from((await readPostings(db, [['entityKeys', 'place:korea']], 1)).lists[0]!)).toEqual([7]);
  });
});
