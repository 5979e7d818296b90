import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { RelatedStory } from '@/core/model';
import { analyzeArticle } from '@/core/nlp/analyze';
import { titleWords } from '@/core/search/search-words';
import {
  BackstoryDB,
  type EntityRecord,
  mergeEntity,
  type StoryRecord,
  storedLink,
  type ThreadRecord,
  wireFields,
} from '@/lib/db/schema';
import { search } from '@/lib/db/search';
import { countCoverage, createDocFreqCache, findCandidateIds, STORIES_COUNT } from '@/lib/db/stories';
import { createStoryService } from '@/lib/story-service';
import { ThreadSums } from '@/lib/thread-sums';
import { feedStubs, seedReading } from './helpers';

/** The stores of each earlier version, exactly as lib/db/schema.ts declares them. */
const STORES: Record<number, Record<string, string>> = {
  1: {
    stories: '++id, &url, publishedTs, *entityKeys, *terms, eventId, threadId, lastSeenTs',
    teasers: '++id, &url, seenOnStoryId, seenTs',
    termStats: '&term',
    tabs: '&tabId, storyId',
    settings: '&key',
  },
  2: { threads: '&id, *keys, dirty' },
  3: {
    stories: '++id, &url, publishedTs, *entityKeys, *terms, eventId, threadId, lastSeenTs, *titleWords',
    entities: '&key, *words',
  },
  4: { feeds: '++id, &url, nextFetchTs', follows: '&threadId', cards: '&key, entityKey, expiresTs' },
  5: {
    stories:
      '++id, &url, publishedTs, *entityKeys, *terms, eventId, threadId, lastSeenTs, *titleWords, [source+lastSeenTs]',
  },
  6: {},
  7: {
    stories:
      '++id, &url, publishedTs, *entityKeys, *terms, eventId, threadId, lastSeenTs, *titleWords, [source+lastSeenTs], *wire',
  },
  8: { threads: '&id, *keys, [dirty+size]' },
  9: {
    stories:
      '++id, &url, publishedTs, *entityKeys, *terms, eventId, threadId, lastSeenTs, *titleWords, [source+lastSeenTs], *wire, [threadId+source], [threadId+firstSeenTs]',
  },
  10: { postings: '&key' },
  11: {
    stories:
      '++id, &url, publishedTs, *entityKeys, *terms, eventId, threadId, lastSeenTs, *titleWords, [source+lastSeenTs], *wire, [threadId+source+lastSeenTs], [threadId+firstSeenTs]',
  },
};

interface Fixture {
  version: number;
  tables: Record<string, Record<string, unknown>[]>;
}

function fixture(version: number): Fixture {
  return JSON.parse(readFileSync(path.resolve(`tests/fixtures/db/v${version}.json`), 'utf8')) as Fixture;
}

/** A database created at `version` (its stores declared as they were then), filled with `tables`, closed. */
async function createAt(version: number, tables: Fixture['tables']): Promise<string> {
  const name = `migrate-v${version}-${Math.random()}`;
  const old = new Dexie(name);
  for (let v = 1; v <= version; v++) old.version(v).stores(STORES[v]!);
  await old.open();
  expect(old.verno).toBe(version);
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(tables)) await old.table(table).bulkAdd(rows);
  });
  old.close();
  return name;
}

const CURRENT = 12;

/**
 * After the v6 upgrade: every entity keeps its names (as `entities` had them) and says how many of `stories` list
 * it and the earliest publication among the dated ones, as counting the stories afresh gives. The migrated rows.
 */
async function expectCoverage(
  db: BackstoryDB,
  stories: readonly Pick<StoryRecord, 'entityKeys' | 'publishedAt' | 'publishedTs'>[],
  entities: ReadonlyMap<string, EntityRecord>,
): Promise<EntityRecord[]> {
  const migrated = await db.entities.toArray();
  expect(migrated.map(({ stories: _n, sinceTs: _t, since: _s, ...e }) => e)).toEqual(
    [...entities.values()].sort((a, b) => (a.key < b.key ? -1 : 1)),
  );
  const truth = await countCoverage(
    db,
    migrated.map((e) => e.key),
  );
  for (const e of migrated) {
    const listing = stories.filter((s) => s.entityKeys.includes(e.key));
    const earliest = listing.filter((s) => s.publishedAt).sort((a, b) => a.publishedTs - b.publishedTs)[0];
    expect(e.stories, e.key).toBe(listing.length);
    expect(e.stories, e.key).toBe(truth.get(e.key)!.stories);
    expect(e.sinceTs ?? null, e.key).toBe(earliest?.publishedTs ?? null);
    expect(e.since ?? null, e.key).toBe(earliest?.publishedAt ?? null);
  }
  return migrated;
}

