import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ExtractedArticle } from '@/core/model';
import { analyzeArticle } from '@/core/nlp/analyze';
import { registerHandlers } from '@/lib/background/handlers';
import { clearAll, type ExportFile, exportAll } from '@/lib/db/export';
import { ImportError, importAll, parseExportFile } from '@/lib/db/import';
import { BackstoryDB, type StoryRecord } from '@/lib/db/schema';
import { ProtocolError, sendMessage } from '@/lib/messaging';
import { createStoryService, type StoryService } from '@/lib/story-service';
import { corpusReadings, seedReading } from './helpers';

const T0 = Date.UTC(2026, 10, 25);

function freshDb() {
  return new BackstoryDB(`test-${Math.random()}`);
}

/** A service whose clock ticks a minute per call, from T0. */
function serviceFor(db: BackstoryDB, start = T0): StoryService {
  let clock = start;
  return createStoryService(db, { analyze: analyzeArticle, now: () => (clock += 60_000) });
}

function corpusArticles(): ExtractedArticle[] {
  return corpusReadings().flatMap(({ kind, reading }) =>
    kind === 'article' && reading.article ? [reading.article] : [],
  );
}

async function ingest(service: StoryService, articles: readonly ExtractedArticle[]): Promise<StoryRecord[]> {
  const out: StoryRecord[] = [];
  for (const a of articles) out.push((await service.ingestArticle(a)).story);
  return out;
}

/** Every table's rows, in key order. */
async function snapshot(db: BackstoryDB): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  return out;
}

const withoutIds = <T extends { id?: number }>(rows: readonly T[]) => rows.map(({ id: _id, ...r }) => r);

let db: BackstoryDB;

beforeEach(() => {
  fakeBrowser.reset();
  db = freshDb();
});

describe('export → delete everything → import', () => {
  it('gives back the same stories, headlines, links, context, search and derived tables', async () => {
    const service = serviceFor(db);
    await ingest(service, corpusArticles());
    const seed = seedReading();
    const { story } = await service.ingestArticle(seed.article!);
    await service.storeTeasers(seed.teasers, { url: seed.url, storyId: story.id });
    await db.settings.put({ key: 'ui.theme', value: { mode: 'dark' } });

    const before = await snapshot(db);
    const context = await service.getContext(story.id, 'en-US');
    const search = await service.search('kim');
    const text = JSON.stringify(await exportAll(db, new Date(T0)));

    await clearAll(db);
    expect(await db.stories.count()).toBe(0);
    const summary = await importAll(db, text);
    expect(summary).toEqual({
      stories: { added: before.stories!.length, merged: 0 },
      teasers: { added: before.teasers!.length, kept: 0 },
      settings: { added: 1, kept: 0 },
    });

    const after = await snapshot(db);
    expect(after.stories).toEqual(before.stories);
    expect(withoutIds(after.teasers as { id: number }[])).toEqual(
      withoutIds(before.teasers as { id: number }[]),
    );
    expect(after.settings).toEqual(before.settings);
    expect(after.termStats).toEqual((before.termStats as { df: number }[]).filter((t) => t.df > 0));
    expect(after.entities).toEqual(before.entities);
    // Thread centroids are recomputed with today's document frequencies: same threads, same sizes.
    const threadShape = (rows: unknown[]) =>
      (rows as { id: string; size: number; firstTs: number; lastTs: number }[]).map(
        ({ id, size, firstTs, lastTs }) => ({ id, size, firstTs, lastTs }),
      );
    expect(threadShape(after.threads!)).toEqual(threadShape(before.threads!));

    // Through the story service, as the popup sees it.
    const restored = serviceFor(db);
    expect(await restored.getContext(story.id, 'en-US')).toEqual(context);
    expect(await restored.search('kim')).toEqual(search);
  });

  it('links a new article the same way as before the round trip', async () => {
    const articles = corpusArticles();
    const original = serviceFor(db);
    await ingest(original, articles);
    const file = await exportAll(db, new Date(T0));

    const copy = freshDb();
    await importAll(copy, JSON.parse(JSON.stringify(file)));
    const seed = seedReading().article!;
    const a = await original.ingestArticle(seed);
    const b = await serviceFor(copy, T0 + 1e9).ingestArticle(seed);
    expect(b.story.id).toBe(a.story.id);
    expect(b.story.related.map((r) => [r.storyId, r.kind])).toEqual(
      a.story.related.map((r) => [r.storyId, r.kind]),
    );
    expect(b.story.related.length).toBeGreaterThan(0);
    expect(b.story.threadId).toBe(a.story.threadId);
    expect(b.story.eventId).toBe(a.story.eventId);
    const ca = await original.getContext(a.story.id, 'en-US');
    const cb = await serviceFor(copy).getContext(b.story.id, 'en-US');
    expect(cb?.related).toEqual(ca?.related);
    expect(cb?.timeline).toEqual(ca?.timeline);
    expect(cb?.background).toEqual(ca?.background);
  });
});

