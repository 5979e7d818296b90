/**
 * The scale benchmark's page code (bundled by scripts/scale/run.ts into `bench.js` of a copy of the built
 * extension, so it runs at the extension's own origin on the extension's own IndexedDB database `backstory`).
 * It fills the store through the product's story service (`createStoryService(...).ingestArticle`, the call the
 * background makes for every article read) and measures lookups through the product's own functions, each next
 * to a brute-force scan of the same store. Driven from Node through `window.scaleBench`.
 */

import { linkTerms } from '@/core/link/features';
import { DEFAULT_LINK_PARAMS, rankScore } from '@/core/link/link-story';
import { type DocFreq, scorePair, type WeightedFeatures, weighFeatures } from '@/core/link/similarity';
import type { ArticleAnalysis, ArticleEntity, ExtractedArticle } from '@/core/model';
import { analyzeArticle } from '@/core/nlp/analyze';
import { exportAll } from '@/lib/db/export';
import { importAll } from '@/lib/db/import';
import { MAX_POSTINGS } from '@/lib/db/postings';
import { BackstoryDB, isStub, type StoryRecord } from '@/lib/db/schema';
import { entityCoverage, findCandidateIds } from '@/lib/db/stories';
import { ingestStubBatches } from '@/lib/feeds/ingest';
import { setRetentionPolicy } from '@/lib/feeds/retention';
import {
  CONTEXT_STEPS,
  type ContextStep,
  createStoryService,
  INGEST_STEPS,
  type IngestStep,
  type StoryService,
  type StubInput,
} from '@/lib/story-service';
import { healThreads } from '@/lib/threads';
import { type Corpus, type GeneratedStory, generateCorpus } from './generate';

export type AnalysisMode = 'real' | 'generator';

let corpus: Corpus;
let db: BackstoryDB;
let service: StoryService;
let current: GeneratedStory | null = null;
/** The stories of the stub batch being ingested, by the text the analysis is given. */
const batchByText = new Map<string, GeneratedStory>();
let ingested = 0;
let mode: AnalysisMode = 'real';
/** Feed stubs handed over at once (a feed's new items), stored as the feed poller stores them (ingestStubBatches). */
const STUB_BATCH = 100;

/** A feed stub as the feed poller hands it to the story service (lib/feeds/ingest.ts). */
export function stubOf(s: GeneratedStory): StubInput {
  return {
    title: s.title,
    url: s.url,
    publishedAt: s.publishedAt,
    summary: s.summary,
    source: 'feed',
    feedId: 1 + (s.index % 50),
    publisher: s.publisher,
    lang: s.lang,
  };
}

/** The article the background would have read: a feed stub is its summary alone (partial), a read article its text. */
export function articleOf(s: GeneratedStory): ExtractedArticle {
  return {
    canonicalUrl: s.url,
    url: s.url,
    title: s.title,
    publishedAt: s.publishedAt,
    modifiedAt: null,
    authors: [],
    publisher: s.publisher,
    lang: s.lang,
    section: null,
    image: null,
    description: s.summary,
    text: s.read ? s.text : s.summary,
    partial: !s.read,
  };
}

/**
 * The analysis as the generator knows it (its entities, counted exactly; no dated sentences): lets the store and
 * link path be measured at 100,000 stories within the time budget. The real analysis is timed on its own.
 */
function generatorAnalysis(input: { title: string; text: string }): ArticleAnalysis {
  const s = batchByText.get(`${input.title}\n${input.text}`) ?? current;
  if (!s) throw new Error('generatorAnalysis: no current story');
  const whole = `${input.title}\n${input.text}`;
  const entities: ArticleEntity[] = s.entities
    .map((e) => ({
      key: e.key,
      name: e.name,
      type: e.type,
      count: e.count,
      first: Math.max(0, whole.indexOf(e.name)),
    }))
    .sort((a, b) => b.count - a.count || a.first - b.first);
  return { entities, terms: [], dated: [], past: [] };
}