/** A link stored before v6 as v6 keeps it, written out here rather than through storedLink (the code under test). */
const withoutReasons = (r: RelatedStory) => ({
  storyId: r.storyId,
  score: r.score,
  kind: r.kind,
  similarity: r.reasons.similarity,
});

/** A story of an earlier version as v6 keeps it: title words (v3), links without their reasons (v6). */
function upgraded(
  s: Omit<StoryRecord, 'related'> & { related: Parameters<typeof storedLink>[0][] },
): StoryRecord {
  return {
    ...s,
    titleWords: titleWords(s.title),
    related: s.related.map(storedLink),
    ...wireFields(s.text, s.lang),
  };
}

/**
 * Stories stored at `version` and opened with the current schema: the v2 fixture's first story with each of
 * `fields` (and a URL of its own), as the current version keeps them. Checks that the database opened at the
 * current version with every one of them as it was.
 */
async function openWithStories(
  version: number,
  fields: Record<string, unknown>[],
): Promise<{ db: BackstoryDB; stories: StoryRecord[] }> {
  const base = (fixture(2).tables.stories as unknown as StoryRecord[])[0]!;
  const stories = fields.map((f) =>
    upgraded({ ...base, url: `https://news.example/v${version}/${f.id}`, ...f } as never),
  );
  const db = new BackstoryDB(
    await createAt(version, { stories: stories as unknown as Record<string, unknown>[] }),
  );
  await db.open();
  expect(db.verno).toBe(CURRENT);
  expect(await db.stories.orderBy('id').toArray()).toEqual(stories);
  return { db, stories };
}

describe.each([1, 2])('a database at schema version %i', (version) => {
  it('opens with the current schema: every record survives and the upgrades ran', async () => {
    const { tables } = fixture(version);
    expect(tables.stories!.length).toBeGreaterThanOrEqual(5);
    const db = new BackstoryDB(await createAt(version, tables));
    await db.open();
    expect(db.verno).toBe(CURRENT);

    // Every record of every table is still there, unchanged except for what the upgrades add.
    const stories = tables.stories as unknown as StoryRecord[];
    expect(await db.stories.toArray()).toEqual(stories.map(upgraded));
    for (const table of ['teasers', 'termStats', 'tabs', 'settings']) {
      expect(await db.table(table).toArray(), table).toEqual(tables[table]);
    }

    // v2: thread centroids. Built from the stories when coming from v1; kept as they were from v2.
    const threads = await db.threads.toArray();
    if (version === 1) {
      const sums = new ThreadSums();
      for (const s of stories) sums.add(s);
      expect(threads).toEqual(sums.records().sort((a, b) => (a.id < b.id ? -1 : 1)));
    } else {
      expect(threads).toEqual(tables.threads);
    }
    const threadIds = new Set(stories.map((s) => s.threadId));
    expect(new Set(threads.map((t: ThreadRecord) => t.id))).toEqual(threadIds);
    for (const t of threads) {
      expect(t.size).toBe(stories.filter((s) => s.threadId === t.id).length);
      expect(await db.threads.where('keys').equals(t.keys[0]!).primaryKeys()).toContain(t.id);
    }

    // v3: title words (indexed) and the entities table, for search.
    for (const s of stories) {
      const word = titleWords(s.title)[0]!;
      expect(await db.stories.where('titleWords').equals(word).primaryKeys(), s.title).toContain(s.id);
    }
    const keys = new Set(stories.flatMap((s) => s.entities.map((e) => e.key)));
    const entities = await db.entities.toArray();
    expect(new Set(entities.map((e) => e.key))).toEqual(keys);
    for (const e of entities) {
      const names = stories.flatMap((s) => s.entities.filter((x) => x.key === e.key).map((x) => x.name));
      expect(names).toContain(e.name);
      expect(e.words.length).toBeGreaterThan(0);
    }
    // v5: stories by [source+lastSeenTs] (retention), filled from the existing rows.
    const bySource = await db.stories
      .where('[source+lastSeenTs]')
      .between([stories[0]!.source, Dexie.minKey], [stories[0]!.source, Dexie.maxKey])
      .primaryKeys();
    expect(bySource.length).toBe(stories.filter((s) => s.source === stories[0]!.source).length);

    const found = await search(db, 'kim');
    expect(found.stories.length).toBeGreaterThan(0);
    expect(found.entities.map((e) => e.name)).toContain('Kim Jong Un');

    // And the migrated store links a new article as usual.
    const service = createStoryService(db, { analyze: analyzeArticle, now: () => Date.UTC(2025, 6, 1) });
    const { story } = await service.ingestArticle(seedReading().article!);
    expect(story.related.map((r) => r.storyId)).toEqual(
      expect.arrayContaining(
        stories
          .filter((s) => s.threadId === 'th-1')
          .map((s) => s.id)
          .slice(0, 1),
      ),
    );
    expect(story.id).toBe(Math.max(...stories.map((s) => s.id)) + 1);
    db.close();
  });
});

