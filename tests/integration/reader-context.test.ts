import { Dexie } from 'dexie';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sinceLastRead } from '@/core/context/since-last-read';
import type { ExtractedArticle } from '@/core/model';
import { analyzeArticle } from '@/core/nlp/analyze';
import { createHandlers, registerHandlers } from '@/lib/background/handlers';
import { BackstoryDB, MAX_REVISIONS, type StoryRecord } from '@/lib/db/schema';
import { sendMessage } from '@/lib/messaging';
import { createStoryService, type StoryService, visited } from '@/lib/story-service';
import { corpusReadings, seedReading } from './helpers';

let db: BackstoryDB;
let service: StoryService;
let clock = Date.UTC(2026, 10, 25);

beforeEach(() => {
  db = new BackstoryDB(`test-${Math.random()}`);
  service = createStoryService(db, { analyze: analyzeArticle, now: () => (clock += 60_000) });
});

async function ingestCorpus() {
  const out: StoryRecord[] = [];
  for (const { reading, kind } of corpusReadings()) {
    if (kind === 'article' && reading.article) out.push((await service.ingestArticle(reading.article)).story);
  }
  return out;
}

describe("who's who across the reader's stories", () => {
  it('counts the stories naming each entity and the earliest publication, from the entity records', async () => {
    const corpus = await ingestCorpus();
    const { story } = await service.ingestArticle(seedReading().article!);
    const where = vi.spyOn(db.stories, 'where');
    const bulkGet = vi.spyOn(db.entities, 'bulkGet');
    const ctx = (await service.getContext(story.id, 'en-US'))!;
    const kim = ctx.background.people.find((e) => e.name === 'Kim Jong Un')!;
    const expected = [...corpus, story].filter((s) => s.entityKeys.includes(kim.key));
    expect(kim.storyCount).toBe(expected.length);
    expect(kim.storyCount).toBeGreaterThanOrEqual(5);
    const earliest = expected.sort((a, b) => a.publishedTs - b.publishedTs)[0]!;
    expect(kim.since).toBe(earliest.publishedAt);
    expect(kim.since!.slice(0, 4)).toBe('2018');
    // Every entity shown has its coverage, read from the entity records kept in step with the stories (one
    // bulkGet), and the thread's read stories and latest arrivals through their indexes: no scan of the stories.
    for (const e of [...ctx.background.people, ...ctx.background.places, ...ctx.background.organizations]) {
      expect(e.storyCount).toBeGreaterThanOrEqual(1);
    }
    expect(bulkGet).toHaveBeenCalled();
    const indexes = where.mock.calls.map((c) => String(c[0]));
    expect(indexes).toContain('[threadId+source+lastSeenTs]');
    expect(
      indexes.every((i) =>
        ['entityKeys', '[threadId+source+lastSeenTs]', '[threadId+firstSeenTs]'].includes(i),
      ),
    ).toBe(true);
    // The role the text gives stays.
    expect(ctx.background.people.some((e) => e.role)).toBe(true);
  });
});