describe('merging into a database that already holds stories', () => {
  it('keeps the stories on the device, adds the others, remaps links and renames clashing threads', async () => {
    const articles = corpusArticles();
    expect(articles.length).toBeGreaterThanOrEqual(8);
    // Another device read the second half first, then two of the first half.
    const other = freshDb();
    const otherService = serviceFor(other, T0 + 10 * 86_400_000);
    const theirs = await ingest(otherService, [...articles.slice(4), ...articles.slice(0, 2)]);
    const file = await exportAll(other, new Date(T0));

    const mine = await ingest(serviceFor(db), articles.slice(0, 4));
    const summary = await importAll(db, file);
    expect(summary.stories).toEqual({ added: articles.length - 4, merged: 2 });

    const stories = await db.stories.toArray();
    expect(stories).toHaveLength(articles.length);
    expect(new Set(stories.map((s) => s.url)).size).toBe(articles.length);
    const ids = new Set(stories.map((s) => s.id));
    for (const s of stories) {
      for (const r of s.related) expect(ids.has(r.storyId), `${s.url} → ${r.storyId}`).toBe(true);
      expect(s.related.some((r) => r.storyId === s.id)).toBe(false);
    }
    // A story read on both devices: the device's text and analysis, the latest visit and both histories.
    const both = mine[0]!;
    const merged = stories.find((s) => s.url === both.url)!;
    const theirsBoth = theirs.find((s) => s.url === both.url)!;
    expect(merged.id).toBe(both.id);
    expect(merged.text).toBe(both.text);
    expect(merged.threadId).toBe(both.threadId);
    expect(merged.lastSeenTs).toBe(theirsBoth.lastSeenTs);
    expect(merged.prevSeenTs).toBe(both.lastSeenTs);
    expect(merged.firstSeenTs).toBe(both.firstSeenTs);
    // The file's threads and events do not join the device's by accident of their names.
    const deviceThreads = new Set(mine.map((s) => s.threadId));
    for (const s of stories.filter((s) => !mine.some((m) => m.url === s.url))) {
      expect(deviceThreads.has(s.threadId), s.threadId).toBe(false);
    }
    // Every thread of a story has its centroid; derived counts cover every story.
    for (const threadId of new Set(stories.map((s) => s.threadId))) {
      expect(await db.threads.get(threadId), threadId).toBeDefined();
    }
    const someTerm = Object.keys(stories[0]!.termCounts)[0]!;
    expect((await db.termStats.get(someTerm))?.df).toBe(
      stories.filter((s) => someTerm in s.termCounts).length,
    );

    // The same file again changes nothing.
    const once = await snapshot(db);
    expect((await importAll(db, file)).stories).toEqual({ added: 0, merged: articles.length - 2 });
    expect(await snapshot(db)).toEqual(once);
  });
});