describe('a database at schema version 3', () => {
  it('opens at the current version: links lose their reasons, entities gain their coverage, texts their wire fingerprint', async () => {
    const { tables } = fixture(2);
    // Stories as v3 stored them: title words, a revision and the visit before, links with their reasons, no
    // fingerprint. Story 4 is a photo caption of one line (too short to fingerprint) seen without a date.
    type V3Story = Omit<StoryRecord, 'related'> & { related: RelatedStory[] };
    const caption = 'Christine Lagarde speaks to reporters in Frankfurt.';
    const stories = (tables.stories as unknown as V3Story[]).map((s) => ({
      ...s,
      titleWords: titleWords(s.title),
      ...(s.id === 4 && { text: caption, partial: true, publishedAt: null }),
      ...(s.id === 2 && {
        visits: 2,
        prevSeenTs: s.firstSeenTs,
        revisions: [
          {
            seenTs: s.lastSeenTs,
            previousSeenTs: s.firstSeenTs,
            previousTitle: 'Trump and Kim Meet in Singapore',
            previousTextHash: 'h-3f9a21',
            title: s.title,
            added: ['The two leaders signed a joint statement after the talks.'],
            removed: [],
            addedCount: 1,
            removedCount: 0,
          },
        ],
      }),
    }));
    // The entities table as v3 wrote it: names and words, no coverage.
    const entities = new Map<string, EntityRecord>();
    for (const s of stories)
      for (const e of s.entities) entities.set(e.key, mergeEntity(entities.get(e.key), e));
    expect([...entities.values()].every((e) => !('stories' in e) && !('since' in e))).toBe(true);
    const v3 = {
      ...tables,
      stories: stories as unknown as Record<string, unknown>[],
      entities: [...entities.values()] as unknown as Record<string, unknown>[],
    };
    const db = new BackstoryDB(await createAt(3, v3));
    await db.open();
    expect(db.verno).toBe(CURRENT);

    // Nothing is lost: every table keeps its rows, and the tables of v4 are there, empty.
    for (const [table, rows] of Object.entries(v3))
      expect(await db.table(table).count(), table).toBe(rows.length);
    for (const table of ['feeds', 'follows', 'cards']) {
      expect(db.tables.map((t) => t.name)).toContain(table);
      expect(await db.table(table).count(), table).toBe(0);
    }
    for (const table of ['teasers', 'termStats', 'tabs', 'settings', 'threads']) {
      expect(await db.table(table).toArray(), table).toEqual(tables[table]);
    }

    // Every story survives with its text, title words and revisions; v6 stored its links without their reasons.
    const after = await db.stories.toArray();
    expect(after).toEqual(stories.map(upgraded));
    for (const s of stories) {
      const migrated = after.find((x) => x.id === s.id)!;
      expect(migrated.text, s.title).toBe(s.text);
      expect(migrated.related).toEqual(s.related.map(withoutReasons));
      expect(await db.stories.where('titleWords').equals(s.titleWords[0]!).primaryKeys()).toContain(s.id);
    }
    expect(stories.filter((s) => s.related.length).length).toBeGreaterThanOrEqual(3);
    expect(after.find((s) => s.id === 2)).toMatchObject({ prevSeenTs: stories[1]!.firstSeenTs, visits: 2 });
    expect(after.find((s) => s.id === 2)!.revisions).toEqual(stories[1]!.revisions);

    // v6: every entity keeps its names and now says how many stories list it and since when (dated ones only).
    const migrated = await expectCoverage(db, stories, entities);
    const kim = migrated.find((e) => e.key === 'person:kim jong un')!;
    expect(kim).toMatchObject({ stories: 4, sinceTs: Date.parse('2018-03-09T13:30:00Z') });
    expect(kim.since).toBe('2018-03-09T13:30:00Z');
    // Named only in the undated caption: counted, with no date.
    expect(migrated.find((e) => e.key === 'person:christine lagarde')).toMatchObject({
      stories: 1,
      sinceTs: null,
      since: null,
    });

    // v7: the full texts get their fingerprint and band keys (indexed); the caption is too short for one.
    const long = after.filter((s) => s.id !== 4);
    expect(long.length).toBeGreaterThanOrEqual(4);
    for (const s of long) {
      expect(s.fingerprint?.minhash, s.title).toHaveLength(32);
      expect(s.wire, s.title).toHaveLength(16);
      expect(await db.stories.where('wire').equals(s.wire![5]!).primaryKeys()).toContain(s.id);
    }
    const short = after.find((s) => s.id === 4)!;
    expect(short.text).toBe(caption);
    expect(short).not.toHaveProperty('fingerprint');
    expect(short).not.toHaveProperty('wire');
    // v5: the [source+lastSeenTs] index holds every story.
    const visits = await db.stories
      .where('[source+lastSeenTs]')
      .between(['visit', Dexie.minKey], ['visit', Dexie.maxKey])
      .primaryKeys();
    expect(visits).toHaveLength(stories.length);
    db.close();
  });
});

