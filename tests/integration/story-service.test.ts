import { beforeEach, describe, expect, it } from 'vitest';
import { compareDates } from '@/core/context/date-label';
import type { ExtractedArticle } from '@/core/model';
import { analyzeArticle } from '@/core/nlp/analyze';
import { clearAll, exportAll } from '@/lib/db/export';
import { BackstoryDB } from '@/lib/db/schema';
import { countCoverage } from '@/lib/db/stories';
import { createStoryService, type StoryService } from '@/lib/story-service';
import { corpusReadings, seedReading } from './helpers';

let db: BackstoryDB;
let service: StoryService;
let clock = Date.UTC(2026, 10, 25);

beforeEach(() => {
  db = new BackstoryDB(`test-${Math.random()}`);
  service = createStoryService(db, { analyze: analyzeArticle, now: () => clock++ });
});

async function ingestCorpus() {
  const out = [];
  for (const { reading, kind, path } of corpusReadings()) {
    if (kind !== 'article') continue;
    expect(reading.article, path).not.toBeNull();
    out.push((await service.ingestArticle(reading.article!)).story);
  }
  return out;
}

describe('story service on fake-indexeddb', () => {
  it('keeps one story per canonical URL and does not re-analyse an unchanged page', async () => {
    const { article } = seedReading();
    const first = await service.ingestArticle(article!);
    const again = await service.ingestArticle({ ...article!, url: `${article!.url}?utm_source=x` });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, changed: false });
    expect(again.story.id).toBe(first.story.id);
    expect(again.story.visits).toBe(2);
    expect(await db.stories.count()).toBe(1);
  });

  it('leaves a stored story as it is when a stub of its URL arrives: no new story, no visit, no analysis', async () => {
    const { article } = seedReading();
    const read = await service.ingestArticle(article!);
    let analysed = 0;
    const counting = createStoryService(db, {
      analyze: (input) => {
        analysed++;
        return analyzeArticle(input);
      },
      now: () => clock++,
    });
    const stub = {
      title: 'Another headline for the same page',
      url: article!.canonicalUrl,
      publishedAt: null,
      summary: 'A summary.',
      source: 'feed' as const,
    };
    expect(await counting.ingestStub(stub)).toBeNull();
    expect(await counting.ingestStubs([stub, { ...stub, url: `${stub.url}?feed` }])).toMatchObject([
      null,
      { created: true },
    ]);
    expect(analysed).toBe(1);
    expect(await db.stories.get(read.story.id)).toEqual(read.story);
    expect(await db.stories.count()).toBe(2);
  });

  it('updates a story whose text changed, keeping its id and first sight', async () => {
    const { article } = seedReading();
    const first = await service.ingestArticle(article!);
    const edited: ExtractedArticle = {
      ...article!,
      text: `${article!.text}\nUpdate: a correction was added.`,
    };
    const second = await service.ingestArticle(edited);
    expect(second).toMatchObject({ created: false, changed: true });
    expect(second.story.id).toBe(first.story.id);
    expect(second.story.firstSeenTs).toBe(first.story.firstSeenTs);
    expect(second.story.text).toContain('correction');
  });

  it('links the seed article to the corpus stories of its thread, with reasons, and not to unrelated ones', async () => {
    const corpus = await ingestCorpus();
    const korea = corpus.filter((s) =>
      /kim|korea|pyongyang|singapore|hanoi|panmunjom|dmz|stockholm/i.test(s.title),
    );
    const other = corpus.filter((s) => !korea.includes(s));
    expect(korea.length).toBeGreaterThanOrEqual(5);
    expect(other.length).toBeGreaterThanOrEqual(3);

    const { story } = await service.ingestArticle(seedReading().article!);
    const relatedIds = story.related.map((r) => r.storyId);
    expect(relatedIds.length).toBeGreaterThanOrEqual(4);
    for (const s of other) expect(relatedIds).not.toContain(s.id);
    // The reasons are recomputed when the context is built (links are stored without them).
    const ctx = await service.getContext(story.id, 'en-US');
    expect(ctx!.related.map((r) => r.id)).toEqual(relatedIds);
    for (const r of ctx!.related) {
      expect(r.reasons.entities.length + r.reasons.terms.length).toBeGreaterThan(0);
      expect(r.reasons.daysApart).not.toBeNull();
      expect(r.reasons.similarity).toBeGreaterThan(0);
    }
    // Same thread as the Korea stories it links to.
    const threadOf = new Map(corpus.map((s) => [s.id, s.threadId]));
    expect(relatedIds.slice(0, 3).map((id) => threadOf.get(id))).toContain(story.threadId);
    // An older story now lists the seed as related too.
    const older = await db.stories.get(relatedIds[0]!);
    expect(older?.related.map((r) => r.storyId)).toContain(story.id);
  });

  it('builds the seed context: background, dated timeline oldest first, related stories', async () => {
    await ingestCorpus();
    const { story } = await service.ingestArticle(seedReading().article!);
    const ctx = await service.getContext(story.id, 'en-US');
    expect(ctx).not.toBeNull();
    const names = [
      ...ctx!.background.people,
      ...ctx!.background.places,
      ...ctx!.background.organizations,
    ].map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['Donald Trump', 'Kim Jong Un', 'Pyongyang']));
    const labels = ctx!.timeline.map((e) => e.label);
    expect(labels).toEqual(expect.arrayContaining(['2018–2019', 'June 2025', 'June 11, 2025']));
    const dates = ctx!.timeline.map((e) => e.date);
    expect(dates).toEqual([...dates].sort(compareDates));
    for (const e of ctx!.timeline) expect(e.sources.length).toBeGreaterThan(0);
    expect(ctx!.related.length).toBeGreaterThanOrEqual(4);
    expect(ctx!.background.past.some((s) => /three times/.test(s.text))).toBe(true);

    // The same context with its reads timed (the scale bench's breakdown) is the same context.
    const timedSteps: string[] = [];
    const timedService = createStoryService(db, {
      analyze: analyzeArticle,
      onContextStep: (step, ms) => {
        expect(ms).toBeGreaterThanOrEqual(0);
        timedSteps.push(step);
      },
    });
    expect(await timedService.getContext(story.id, 'en-US')).toEqual(ctx);
    expect(timedSteps.sort()).toEqual([
      'arrived',
      'build',
      'coverage',
      'frequencies',
      'related',
      'story',
      'visits',
    ]);
  });

  it("keeps each entity's coverage in step with the stories: new, changed, upgraded from a stub", async () => {
    const corpus = await ingestCorpus();
    const seed = seedReading().article!;
    // A stub of the seed first (a feed item), then the article read: the stub is upgraded in place.
    await service.ingestStub({
      title: seed.title,
      url: seed.canonicalUrl,
      publishedAt: '2025-06-30T08:00:00Z',
      summary: seed.description,
      source: 'feed',
    });
    const { story } = await service.ingestArticle(seed);
    // A corpus story read again with another date and text: it moves in time.
    const moved = corpus[0]!;
    await service.ingestArticle({
      ...(await db.stories.get(moved.id))!,
      canonicalUrl: moved.url,
      publishedAt: '2001-01-01T00:00:00Z',
      text: `${moved.text}\nA correction was added.`,
    });
    const records = await db.entities.toArray();
    const truth = await countCoverage(
      db,
      records.map((e) => e.key),
    );
    expect(records.filter((e) => (e.stories ?? 0) > 1).length).toBeGreaterThan(3);
    for (const e of records) {
      const t = truth.get(e.key)!;
      expect({ key: e.key, stories: e.stories, since: e.since }).toEqual({
        key: e.key,
        stories: t.stories,
        since: t.since,
      });
    }
    // The context shows it.
    const ctx = await service.getContext(story.id, 'en-US');
    const kim = ctx!.background.people.find((p) => p.name === 'Kim Jong Un')!;
    expect(kim.storyCount).toBe(truth.get(kim.key)!.stories);
    expect(kim.since).toBe(truth.get(kim.key)!.since);
  });

  it('ingests a batch of stubs in one transaction exactly as one by one, and all or nothing', async () => {
    const stubs = corpusReadings()
      .filter((c) => c.kind === 'article' && c.reading.article)
      .map(({ reading }) => ({
        title: reading.article!.title,
        url: reading.article!.canonicalUrl,
        publishedAt: reading.article!.publishedAt,
        summary: reading.article!.description ?? reading.article!.text.slice(0, 280),
        source: 'feed' as const,
        feedId: 1,
      }));
    expect(stubs.length).toBeGreaterThanOrEqual(8);
    const batchDb = new BackstoryDB(`batch-${Math.random()}`);
    let t = clock;
    const batch = createStoryService(batchDb, { analyze: analyzeArticle, now: () => t++ });
    const t0 = clock;
    const results = await batch.ingestStubs([...stubs, stubs[0]!]);
    expect(results.at(-1)).toBeNull(); // the same URL twice: stored once
    clock = t0;
    for (const stub of stubs) await service.ingestStub(stub);
    const dump = async (d: BackstoryDB) => ({
      stories: await d.stories.toArray(),
      termStats: await d.termStats.toArray(),
      threads: await d.threads.toArray(),
      entities: await d.entities.toArray(),
    });
    const one = await dump(db);
    expect(await dump(batchDb)).toEqual(one);
    expect(one.stories.some((s) => s.related.length > 0)).toBe(true);

    // A write that fails takes the whole batch back; the next batch is linked as if it never happened.
    const more = stubs.map((s) => ({ ...s, url: `${s.url}?again` }));
    const put = batchDb.threads.put.bind(batchDb.threads);
    let calls = 0;
    batchDb.threads.put = ((...args: Parameters<typeof put>) => {
      if (++calls === 3) return Promise.reject(new Error('disk full'));
      return put(...args);
    }) as typeof put;
    await expect(batch.ingestStubs(more)).rejects.toThrow();
    expect(await dump(batchDb)).toEqual(one);
    batchDb.threads.put = put;
    await batch.ingestStubs(more);
    for (const stub of more) await service.ingestStub(stub);
    expect((await dump(batchDb)).termStats).toEqual((await dump(db)).termStats);
    expect((await dump(batchDb)).stories.map((s) => s.related)).toEqual(
      (await dump(db)).stories.map((s) => s.related),
    );
  });

  it("loads what the analysis needs before a batch's transaction opens (the background's text kit)", async () => {
    const stubs = corpusReadings()
      .filter((c) => c.kind === 'article' && c.reading.article)
      .slice(0, 3)
      .map(({ reading }) => ({
        title: reading.article!.title,
        url: reading.article!.canonicalUrl,
        publishedAt: reading.article!.publishedAt,
        summary: reading.article!.description,
        source: 'feed' as const,
      }));
    // An analysis that must first be loaded, as the background's is: loading waits for a task, and a transaction
    // that waits for a task commits (the batch would then fail).
    let loaded: typeof analyzeArticle | null = null;
    const load = () =>
      new Promise<typeof analyzeArticle>((resolve) =>
        setTimeout(() => {
          loaded = analyzeArticle;
          resolve(analyzeArticle);
        }, 5),
      );
    const kitDb = new BackstoryDB(`kit-${Math.random()}`);
    const kitService = createStoryService(kitDb, {
      analyze: async (input) => (loaded ?? (await load()))(input),
      prepare: load,
    });
    const results = await kitService.ingestStubs(stubs);
    expect(results.every((r) => r?.created)).toBe(true);
    expect(await kitDb.stories.count()).toBe(stubs.length);
  });

  it('records teasers once per URL', async () => {
    const reading = seedReading();
    expect(await service.storeTeasers(reading.teasers, { url: reading.url, storyId: null })).toBe(17);
    expect(await service.storeTeasers(reading.teasers, { url: reading.url, storyId: null })).toBe(0);
    expect(await db.teasers.count()).toBe(17);
  });

  it('exports everything as versioned JSON and clears it all', async () => {
    await ingestCorpus();
    const n = await db.stories.count();
    const file = await exportAll(db, new Date('2026-11-25T10:00:00Z'));
    expect(file).toMatchObject({
      format: 'backstory-export',
      version: 2,
      exportedAt: '2026-11-25T10:00:00.000Z',
    });
    expect(file.stories).toHaveLength(n);
    expect(JSON.parse(JSON.stringify(file))).toEqual(file);
    expect(await clearAll(db)).toBe(n);
    expect(await db.stories.count()).toBe(0);
    expect(await db.termStats.count()).toBe(0);
    expect(await db.threads.count()).toBe(0);
  });
});