describe('since you last read', () => {
  it('lists the stories of the thread read before, with when', async () => {
    const corpus = await ingestCorpus();
    const { story } = await service.ingestArticle(seedReading().article!);
    const ctx = (await service.getContext(story.id))!;
    const since = ctx.sinceLastRead!;
    expect(since.lastReadTs).toBeNull();
    const threadIds = corpus.filter((s) => s.threadId === story.threadId).map((s) => s.id);
    expect(threadIds.length).toBeGreaterThan(0);
    expect(since.readBefore.map((r) => r.story.id).sort()).toEqual(threadIds.slice(0, 10).sort());
    for (const r of since.readBefore) expect(r.lastReadTs).toBeLessThan(since.visitTs);
    expect(since.lastThreadVisitTs).toBe(Math.max(...since.readBefore.map((r) => r.lastReadTs)));
    expect(since.newSince).toEqual([]);
  });

  it('reads only the visits it can show, and shows what the whole thread gives', async () => {
    // A thread of 90 stories, read and not, visited once, twice or more, at random times (seeded), some at the
    // same moment: for each of them, the context's "since you last read" is the one computed from every story of
    // the thread, though getContext reads the read stories by their last visit, a few at a time.
    const { story: seed } = await service.ingestArticle(seedReading().article!);
    let state = 7;
    const rand = (n: number) => {
      state = (state * 48271) % 2147483647;
      return state % n;
    };
    const thread: StoryRecord[] = Array.from({ length: 90 }, (_, i) => {
      const firstSeenTs = 1_000 * rand(60);
      const lastSeenTs = firstSeenTs + 1_000 * rand(3) * rand(20);
      const prev =
        lastSeenTs > firstSeenTs && rand(2)
          ? { prevSeenTs: firstSeenTs + 1_000 * rand((lastSeenTs - firstSeenTs) / 1_000) }
          : {};
      const { revisions: _revisions, ...rest } = seed;
      return {
        ...rest,
        id: seed.id + 1 + i,
        url: `https://news.example/thread/${i}`,
        urls: [`https://news.example/thread/${i}`],
        source: rand(3) ? 'visit' : 'feed',
        firstSeenTs,
        lastSeenTs,
        ...prev,
        related: [],
      };
    });
    await db.stories.bulkPut(thread);
    const visits = thread.filter((s) => s.source === 'visit');
    expect(visits.length).toBeGreaterThan(40);
    const toArray = vi.spyOn(Object.getPrototypeOf(db.stories.toCollection()), 'toArray');
    for (const story of thread) {
      toArray.mockClear();
      const ctx = (await service.getContext(story.id))!;
      expect(ctx.sinceLastRead).toEqual(sinceLastRead(visited(story), [seed, ...thread].map(visited)));
      const read = (await Promise.all(toArray.mock.results.map((r) => r.value))).flat().length;
      // At most the visits at or after this one, ten before it, and eleven arrivals: never the whole thread.
      const later = [seed, ...visits].filter((s) => s.lastSeenTs >= story.lastSeenTs).length;
      expect(read).toBeLessThanOrEqual(later + 10 + 11);
    }
  });

  it('a re-read shows the stories of the thread that arrived since and what changed in the article', async () => {
    const seed = seedReading().article!;
    const first = (await service.ingestArticle(seed)).story;
    const corpus = await ingestCorpus();
    const paragraphs = seed.text.split('\n');
    const edited: ExtractedArticle = {
      ...seed,
      title: `${seed.title} (updated)`,
      text: [...paragraphs.slice(1), 'Update: the talks were postponed.'].join('\n'),
    };
    const again = (await service.ingestArticle(edited)).story;
    expect(again.id).toBe(first.id);
    expect(again.prevSeenTs).toBe(first.lastSeenTs);
    const ctx = (await service.getContext(again.id))!;
    const since = ctx.sinceLastRead!;
    expect(since.lastReadTs).toBe(first.lastSeenTs);
    expect(since.changes).toHaveLength(1);
    expect(since.changes[0]).toMatchObject({
      previousTitle: seed.title,
      title: edited.title,
      previousSeenTs: first.lastSeenTs,
      added: ['Update: the talks were postponed.'],
      addedCount: 1,
      removedCount: 1,
    });
    expect(since.changes[0]!.removed[0]).toBe(paragraphs[0]!.replace(/\s+/g, ' ').trim());
    expect(since.changes[0]!.previousTextHash).toMatch(/^[0-9a-f]{8}$/);
    // The corpus stories of its thread were read after the first visit: the last visit to the thread is the
    // newest of them, so nothing arrived after it; they are listed as read before.
    const threadIds = corpus.filter((s) => s.threadId === again.threadId).map((s) => s.id);
    expect(since.readBefore.map((r) => r.story.id)).toEqual(expect.arrayContaining(threadIds.slice(0, 3)));

    // Reading it again unchanged: the change is no longer new.
    const third = (await service.ingestArticle(edited)).story;
    expect((await service.getContext(third.id))!.sinceLastRead!.changes).toEqual([]);
  });

  it('keeps a bounded number of revisions', async () => {
    const seed = seedReading().article!;
    for (let i = 0; i < MAX_REVISIONS + 3; i++)
      await service.ingestArticle({ ...seed, text: `${seed.text}\nUpdate ${i}.` });
    const [stored] = await db.stories.toArray();
    expect(stored!.revisions).toHaveLength(MAX_REVISIONS);
    expect(stored!.revisions!.at(-1)!.added).toEqual([`Update ${MAX_REVISIONS + 2}.`]);
  });
});