describe('a database at schema version 4', () => {
  it('opens at v5 with its feeds and follows kept, and indexes its stories by source', async () => {
    const { tables } = fixture(2);
    const stored = (tables.stories as unknown as StoryRecord[]).map((s) => ({
      ...s,
      titleWords: titleWords(s.title),
    }));
    const stories = stored.map(upgraded);
    const feeds = [
      {
        id: 1,
        url: 'https://example.org/feed.xml',
        title: 'Example',
        intervalMin: 60,
        nextFetchTs: 5,
        errorCount: 0,
        addedTs: 1,
      },
    ];
    const follows = [{ threadId: 'th-1', title: 'A story', followedTs: 1, lastNotifiedTs: 1 }];
    const db = new BackstoryDB(await createAt(4, { ...tables, stories: stored, feeds, follows }));
    await db.open();
    expect(db.verno).toBe(CURRENT);
    expect(await db.stories.toArray()).toEqual(stories);
    expect(await db.feeds.toArray()).toEqual(feeds);
    expect(await db.follows.toArray()).toEqual(follows);
    const visits = await db.stories
      .where('[source+lastSeenTs]')
      .between(['visit', Dexie.minKey], ['visit', Dexie.maxKey])
      .toArray();
    expect(visits.map((s) => s.lastSeenTs)).toEqual(
      stories
        .filter((s) => s.source === 'visit')
        .map((s) => s.lastSeenTs)
        .sort((a, b) => a - b),
    );
    db.close();
  });
});

describe('upgrading records that are not well formed', () => {
  it('still opens a v1 database whose stories lack fields the upgrades read', async () => {
    const { tables } = fixture(1);
    const [first, second, ...rest] = tables.stories!;
    const broken = [
      { ...first, title: undefined, entities: undefined },
      { ...second, termCounts: undefined },
      ...rest,
    ];
    const db = new BackstoryDB(await createAt(1, { ...tables, stories: broken }));
    await db.open();
    expect(db.verno).toBe(CURRENT);
    expect(await db.stories.count()).toBe(broken.length);
    expect((await db.stories.get(second!.id as number))?.termCounts).toBeUndefined();
    expect((await db.stories.get(first!.id as number))?.titleWords).toEqual([]);
    db.close();
  });
});