describe('a file that cannot be imported changes nothing', () => {
  let made: Promise<string> | undefined;
  /** A valid export (made once), parsed afresh for each case. */
  async function goodFile(): Promise<ExportFile> {
    made ??= makeFile();
    return JSON.parse(await made) as ExportFile;
  }
  async function makeFile(): Promise<string> {
    const source = freshDb();
    const service = serviceFor(source);
    const seed = seedReading();
    await ingest(service, corpusArticles().slice(0, 3));
    const { story } = await service.ingestArticle(seed.article!);
    await service.storeTeasers(seed.teasers.slice(0, 3), { url: seed.url, storyId: story.id });
    return JSON.stringify(await exportAll(source, new Date(T0)));
  }

  type Mutate = (f: Record<string, unknown> & ExportFile) => unknown;
  const last = <T>(list: T[]) => list[list.length - 1]!;
  const cases: [string, Mutate | string, RegExp][] = [
    ['text that is not JSON', '{"format": "backstory-export", "version": 1,', /not JSON/],
    ['a JSON array', '[1, 2, 3]', /not a Backstory export/],
    [
      'a foreign file',
      '{"name": "my-package", "version": "1.0.0"}',
      /not a Backstory export.*format is missing/,
    ],
    ['another format', (f) => ({ ...f, format: 'pocket-export' }), /format is "pocket-export"/],
    [
      'a newer version',
      (f) => ({ ...f, version: 3 }),
      /newer Backstory \(export version 3\).*reads versions up to 2/,
    ],
    ['a version that is not a number', (f) => ({ ...f, version: '1' }), /unknown export version/],
    ['no stories array', (f) => ({ ...f, stories: undefined }), /stories: missing/],
    [
      'a story title that is a number',
      (f) => ({ ...f, stories: [{ ...f.stories[0], title: 42 }] }),
      /stories\[0\]\.title/,
    ],
    [
      'a javascript: story URL in the last story',
      (f) => {
        last(f.stories).url = 'javascript:alert(1)';
        return f;
      },
      /stories\[3\]\.url: not an http\(s\) URL/,
    ],
    [
      'a data: URL among the URLs seen',
      (f) => {
        f.stories[1]!.urls.push('data:text/html,<script>alert(1)</script>');
        return f;
      },
      /stories\[1\]\.urls\[\d+\]: not an http\(s\) URL/,
    ],
    [
      'an ftp: headline',
      (f) => ({ ...f, teasers: [{ ...f.teasers[0], url: 'ftp://x.example/a' }] }),
      /teasers\[0\]\.url/,
    ],
    [
      'an oversized title',
      (f) => {
        f.stories[0]!.title = 'x'.repeat(20_001);
        return f;
      },
      /stories\[0\]\.title: title longer than 20,000 characters/,
    ],
    [
      'an oversized author list',
      (f) => {
        f.stories[0]!.authors = Array.from({ length: 201 }, (_, i) => `Author ${i}`);
        return f;
      },
      /more than 200 authors/,
    ],
    [
      'a non-finite timestamp',
      (f) => ({ ...f, stories: [{ ...f.stories[0], publishedTs: 'yesterday' }] }),
      /stories\[0\]\.publishedTs/,
    ],
    [
      'a negative related story id',
      (f) => {
        f.stories[0]!.related = [
          {
            storyId: -1,
            score: 1,
            kind: 'related',
            similarity: 1,
          },
        ];
        return f;
      },
      /stories\[0\]\.related\[0\]\.storyId/,
    ],
    [
      'an unknown source',
      (f) => ({ ...f, stories: [{ ...f.stories[0], source: 'sync' }] }),
      /stories\[0\]\.source/,
    ],
    [
      'two stories with one id',
      (f) => ({ ...f, stories: [f.stories[0], { ...f.stories[1], id: f.stories[0]!.id }] }),
      /stories\[1\]\.id: used twice/,
    ],
    [
      'two stories with one URL',
      (f) => ({ ...f, stories: [f.stories[0], { ...f.stories[1], url: f.stories[0]!.url }] }),
      /stories\[1\]\.url: used twice/,
    ],
    ['a setting without a value', (f) => ({ ...f, settings: [{ key: 'x' }] }), /settings\[0\]\.value/],
  ];

  it.each(cases)('refuses %s with a clear message', async (_name, mutate, message) => {
    // The device holds stories already: none of them, nor anything derived, may change.
    const service = serviceFor(db);
    await ingest(service, corpusArticles().slice(3, 6));
    await db.settings.put({ key: 'kept', value: 1 });
    const before = await snapshot(db);
    const input = typeof mutate === 'string' ? mutate : JSON.stringify(mutate((await goodFile()) as never));
    const error = await importAll(db, input).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/Nothing was imported\.$/);
    expect(await snapshot(db)).toEqual(before);
  });

  it('accepts the same good file, as text or as parsed JSON', async () => {
    const file = await goodFile();
    expect(parseExportFile(JSON.stringify(file)).stories).toHaveLength(4);
    expect(parseExportFile(file).teasers).toHaveLength(3);
    // A file written before the schema note was added reads the same.
    const { schema: _schema, ...older } = file;
    expect(parseExportFile(older).stories).toHaveLength(4);
  });
});

describe('importData message', () => {
  it('imports through the background and reports what it did; refuses a bad file with the reason', async () => {
    const source = freshDb();
    await ingest(serviceFor(source), corpusArticles().slice(0, 2));
    const text = JSON.stringify(await exportAll(source, new Date(T0)));
    registerHandlers(db, serviceFor(db));
    expect(await sendMessage('importData', { text })).toEqual({
      stories: { added: 2, merged: 0 },
      teasers: { added: 0, kept: 0 },
      settings: { added: 0, kept: 0 },
    });
    expect(await sendMessage('getStats', {})).toEqual({ stories: 2, teasers: 0 });
    await expect(sendMessage('importData', { text: 'hello' })).rejects.toThrow(/not JSON/);
    await expect(sendMessage('importData', { text: 42 } as never)).rejects.toThrow(ProtocolError);
  });
});