const sorted = (xs: ArrayLike<number>) => Float64Array.from(xs).sort();
const q = (s: Float64Array, p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
function stats(xs: ArrayLike<number>) {
  const s = sorted(xs);
  let sum = 0;
  for (const x of s) sum += x;
  return { n: s.length, mean: sum / (s.length || 1), median: q(s, 0.5), p95: q(s, 0.95), max: q(s, 1) };
}

/** An empty list of times for each of `keys`. */
const timesOf = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
/** The stats of each list of times, in the order of the keys. */
const statsOf = <K extends string>(times: Record<K, number[]>) =>
  Object.fromEntries(Object.entries<number[]>(times).map(([k, v]) => [k, stats(v)])) as Record<
    K,
    ReturnType<typeof stats>
  >;

/**
 * Each ingest step's times while ingestAtScale runs its ingests, one by one, then in batches (the story service's
 * onStep).
 */
let steps: Record<IngestStep, number[]> | null = null;
/** Each read of getContext while `lookups` runs (the story service's onContextStep). */
let contextSteps: Record<ContextStep, number[]> | null = null;

async function init(options: { n: number; held: number; seed: number; analysis: AnalysisMode }) {
  corpus = generateCorpus({ n: options.n + options.held, seed: options.seed });
  mode = options.analysis;
  db = new BackstoryDB();
  await db.open();
  service = newService();
  ingested = await db.stories.count();
  return { stories: ingested, threads: corpus.threads, events: corpus.events };
}

/** The story service as a newly started worker has it: its caches (frequencies, candidates) empty. */
function newService(): StoryService {
  service?.dispose();
  return createStoryService(db, {
    analyze: (input) => (mode === 'real' ? analyzeArticle(input) : generatorAnalysis(input)),
    onStep: (name, ms) => steps?.[name].push(ms),
    onContextStep: (name, ms) => contextSteps?.[name].push(ms),
  });
}

/** One story as the product stores it: a read article through ingestArticle, a feed item through ingestStub. */
async function ingestOne(i: number): Promise<number> {
  const s = corpus.story(i);
  current = s;
  const t = performance.now();
  if (s.read) await service.ingestArticle(articleOf(s));
  else await service.ingestStub(stubOf(s));
  return performance.now() - t;
}

/** Feed stubs [from, to) as the feed poller stores a feed's new items (batches of FEED_BATCH_MS); returns the time. */
async function ingestBatch(from: number, to: number): Promise<number> {
  batchByText.clear();
  const list: StubInput[] = [];
  for (let i = from; i < to; i++) {
    const s = corpus.story(i);
    const stub = stubOf(s);
    batchByText.set(`${stub.title}\n${stub.summary}`, s);
    list.push(stub);
  }
  const t = performance.now();
  await ingestStubBatches(db, service, list);
  const ms = performance.now() - t;
  batchByText.clear();
  return ms;
}

/**
 * Ingests stories [ingested, until) in publication order, for at most budgetMs, as the product would receive
 * them: runs of up to STUB_BATCH feed stubs handed over at once (as a feed's new items), read articles one by
 * one. Returns the time per story (a batch's time shared by its stubs) and the batches' own times.
 */
async function ingest(until: number, budgetMs: number, batched = true) {
  const deadline = performance.now() + budgetMs;
  const times: number[] = [];
  while (ingested < until && performance.now() < deadline) {
    let end = ingested;
    while (batched && end < until && end - ingested < STUB_BATCH && !corpus.story(end).read) end++;
    if (end - ingested >= 2) {
      const ms = await ingestBatch(ingested, end);
      for (let i = ingested; i < end; i++) times.push(ms / (end - ingested));
      ingested = end;
    } else {
      times.push(await ingestOne(ingested));
      ingested++;
    }
  }
  return { ingested, times };
}

/**
 * Fills the store up to `until` stories with renamed copies of the stories stored so far, through the product's
 * own export and import (lib/db/export.ts, lib/db/import.ts), one copy per import. Linking 100,000 stories through
 * ingest takes hours on this machine (docs/measurements.md); the copies give a store of the full size, whose
 * lookups, context, sizes and cold start can then be measured. Each copy gets new ids, addresses, events and
 * threads, and is published earlier by the originals' whole span, so the originals stay the newest stories and
 * the held-out stories follow them; when it was seen is left as it is. Its links are the originals' links (the
 * import moves them to the copy's ids), and the import rebuilds the derived tables (document frequencies,
 * entities, thread centroids) over the whole store. The copies repeat the originals' names and terms, so each
 * index key has more postings than in a store of 100,000 different stories: the look-ups are timed against the
 * harder case.
 *
 * A reader who keeps this many stories has raised the retention cap (20,000 stories by default, lib/feeds/
 * retention.ts) in the options; so does this, or the worker's daily retention would trim the store.
 */
async function replicate(until: number, budgetMs: number) {
  const deadline = performance.now() + budgetMs;
  await setRetentionPolicy(db, { stubMaxAgeDays: 3650, maxStories: 1_000_000 });
  const base = await exportAll(db, new Date());
  const originals = base.stories;
  if (!originals.length) throw new Error('replicate: no stories stored to copy');
  let offset = 0;
  let oldest = Number.POSITIVE_INFINITY;
  let newest = Number.NEGATIVE_INFINITY;
  for (const s of originals) {
    offset = Math.max(offset, s.id);
    oldest = Math.min(oldest, s.publishedTs);
    newest = Math.max(newest, s.publishedTs);
  }
  const span = newest - oldest + 86_400_000;
  let stored = await db.stories.count();
  const copies: { stories: number; ms: number }[] = [];
  for (let c = 1; stored < until && performance.now() < deadline; c++) {
    const shift = c * span;
    const address = (url: string) => {
      const u = new URL(url);
      u.pathname = `/copy-${c}${u.pathname}`;
      return u.href;
    };
    const earlier = (iso: string | null) => {
      const t = iso === null ? Number.NaN : Date.parse(iso);
      return Number.isNaN(t) ? iso : new Date(t - shift).toISOString();
    };
    const stories = originals.slice(0, until - stored).map(
      (s): StoryRecord => ({
        ...s,
        id: s.id + c * offset,
        url: address(s.url),
        urls: s.urls.map(address),
        publishedAt: earlier(s.publishedAt),
        publishedTs: s.publishedTs - shift,
        eventId: `${s.eventId}~${c}`,
        threadId: `${s.threadId}~${c}`,
        related: s.related.map((r) => ({ ...r, storyId: r.storyId + c * offset })),
      }),
    );
    const t = performance.now();
    await importAll(db, { ...base, stories, teasers: [], settings: [] });
    copies.push({ stories: stories.length, ms: performance.now() - t });
    stored += stories.length;
  }
  return { stored, originals: originals.length, copies };
}

/** The real analysis alone, on the stories [from, from+count): feed stubs and read articles apart. */
function analysisCost(from: number, count: number) {
  const stub: number[] = [];
  const read: number[] = [];
  for (let i = from; i < from + count; i++) {
    const a = articleOf(corpus.story(i));
    const t = performance.now();
    analyzeArticle({ title: a.title, text: a.text, publishedAt: a.publishedAt, lang: a.lang });
    (a.partial ? stub : read).push(performance.now() - t);
  }
  return { stub: stats(stub), read: stats(read) };
}

/** Every stored story, in chunks (the brute-force scans read the whole store). */
async function eachStory(fn: (s: StoryRecord) => void): Promise<number> {
  let last = 0;
  let n = 0;
  for (;;) {
    const chunk = await db.stories.where('id').above(last).limit(2000).toArray();
    if (!chunk.length) return n;
    for (const s of chunk) fn(s);
    n += chunk.length;
    last = chunk[chunk.length - 1]!.id;
  }
}

async function allDocFreq(): Promise<DocFreq> {
  const map = new Map<string, number>();
  for (const t of await db.termStats.toArray()) map.set(t.term, t.df);
  const size = await db.stories.count();
  return { size, df: (t) => map.get(t) ?? 0 };
}

const entityCounts = (s: Pick<StoryRecord, 'entities'>) => {
  const out: Record<string, number> = {};
  for (const e of s.entities) out[e.key] = (out[e.key] ?? 0) + e.count;
  return out;
};

/**
 * Brute force: score `subject` against every stored story (tf-idf cosine with the same weights and time
 * discount as linking) and keep the 20 best. What a store without the multiEntry indexes would do per lookup.
 */
async function bruteRelated(subject: WeightedFeatures, exclude: number) {
  const docFreq = await allDocFreq();
  const top: { id: number; rank: number }[] = [];
  let worst = -1;
  await eachStory((s) => {
    if (s.id === exclude) return;
    const f = weighFeatures(
      { terms: s.termCounts, entities: entityCounts(s), publishedTs: s.publishedTs },
      docFreq,
    );
    const pair = scorePair(subject, f);
    if (pair.score < DEFAULT_LINK_PARAMS.relatedScore) return;
    const rank = rankScore(pair);
    if (top.length >= 20 && rank <= worst) return;
    top.push({ id: s.id, rank });
    top.sort((a, b) => b.rank - a.rank);
    if (top.length > 20) top.pop();
    worst = top[top.length - 1]!.rank;
  });
  return top;
}

/**
 * Ingest of the held-out stories (published after everything stored): the product's ingest at the store's
 * full size, next to a brute-force ingest (same analysis, then a scan of the whole store for links).
 */
async function ingestAtScale(from: number, count: number, bruteCount: number) {
  const brute: number[] = [];
  for (let i = from; i < from + bruteCount; i++) {
    const s = corpus.story(i);
    current = s;
    const a = articleOf(s);
    const t = performance.now();
    const analysis = mode === 'real' ? analyzeArticle(a) : generatorAnalysis(a);
    const docFreq = await allDocFreq();
    const terms = linkTerms(a, analysis.entities);
    const subject = weighFeatures(
      { terms, entities: entityCounts(analysis), publishedTs: s.publishedTs },
      docFreq,
    );
    await bruteRelated(subject, -1);
    brute.push(performance.now() - t);
  }
  const product: number[] = [];
  const stub: number[] = [];
  const read: number[] = [];
  steps = timesOf(INGEST_STEPS);
  // Each phase starts as a worker woken to ingest does: nothing in memory.
  service = newService();
  for (let i = from; i < from + count; i++) {
    const ms = await ingestOne(i);
    product.push(ms);
    (corpus.story(i).read ? read : stub).push(ms);
  }
  ingested = from + count;
  const bySteps = statsOf(steps);
  steps = null;
  const oneByOneCache = service.candidateCacheStats();
  // The next `count` later stories as the feed poller hands them over: stubs in batches.
  service = newService();
  steps = timesOf(INGEST_STEPS);
  const t = performance.now();
  const { times } = await ingest(from + 2 * count, Number.POSITIVE_INFINITY);
  const batchedMs = performance.now() - t;
  const batchedSteps = statsOf(steps);
  steps = null;
  const batchedCache = service.candidateCacheStats();
  return {
    product: stats(product),
    stub: stats(stub),
    read: stats(read),
    batched: { n: times.length, perStory: batchedMs / (times.length || 1) },
    brute: stats(brute),
    steps: bySteps,
    batchedSteps,
    candidateCache: { oneByOne: oneByOneCache, batched: batchedCache },
  };
}

/** Ids of stored read articles (full text), spread over the store. */
async function sampleRead(count: number): Promise<number[]> {
  const ids: number[] = [];
  await eachStory((s) => {
    if (!s.partial) ids.push(s.id);
  });
  const step = Math.max(1, Math.floor(ids.length / count));
  return ids.filter((_, i) => i % step === 0).slice(0, count);
}

/**
 * Related lookup for stored articles: the stored related list with its stories (what the popup's related
 * section reads) and the whole context (`getContext`, what the background answers the popup with), next to a
 * brute-force scan for the related stories of the same article.
 */
async function lookups(count: number, bruteCount: number) {
  const ids = await sampleRead(count);
  const list: number[] = [];
  const context: number[] = [];
  let related = 0;
  contextSteps = timesOf(CONTEXT_STEPS);
  for (const id of ids) {
    let t = performance.now();
    const story = await db.stories.get(id);
    const others = await db.stories.bulkGet((story?.related ?? []).map((r) => r.storyId));
    list.push(performance.now() - t);
    related += others.filter(Boolean).length;
    t = performance.now();
    await service.getContext(id);
    context.push(performance.now() - t);
  }
  const contextParts = statsOf(contextSteps);
  contextSteps = null;
  // Where the time goes: the candidate look-up as ingest runs it (findCandidateIds: the postings records, the
  // index for keys without one), the same keys read from the index alone (newest MAX_POSTINGS of each, the
  // look-up before schema v10) and reading all of each key's postings; getContext's entity coverage alone; and
  // the story count.
  const sequential: number[] = [];
  const indexOnly: number[] = [];
  const batched: number[] = [];
  const coverage: number[] = [];
  const counting: number[] = [];
  for (const id of ids.slice(0, 50)) {
    const s = (await db.stories.get(id))!;
    const keys = s.entityKeys.slice(0, 10);
    const terms = s.terms.slice(0, 16);
    let t = performance.now();
    await findCandidateIds(db, keys, terms, { exclude: id, limit: 150 });
    sequential.push(performance.now() - t);
    t = performance.now();
    await db.transaction('r', db.stories, () =>
      Promise.all([
        ...keys.map((k) =>
          db.stories.where('entityKeys').equals(k).reverse().limit(MAX_POSTINGS).primaryKeys(),
        ),
        ...terms.map((k) => db.stories.where('terms').equals(k).reverse().limit(MAX_POSTINGS).primaryKeys()),
      ]),
    );
    indexOnly.push(performance.now() - t);
    t = performance.now();
    await db.transaction('r', db.stories, () =>
      Promise.all([
        ...keys.map((k) => db.stories.where('entityKeys').equals(k).primaryKeys()),
        ...terms.map((k) => db.stories.where('terms').equals(k).primaryKeys()),
      ]),
    );
    batched.push(performance.now() - t);
    t = performance.now();
    await entityCoverage(db, keys.slice(0, 8));
    coverage.push(performance.now() - t);
    // The story count each ingest reads for the document frequencies' size.
    t = performance.now();
    await db.stories.count();
    counting.push(performance.now() - t);
  }
  const brute: number[] = [];
  for (const id of ids.slice(0, bruteCount)) {
    const t = performance.now();
    const s = (await db.stories.get(id))!;
    const docFreq = await allDocFreq();
    const subject = weighFeatures(
      { terms: s.termCounts, entities: entityCounts(s), publishedTs: s.publishedTs },
      docFreq,
    );
    await bruteRelated(subject, id);
    brute.push(performance.now() - t);
  }
  return {
    list: stats(list),
    context: stats(context),
    contextParts,
    brute: stats(brute),
    candidates: { sequential: stats(sequential), indexOnly: stats(indexOnly), batched: stats(batched) },
    coverage: stats(coverage),
    count: stats(counting),
    meanRelated: related / (ids.length || 1),
  };
}

/**
 * Bytes per stored story: the UTF-8 size of the record as JSON (structured clone stores the same fields), for
 * feed stubs and read articles apart, next to the raw feed item alone (url, title, summary, publisher, date: what
 * a store that scans instead of indexing would keep). Plus the whole origin's usage from the quota manager.
 */
async function sizes() {
  const enc = new TextEncoder();
  const stub: number[] = [];
  const read: number[] = [];
  const raw: number[] = [];
  const fields: Record<string, number> = {};
  await eachStory((s) => {
    const bytes = enc.encode(JSON.stringify(s)).length;
    if (isStub(s)) {
      stub.push(bytes);
      for (const [k, v] of Object.entries(s))
        fields[k] = (fields[k] ?? 0) + enc.encode(JSON.stringify(v)).length;
      raw.push(
        enc.encode(
          JSON.stringify({
            url: s.url,
            title: s.title,
            summary: s.description,
            publisher: s.publisher,
            publishedAt: s.publishedAt,
          }),
        ).length,
      );
    } else read.push(bytes);
  });
  const counts: Record<string, number> = {};
  for (const t of db.tables) counts[t.name] = await t.count();
  const estimate = await navigator.storage.estimate();
  const perField = Object.entries(fields)
    .map(([k, v]) => [k, v / (stub.length || 1)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6);
  return {
    stub: stats(stub),
    read: stats(read),
    raw: stats(raw),
    counts,
    usage: estimate.usage ?? 0,
    perField,
  };
}

/** A held-out read article, for the page the popup is opened on. */
function story(i: number): GeneratedStory {
  return corpus.story(i);
}

/**
 * The idle-time thread healing as the worker's alarm runs it (lib/background/maintenance.ts): `maxSteps` steps
 * of at most `step` threads and `budgetMs`, each timed. What is left stays for the worker.
 */
async function heal(step: number, budgetMs: number, maxSteps: number) {
  const steps: { ms: number; examined: number; merged: number }[] = [];
  let done = false;
  while (!done && steps.length < maxSteps) {
    const t0 = performance.now();
    const r = await healThreads(db, { maxThreads: step, budgetMs });
    steps.push({ ms: performance.now() - t0, examined: r.examined, merged: r.merged });
    done = r.done;
  }
  const dirty = await db.threads.where('dirty').equals(1).count();
  return { steps, done, dirty };
}

/** A new story service in place of the current one, whose candidates in memory are let go. */
function freshService() {
  service = newService();
}

function close() {
  db.close();
}

const api = {
  init,
  ingest,
  replicate,
  analysisCost,
  ingestAtScale,
  freshService,
  lookups,
  sizes,
  heal,
  story,
  close,
};
export type ScaleBench = typeof api;
(globalThis as unknown as { scaleBench: ScaleBench }).scaleBench = api;