describe('a database at schema version 5', () => {
  it('opens at v6: links lose their reasons (kept as similarity), entities gain their coverage', async () => {
    const { tables } = fixture(2);
    // Stories as v5 stored them: links with their reasons.
    type V5Story = Omit<StoryRecord, 'related'> & { related: RelatedStory[] };
    const stories = (tables.stories as unknown as V5Story[]).map((s) => ({
      ...s,
      titleWords: titleWords(s.title),
    }));
    const entities = new Map<string, EntityRecord>();
    for (const s of stories)
      for (const e of s.entities) entities.set(e.key, mergeEntity(entities.get(e.key), e));
    const db = new BackstoryDB(
      await createAt(5, {
        ...tables,
        stories,
        entities: [...entities.values()] as unknown as Record<string, unknown>[],
      }),
    );
    await db.open();
    expect(db.verno).toBe(CURRENT);

    // Every story survives; its links keep their story, score, kind and similarity.
    const after = await db.stories.toArray();
    expect(after).toEqual(stories.map(upgraded));
    const withLinks = stories.filter((s) => s.related.length);
    expect(withLinks.length).toBeGreaterThan(0);
    for (const s of withLinks) {
      const migrated = after.find((x) => x.id === s.id)!;
      expect(migrated.related).toEqual(s.related.map(withoutReasons));
      expect(JSON.stringify(migrated.related).length).toBeLessThan(JSON.stringify(s.related).length / 2);
    }
    for (const table of ['teasers', 'termStats', 'tabs', 'settings', 'threads']) {
      expect(await db.table(table).toArray(), table).toEqual(tables[table]);
    }

    // Every entity survives with its names, and now says how many stories list it and since when.
    const migrated = await expectCoverage(db, stories, entities);
    expect(migrated.some((e) => (e.stories ?? 0) >= 2)).toBe(true);

    // The context recomputes the reasons the links no longer store.
    const service = createStoryService(db, { analyze: analyzeArticle, now: () => Date.UTC(2025, 6, 1) });
    const s = withLinks[0]!;
    const context = await service.getContext(s.id, 'en-US');
    expect(context!.related.map((r) => r.id)).toEqual(s.related.map((r) => r.storyId));
    for (const r of context!.related) {
      const old = s.related.find((x) => x.storyId === r.id)!;
      expect(r.reasons.similarity).toBe(old.reasons.similarity);
      expect(r.reasons.daysApart).toBe(old.reasons.daysApart);
      expect(r.reasons.entities.length + r.reasons.terms.length).toBeGreaterThan(0);
    }
    db.close();
  });
});

describe('a database at schema version 6', () => {
  it('opens at the current version: every story with a text gets its wire fingerprint and band keys, indexed', async () => {
    const { tables } = fixture(2);
    const stories = (tables.stories as unknown as StoryRecord[]).map((s) => ({
      ...s,
      titleWords: titleWords(s.title),
      related: s.related.map(storedLink),
    }));
    const db = new BackstoryDB(await createAt(6, { ...tables, stories }));
    await db.open();
    expect(db.verno).toBe(CURRENT);
    const after = await db.stories.toArray();
    expect(after).toHaveLength(stories.length);
    const fingerprinted = after.filter((s) => s.fingerprint);
    expect(fingerprinted.length).toBe(stories.filter((s) => wireFields(s.text, s.lang).fingerprint).length);
    expect(fingerprinted.length).toBeGreaterThanOrEqual(5);
    for (const s of fingerprinted) {
      expect(s.wire).toHaveLength(16);
      // The index finds the story by any of its band keys.
      const hits = await db.stories.where('wire').equals(s.wire![3]!).primaryKeys();
      expect(hits).toContain(s.id);
    }
    // Nothing else changed.
    expect(after.map(({ fingerprint: _f, wire: _w, ...s }) => s)).toEqual(stories);
    db.close();
  });
});

describe('a database at schema version 7', () => {
  it('opens at v8: every thread is kept, and the changed ones are listed smallest first by [dirty+size]', async () => {
    const { tables } = fixture(2);
    const fromFixture = tables.threads as unknown as ThreadRecord[];
    expect(fromFixture.length).toBeGreaterThanOrEqual(2);
    // The fixture's threads and a few more of other sizes, some of them changed.
    const threads: ThreadRecord[] = [
      ...fromFixture,
      ...[7, 2, 5, 2].map((size, i) => ({
        ...fromFixture[0]!,
        id: `th-extra-${i}`,
        size,
        dirty: (i === 2 ? 0 : 1) as 0 | 1,
      })),
    ];
    const db = new BackstoryDB(
      await createAt(7, { threads: threads as unknown as Record<string, unknown>[] }),
    );
    await db.open();
    expect(db.verno).toBe(CURRENT);
    const byId = (a: ThreadRecord, b: ThreadRecord) => (a.id < b.id ? -1 : 1);
    expect((await db.threads.toArray()).sort(byId)).toEqual([...threads].sort(byId));
    const changed = threads
      .filter((t) => t.dirty === 1)
      .sort((a, b) => a.size - b.size || (a.id < b.id ? -1 : 1))
      .map((t) => t.id);
    expect(
      await db.threads.where('[dirty+size]').between([1, Dexie.minKey], [1, Dexie.maxKey]).primaryKeys(),
    ).toEqual(changed);
    expect(await db.threads.where('dirty').equals(1).count()).toBe(changed.length);
    db.close();
  });
});