describe('timeline sources link to their sentence', () => {
  it('mention sources carry a text-fragment link into their story', async () => {
    await ingestCorpus();
    const { story } = await service.ingestArticle(seedReading().article!);
    const ctx = (await service.getContext(story.id))!;
    const mentions = ctx.timeline.flatMap((e) => e.sources).filter((s) => s.start !== undefined);
    expect(mentions.length).toBeGreaterThan(0);
    for (const s of mentions)
      expect(s.link).toMatch(new RegExp(`^${s.url.replace(/[.?]/g, '\\$&')}#:~:text=[^&#]+$`));
  });
});

describe('search', () => {
  it('finds stories by title words (prefix while typing) and entities by name or alias', async () => {
    const corpus = await ingestCorpus();
    const { story } = await service.ingestArticle(seedReading().article!);
    const where = vi.spyOn(db.stories, 'where');
    const byTitle = await service.search('conflict sol');
    expect(byTitle.stories.map((s) => s.id)).toContain(story.id);
    expect(byTitle.stories[0]!.id).toBe(story.id);

    const byName = await service.search('Kim');
    const kim = byName.entities.find((e) => e.name === 'Kim Jong Un');
    expect(kim).toBeDefined();
    expect(kim!.count).toBe([...corpus, story].filter((s) => s.entityKeys.includes(kim!.key)).length);
    expect(byName.stories.length).toBeGreaterThan(0);
    expect(where.mock.calls.every((c) => ['titleWords', 'entityKeys'].includes(String(c[0])))).toBe(true);

    expect(await service.search('k')).toEqual({ stories: [], entities: [] });
    expect(await service.search('zzzunknownword')).toEqual({ stories: [], entities: [] });
  });

  it('answers the search message through the protocol', async () => {
    fakeBrowser.reset();
    createHandlers(db, service);
    registerHandlers(db, service);
    await service.ingestArticle(seedReading().article!);
    const result = await sendMessage('search', { query: 'trump' });
    expect(result.entities.map((e) => e.name)).toContain('Donald Trump');
    await expect(sendMessage('search', {} as { query: string })).rejects.toThrow(/expected \{query\}/);
  });
});

describe('schema version 3', () => {
  it('upgrades stored stories: title words indexed, entities table filled', async () => {
    const name = `upgrade-${Math.random()}`;
    const seed = seedReading().article!;
    // Version 2 as it was declared, with one story in it.
    const old = new Dexie(name);
    old.version(1).stores({
      stories: '++id, &url, publishedTs, *entityKeys, *terms, eventId, threadId, lastSeenTs',
      teasers: '++id, &url, seenOnStoryId, seenTs',
      termStats: '&term',
      tabs: '&tabId, storyId',
      settings: '&key',
    });
    old.version(2).stores({ threads: '&id, *keys, dirty' });
    const analysis = analyzeArticle(seed);
    await old.table('stories').add({
      url: seed.canonicalUrl,
      title: seed.title,
      entities: analysis.entities,
      entityKeys: analysis.entities.map((e) => e.key),
      terms: [],
      termCounts: {},
      threadId: 'th-1',
      eventId: 'ev-1',
      publishedTs: 0,
    });
    old.close();

    const upgraded = new BackstoryDB(name);
    const ids = await upgraded.stories.where('titleWords').equals('conflict').primaryKeys();
    expect(ids).toHaveLength(1);
    expect(await upgraded.entities.count()).toBe(new Set(analysis.entities.map((e) => e.key)).size);
    expect(await upgraded.entities.where('words').equals('trump').count()).toBeGreaterThan(0);
    upgraded.close();
  });
});