describe('a database at schema version 8', () => {
  it("opens at v9: every story is kept, and a thread's read stories and latest arrivals are listed by index", async () => {
    const { db } = await openWithStories(8, [
      { id: 1, threadId: 'th-a', source: 'visit', firstSeenTs: 100 },
      { id: 2, threadId: 'th-a', source: 'feed', firstSeenTs: 300 },
      { id: 3, threadId: 'th-a', source: 'visit', firstSeenTs: 200 },
      { id: 4, threadId: 'th-b', source: 'visit', firstSeenTs: 400 },
      { id: 5, threadId: 'th-a', source: 'feed', firstSeenTs: 500 },
    ]);
    expect(
      await db.stories
        .where('[threadId+source+lastSeenTs]')
        .between(['th-a', 'visit', Dexie.minKey], ['th-a', 'visit', Dexie.maxKey])
        .primaryKeys(),
    ).toEqual([1, 3]);
    expect(
      await db.stories
        .where('[threadId+firstSeenTs]')
        .between(['th-a', 200], ['th-a', Dexie.maxKey], false, true)
        .reverse()
        .primaryKeys(),
    ).toEqual([5, 2]);
    db.close();
  });
});

describe('a database at schema version 9', () => {
  it('opens at v10 with an empty postings table; the candidate look-up reads the index until ingest fills it', async () => {
    const { db } = await openWithStories(
      9,
      Array.from({ length: 70 }, (_, i) => ({
        id: i + 1,
        entityKeys: ['place:korea'],
        terms: i % 2 ? ['summit'] : ['missile'],
      })),
    );
    expect(await db.postings.count()).toBe(0);
    const found = await findCandidateIds(db, ['place:korea'], ['summit'], { limit: 100 });
    // Every story shares the place; the odd ones the term too, so they come first.
    expect(found.ids.slice(0, 35).every((id) => id % 2 === 0)).toBe(true);
    expect(found.ids).toHaveLength(70);
    // 70 stories under the place: worth a record; 35 under the term: read from the index every time.
    expect(found.worthCaching).toEqual(['e|place:korea']);
    db.close();
  });
});

describe('a database at schema version 10', () => {
  it("opens at v11: every story is kept, and a thread's read stories are listed by their last visit", async () => {
    const { db } = await openWithStories(10, [
      { id: 1, threadId: 'th-a', source: 'visit', lastSeenTs: 900 },
      { id: 2, threadId: 'th-a', source: 'feed', lastSeenTs: 300 },
      { id: 3, threadId: 'th-a', source: 'visit', lastSeenTs: 200 },
      { id: 4, threadId: 'th-b', source: 'visit', lastSeenTs: 400 },
      { id: 5, threadId: 'th-a', source: 'visit', lastSeenTs: 500 },
    ]);
    // The index the upgrade replaced is gone; the new one is filled from the stories already stored.
    const indexes = db.stories.schema.indexes.map((i) => i.name);
    expect(indexes).toContain('[threadId+source+lastSeenTs]');
    expect(indexes).not.toContain('[threadId+source]');
    expect(
      await db.stories
        .where('[threadId+source+lastSeenTs]')
        .between(['th-a', 'visit', Dexie.minKey], ['th-a', 'visit', 600])
        .reverse()
        .primaryKeys(),
    ).toEqual([5, 3]);
    db.close();
  });
});

describe('a database at schema version 11', () => {
  it('opens at v12 with no stored number of stories: the first load counts them, and the next ingest stores the number', async () => {
    const { db } = await openWithStories(
      11,
      [1, 2, 3].map((id) => ({ id })),
    );
    expect(await db.counts.count()).toBe(0);
    const cache = createDocFreqCache(db);
    const load = await db.transaction('r', [db.stories, db.termStats, db.counts], () => cache.load([]));
    expect(load.size).toBe(3);
    const service = createStoryService(db, { analyze: analyzeArticle });
    await service.ingestStub(feedStubs(1)[0]!);
    expect(await db.counts.get(STORIES_COUNT)).toEqual({ name: STORIES_COUNT, n: 4 });
    db.close();
  });
});
