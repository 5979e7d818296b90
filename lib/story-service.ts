/**
 * The background's work on stories: store an article (one story per canonical URL), analyse it, link it to
 * the cached stories, and build the context the popup shows. Used by the extension's background worker and
 * by the CLI, on the same Dexie schema (real IndexedDB in the browser, fake-indexeddb in Node).
 */
import { Dexie } from 'dexie';
import { buildContext, type ContextStory, summaryOf } from '@/core/context/build-context';
import { diffParagraphs, paragraphs, textHash } from '@/core/context/revisions';
import {
  lastThreadVisit,
  SINCE_LAST_READ_MAX,
  sinceLastRead,
  type VisitedStory,
} from '@/core/context/since-last-read';
import { mergeWireCopies } from '@/core/context/wire-copies';
import { headlineTerms, linkTerms } from '@/core/link/features';
import { DEFAULT_LINK_PARAMS, type LinkParams, linkStory } from '@/core/link/link-story';
import { isWireCopy } from '@/core/link/near-duplicate';
import { type DocFreq, explainLink, idf, sharedFeatureKeys, weighFeatures } from '@/core/link/similarity';
import type {
  ArticleAnalysis,
  BackgroundEntity,
  ExtractedArticle,
  SearchResults,
  StoryContext,
  StoryRevision,
  Teaser,
} from '@/core/model';
import { titleWords } from '@/core/search/search-words';
import { createCandidateCache, entityCounts, storyFeatures } from '@/lib/db/candidate-cache';
import { updatePostings } from '@/lib/db/postings';
import {
  type BackstoryDB,
  type EntityRecord,
  isStub,
  MAX_REVISIONS,
  mergeEntity,
  type StoredLink,
  type StoryRecord,
  type StorySource,
  storedLink,
  type TeaserRecord,
  wireFields,
} from '@/lib/db/schema';
import { search } from '@/lib/db/search';
import {
  createDocFreqCache,
  entityCoverage,
  findCandidateIds,
  findStoryByUrl,
  moveCoverage,
  STORIES_COUNT,
} from '@/lib/db/stories';
import { addToThread, loadThreadVectors, removeFromThread } from '@/lib/threads';

export type Analyze = (input: {
  title: string;
  text: string;
  publishedAt: string | null;
  lang: string | null;
}) => ArticleAnalysis | Promise<ArticleAnalysis>;

export interface StoryServiceDeps {
  /**
   * The analysis. It may return a promise, but in `ingestStubs` it runs inside an IndexedDB transaction, which
   * commits at the first wait for a task: what it needs to load is loaded by `prepare` first.
   */
  analyze: Analyze;
  /** Awaited before a batch's transaction opens (the background loads its text kit: lib/text-kit). */
  prepare?: () => Promise<unknown>;
  now?: () => number;
  linkParams?: LinkParams;
  /** Told how long each step of an ingest took (the scale bench's breakdown; nothing in the product listens). */
  onStep?: (step: IngestStep, ms: number) => void;
  /** Told how long each read of `getContext` took, from its request to its answer (the scale bench's breakdown). */
  onContextStep?: (step: ContextStep, ms: number) => void;
  /** Candidates kept in memory across ingests (lib/db/candidate-cache.ts); 0 reads every one from the store. */
  candidateCacheEntries?: number;
}

/** The steps of an ingest, in order; 'postings' is part of 'write'. */
export const INGEST_STEPS = ['find', 'analyze', 'read', 'link', 'write', 'postings'] as const;
export type IngestStep = (typeof INGEST_STEPS)[number];

/**
 * The reads of a context: the story, then together its related stories, its entities' coverage and the thread's
 * stories the reader read, then those that arrived since, then the frequencies of what links share; 'build' is
 * everything after the read transaction.
 */
export const CONTEXT_STEPS = [
  'story',
  'related',
  'coverage',
  'visits',
  'arrived',
  'frequencies',
  'build',
] as const;
export type ContextStep = (typeof CONTEXT_STEPS)[number];

/** Terms and entities indexed for candidate look-up. */
const INDEXED_TERMS = 16;
const INDEXED_ENTITIES = 24;
/** Entities and terms a new story looks candidates up by, and how many candidates it compares. */
const QUERY_ENTITIES = 10;
const QUERY_TERMS = 16;
const MAX_CANDIDATES = 150;
/** Threads of the closest candidates a story may join. */
const MAX_CANDIDATE_THREADS = 40;
const MAX_RELATED = 20;
/** Stories sharing an LSH band with a new text that are checked for being the same wire text. */
const MAX_WIRE_CANDIDATES = 30;

/**
 * A story known only from a headline (a feed item, a headline link seen on a page): analysed on its title and
 * summary, linked like a read article, stored without full text. Opening its URL later upgrades it in place.
 */
export interface StubInput {
  title: string;
  url: string;
  publishedAt: string | null;
  summary: string | null;
  source: 'feed' | 'teaser';
  feedId?: number;
  publisher?: string | null;
  lang?: string | null;
}

/**
 * A stub keeps at most this many terms and entities and its closest few links, and dated sentences are not
 * kept: it stays well under 2 KB.
 */
const STUB_TERMS = 12;
const STUB_ENTITIES = 4;
const STUB_INDEXED_TERMS = 6;
const STUB_RELATED = 3;
/** The title and summary kept (the analysis reads all of them, up to the feed parser's 300 characters). */
const STUB_TITLE = 200;
const STUB_SUMMARY = 180;

/** `text` cut to `max` characters at a word boundary. */
function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function topCounts(counts: Record<string, number>, max: number): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, max),
  );
}

/** The coverage of an entity no story lists yet (moveCoverage counts the story being written). */
const NO_COVERAGE = { stories: 0, sinceTs: null, since: null } as const;

export interface IngestResult {
  story: StoryRecord;
  created: boolean;
  /** False when the same URL was seen again with the same text: nothing was re-analysed. */
  changed: boolean;
}

/** Paragraphs kept per revision (each cut to MAX_REVISION_PARAGRAPH characters), and stories of a thread read. */
const MAX_REVISION_PARAGRAPHS = 10;
const MAX_REVISION_PARAGRAPH = 600;
/** The thread's read stories last visited at or after a story's visit, looked at for "since you last read". */
const MAX_THREAD_VISITS = 200;

const clip = (list: string[]) =>
  list
    .slice(0, MAX_REVISION_PARAGRAPHS)
    .map((p) => (p.length > MAX_REVISION_PARAGRAPH ? `${p.slice(0, MAX_REVISION_PARAGRAPH - 1)}…` : p));

/** What changed from the stored version of a story to the one just read. */
export function revisionOf(
  previous: StoryRecord,
  next: { title: string; text: string },
  seenTs: number,
): StoryRevision {
  const { added, removed } = diffParagraphs(paragraphs(previous.text), paragraphs(next.text));
  return {
    seenTs,
    previousSeenTs: previous.lastSeenTs,
    previousTitle: previous.title,
    previousTextHash: textHash(previous.text),
    ...(next.title !== previous.title && { title: next.title }),
    added: clip(added),
    removed: clip(removed),
    addedCount: added.length,
    removedCount: removed.length,
  };
}

/** What "since you last read" needs of a story (core/context/since-last-read.ts). */
export function visited(s: StoryRecord): VisitedStory {
  return {
    summary: summaryOf(s),
    // Stubs, like imported stories, were never read.
    source: s.source === 'visit' ? 'visit' : 'import',
    firstSeenTs: s.firstSeenTs,
    lastSeenTs: s.lastSeenTs,
    ...(s.prevSeenTs !== undefined && { prevSeenTs: s.prevSeenTs }),
  };
}

function toTs(iso: string | null): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

export function toContextStory(s: StoryRecord): ContextStory {
  return {
    ...summaryOf(s),
    entities: s.entities,
    dated: s.dated,
    past: s.past,
    eventId: s.eventId,
    threadId: s.threadId,
  };
}

export function createStoryService(db: BackstoryDB, deps: StoryServiceDeps) {
  const now = deps.now ?? Date.now;
  const params = deps.linkParams ?? DEFAULT_LINK_PARAMS;
  const dfCache = createDocFreqCache(db);
  const candidateCache = createCandidateCache(db, deps.candidateCacheEntries);

  /** Top terms by tf-idf weight, for the multiEntry index. */
  function indexedTerms(terms: Record<string, number>, docFreq: DocFreq): string[] {
    return Object.entries(terms)
      .filter(([t]) => !t.includes(':')) // entities have their own index
      .map(([t, c]) => [t, (1 + Math.log(c)) * idf(docFreq.df(t), docFreq.size)] as const)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, INDEXED_TERMS)
      .map(([t]) => t);
  }

  /**
   * Stores a stub (see StubInput) unless a story with its URL is already stored, through the same analysis and
   * linking as a read article. Returns null when the URL was known (ingestArticle's own look-up finds it and
   * leaves the story as it is: one query, not two).
   */
  async function ingestStub(stub: StubInput): Promise<IngestResult | null> {
    const article: ExtractedArticle = {
      url: stub.url,
      canonicalUrl: stub.url,
      title: clipText(stub.title, STUB_TITLE),
      publishedAt: stub.publishedAt,
      modifiedAt: null,
      authors: [],
      publisher: stub.publisher ?? null,
      lang: stub.lang ?? null,
      section: null,
      image: null,
      description: stub.summary,
      text: stub.summary ?? '',
    };
    const result = await ingestArticle(article, { source: stub.source, stub: { feedId: stub.feedId } });
    return result.created ? result : null;
  }

  /**
   * Stores many stubs (a feed's new items) as `ingestStub` does, one after the other in the order given, in one
   * IndexedDB transaction: each is linked against everything stored before it, the batch's earlier stubs
   * included, exactly as one by one, without a transaction's overhead per stub. The writes to the tables derived
   * from the stories are held for the batch and made once per key at its end (lib/db/write-back.ts). All or
   * nothing: when a write fails (a full disk), none of the batch is stored and the error is thrown.
   *
   * With `budgetMs`, no more stubs are taken once the batch has run that long (at least one is): the transaction
   * holds up a page the reader opens meanwhile, whose ingest waits for it. The results are then fewer than the
   * stubs, in order; the caller hands over the rest in another batch.
   */
  async function ingestStubs(
    stubs: readonly StubInput[],
    options: { budgetMs?: number } = {},
  ): Promise<(IngestResult | null)[]> {
    if (!stubs.length) return [];
    await deps.prepare?.();
    let idbtrans: IDBTransaction | undefined;
    try {
      return await db.transaction(
        'rw',
        [db.stories, db.termStats, db.threads, db.entities, db.postings, db.counts],
        async (tx) => {
          idbtrans = tx.idbtrans;
          db.writeBack.begin(idbtrans);
          const start = performance.now();
          const out: (IngestResult | null)[] = [];
          for (const stub of stubs) {
            if (out.length && options.budgetMs !== undefined && performance.now() - start >= options.budgetMs)
              break;
            out.push(await ingestStub(stub));
          }
          await db.writeBack.end(idbtrans);
          return out;
        },
      );
    } catch (error) {
      if (idbtrans) db.writeBack.abandon(idbtrans);
      // The frequencies the cache applied for the batch were never stored, and the batch's own stories, read as
      // candidates inside its transaction, were never stored either.
      dfCache.reset();
      candidateCache.reset();
      throw error;
    }
  }

  async function ingestArticle(
    article: ExtractedArticle,
    options: { source?: StorySource; stub?: { feedId?: number } } = {},
  ): Promise<IngestResult> {
    let stepStart = deps.onStep ? performance.now() : 0;
    const step = (name: IngestStep) => {
      if (!deps.onStep) return;
      const t = performance.now();
      deps.onStep(name, t - stepStart);
      stepStart = t;
    };
    const seen = now();
    const urls = [...new Set([article.canonicalUrl, article.url].filter(Boolean))];
    const found = await findStoryByUrl(db, urls);
    const stub = options.stub;
    // A stub stores no text: a stub met again as a stub is left as it is.
    if (stub && found) return { story: found, created: false, changed: false };
    // A read article upgrades a stub in place: same row, full text, a first visit (no revision of the headline).
    const upgrading = !!found && isStub(found);
    const existing = upgrading ? undefined : found;
    if (existing && existing.text === article.text && existing.title === article.title) {
      const touched = {
        ...existing,
        prevSeenTs: existing.lastSeenTs,
        lastSeenTs: seen,
        visits: existing.visits + 1,
      };
      await db.stories.put(touched);
      return { story: touched, created: false, changed: false };
    }

    step('find');
    const analysis = await deps.analyze({
      title: article.title,
      text: article.text,
      publishedAt: article.publishedAt,
      lang: article.lang,
    });
    // A stub's entities without their roles (the context never shows a stub's background).
    const stubEntities = stub
      ? analysis.entities.slice(0, STUB_ENTITIES).map(({ role: _role, ...e }) => e)
      : analysis.entities;
    const allTerms = linkTerms(article, analysis.entities);
    const terms = stub ? topCounts(allTerms, STUB_TERMS) : allTerms;
    const entities = entityCounts(stubEntities);
    const publishedTs = toTs(article.publishedAt) ?? found?.publishedTs ?? seen;
    const entityKeys = Object.entries(entities)
      .sort((a, b) => b[1] - a[1])
      .slice(0, INDEXED_ENTITIES)
      .map(([k]) => k);
    // The text's fingerprint: the same agency text republished elsewhere is found through its band keys.
    const wire = stub ? {} : wireFields(article.text, article.lang);

    step('analyze');
    // Everything linking reads, in one read transaction (the queries of each step issued together); the threads'
    // centroids only when they can matter (below).
    const { docFreq, allFreq, indexed, candidates, worthCaching } = await db.transaction(
      'r',
      [db.stories, db.termStats, db.postings, db.counts],
      async () => {
        const docFreq = await dfCache.load(Object.keys(terms));
        const indexed = indexedTerms(terms, docFreq).slice(0, stub ? STUB_INDEXED_TERMS : INDEXED_TERMS);
        const { ids: candidateIds, worthCaching } = await findCandidateIds(
          db,
          entityKeys.slice(0, QUERY_ENTITIES),
          indexed.slice(0, QUERY_TERMS),
          { exclude: found?.id, limit: MAX_CANDIDATES },
        );
        // Wire copies are compared whatever their terms (a copy shares them, but the term postings are capped).
        const copyIds = wire.wire
          ? (await db.stories.where('wire').anyOf(wire.wire).distinct().limit(MAX_WIRE_CANDIDATES).toArray())
              .filter((c) => c.id !== found?.id && isWireCopy(wire.fingerprint, c.fingerprint))
              .map((c) => c.id)
          : [];
        const ids = [...new Set([...copyIds, ...candidateIds])];
        const candidates = await candidateCache.read(ids);
        // Document frequencies must cover the candidates' terms too (entity keys are among the terms).
        const allFreq = await dfCache.load([
          ...Object.keys(terms),
          ...candidates.flatMap((c) => Object.keys(c.features.terms)),
        ]);
        return { docFreq, allFreq, indexed, candidates, worthCaching };
      },
    );
    step('read');
    const names = new Map(analysis.entities.map((e) => [e.key, e.name]));
    const subject = weighFeatures({ terms, entities, publishedTs }, allFreq);
    const weighed = candidates.map((c) => ({
      id: c.id,
      eventId: c.eventId,
      threadId: c.threadId,
      features: weighFeatures(c.features, allFreq),
    }));
    const nameOf = (key: string) => names.get(key) ?? key.slice(key.indexOf(':') + 1);
    // A story that joins an event takes the event's thread: the threads' centroids (up to 40 records of 300 terms,
    // as much to read as the candidates) are read only for a story that joins none.
    let decision = linkStory(subject, weighed, nameOf, params, []);
    if (decision.eventId === null) {
      const threadIds = [...new Set(candidates.map((c) => c.threadId))].slice(0, MAX_CANDIDATE_THREADS);
      const threads = await db.transaction('r', db.threads, () => loadThreadVectors(db, threadIds));
      decision = linkStory(subject, weighed, nameOf, params, threads);
    }
    const links = decision.related.map(storedLink);
    step('link');

    const before = existing ?? (upgrading ? found : undefined);
    const base: Omit<StoryRecord, 'id'> = {
      url: article.canonicalUrl || article.url,
      urls: [...new Set([...(before?.urls ?? []), ...urls])],
      title: article.title,
      publisher: article.publisher,
      publishedAt: article.publishedAt,
      publishedTs,
      modifiedAt: article.modifiedAt,
      authors: article.authors,
      lang: article.lang,
      section: article.section,
      image: article.image,
      description:
        stub && article.description ? clipText(article.description, STUB_SUMMARY) : article.description,
      text: stub ? '' : article.text,
      partial: article.partial ?? false,
      source: options.source ?? existing?.source ?? 'visit',
      entityKeys,
      terms: indexed,
      termCounts: terms,
      entities: stubEntities,
      dated: stub ? [] : analysis.dated,
      past: stub ? [] : analysis.past,
      eventId: decision.eventId ?? before?.eventId ?? '',
      threadId: decision.threadId ?? before?.threadId ?? '',
      related: stub ? links.slice(0, STUB_RELATED) : links,
      firstSeenTs: existing?.firstSeenTs ?? seen,
      lastSeenTs: seen,
      visits: stub ? 0 : (existing?.visits ?? 0) + 1,
      titleWords: titleWords(article.title),
      ...wire,
      ...(stub?.feedId !== undefined && { feedId: stub.feedId }),
      ...(existing && {
        prevSeenTs: existing.lastSeenTs,
        revisions: [...(existing.revisions ?? []), revisionOf(existing, article, seen)].slice(-MAX_REVISIONS),
      }),
    };

    const dfChanges: [string[], 1 | -1][] = [];
    if (before) {
      const had = new Set(Object.keys(before.termCounts));
      const after = new Set(Object.keys(terms));
      dfChanges.push([[...after].filter((t) => !had.has(t)), 1], [[...had].filter((t) => !after.has(t)), -1]);
    } else {
      dfChanges.push([Object.keys(terms), 1]);
    }
    const added = before ? 0 : 1;
    let size = docFreq.size + added;
    const story = await db.transaction(
      'rw',
      [db.stories, db.termStats, db.threads, db.entities, db.postings, db.counts],
      async () => {
        // Reads first, issued together; then the writes.
        const dfTerms = dfChanges.flatMap(([list]) => list);
        const [stats, known, others, stored] = await Promise.all([
          db.termStats.bulkGet(dfTerms),
          db.entities.bulkGet(analysis.entities.map((e) => e.key)),
          db.stories.bulkGet(links.map((r) => r.storyId)),
          db.counts.get(STORIES_COUNT),
        ]);
        // The stored number is right whenever it is there (createDocFreqCache), even if retention deleted stories
        // since this ingest's read: it counts on from it. Without one, from the number read before.
        if (stored) size = stored.n + added;
        let id: number;
        if (before) {
          id = before.id;
        } else {
          id = (await db.stories.add(base as StoryRecord)) as number;
        }
        const record: StoryRecord = {
          ...base,
          id,
          eventId: base.eventId || `ev-${id}`,
          threadId: base.threadId || `th-${id}`,
        };
        // A new story that joined an event and a thread was added as it is: it is not written again.
        const asAdded = !before && record.eventId === base.eventId && record.threadId === base.threadId;
        const df = new Map<string, number>();
        dfTerms.forEach((t, i) => {
          df.set(t, stats[i]?.df ?? 0);
        });
        for (const [list, delta] of dfChanges) {
          for (const t of list) df.set(t, Math.max(0, (df.get(t) ?? 0) + delta));
        }
        const merged = new Map<string, EntityRecord>();
        analysis.entities.forEach((e, i) => {
          const m = mergeEntity(merged.get(e.key) ?? known[i], e);
          merged.set(e.key, known[i] || merged.has(e.key) ? m : { ...m, ...NO_COVERAGE });
        });
        const entityRecords = new Map(merged);
        const writes: Promise<unknown>[] = [
          ...(asAdded ? [] : [db.stories.put(record)]),
          db.termStats.bulkPut([...df].map(([term, n]) => ({ term, df: n }))),
          // The number of stories, read by the next worker rather than counted (createDocFreqCache).
          db.counts.put({ name: STORIES_COUNT, n: size }),
          addReciprocalLinks(record, links, others),
        ];
        // A changed story already counted in its thread is not added again; one that moved leaves its old thread.
        if (!before || upgrading || before.threadId !== record.threadId) {
          writes.push(
            (async () => {
              if (before?.threadId) {
                await removeFromThread(
                  db,
                  before.threadId,
                  weighFeatures(storyFeatures(before), allFreq).terms,
                );
              }
              await addToThread(db, record.threadId, subject.terms, publishedTs);
            })(),
          );
        }
        await Promise.all(writes);
        // The look-up's postings records, now that the story is in the index.
        const postingsStart = deps.onStep ? performance.now() : 0;
        await updatePostings(db, id, before, record, worthCaching);
        deps.onStep?.('postings', performance.now() - postingsStart);
        // Coverage after the story is written: a key that lost its earliest story is counted afresh.
        for (const r of await moveCoverage(db, before ? [before] : [], [record], entityRecords)) {
          merged.set(r.key, r);
        }
        await db.entities.bulkPut([...merged.values()]);
        return record;
      },
    );
    dfCache.applied(size, dfChanges);
    step('write');
    return { story, created: !before, changed: true };
  }

  /** The stories a new story links to list it too (so an older article's context shows later coverage). */
  async function addReciprocalLinks(
    story: StoryRecord,
    related: readonly StoredLink[],
    others: readonly (StoryRecord | undefined)[],
  ): Promise<void> {
    const updated: StoryRecord[] = [];
    others.forEach((other, i) => {
      const link = related[i];
      if (!other || !link) return;
      const list = other.related.filter((r) => r.storyId !== story.id);
      const listedBefore = list.length < other.related.length;
      list.push({ ...link, storyId: story.id });
      list.sort((a, b) => b.score - a.score);
      const kept = list.slice(0, isStub(other) ? STUB_RELATED : MAX_RELATED);
      // A full list the new link does not make it into stays as it is: no write.
      if (!listedBefore && !kept.some((r) => r.storyId === story.id)) return;
      updated.push({ ...other, related: kept });
    });
    if (updated.length) await db.stories.bulkPut(updated);
  }

  /** `read`, timed for onContextStep when someone listens. */
  function timed<T>(step: ContextStep, read: Promise<T>): Promise<T> {
    const listener = deps.onContextStep;
    if (!listener) return read;
    const t = performance.now();
    return read.then((value) => {
      listener(step, performance.now() - t);
      return value;
    });
  }

  /**
   * The thread's stories the reader read that "since you last read" can show (core/context/since-last-read.ts):
   * those last visited at or after this story's visit, this story among them (what they were read before it comes
   * from their earlier visits), at most MAX_THREAD_VISITS; and the SINCE_LAST_READ_MAX last visited before it,
   * each read before it at its last visit, the most recent first. Any other read story of the thread was read
   * before all of these, so it is neither listed nor the last visit to the thread; nor did it arrive after that.
   */
  function threadVisits(story: StoryRecord): Promise<StoryRecord[]> {
    const byVisit = () => db.stories.where('[threadId+source+lastSeenTs]');
    const at = [story.threadId, 'visit', story.lastSeenTs];
    return Promise.all([
      byVisit()
        .between(at, [story.threadId, 'visit', Dexie.maxKey], true, true)
        .limit(MAX_THREAD_VISITS)
        .toArray(),
      byVisit()
        .between([story.threadId, 'visit', Dexie.minKey], at, true, false)
        .reverse()
        .limit(SINCE_LAST_READ_MAX)
        .toArray(),
    ]).then(([later, before]) => [...later, ...before]);
  }

  /**
   * The thread's stories "since you last read" reads: the reader's visits (threadVisits), then the newest of those
   * that arrived since the last of them (one more, for the story itself may be among them).
   */
  async function threadSinceLastRead(story: StoryRecord): Promise<StoryRecord[]> {
    if (!story.threadId) return [];
    const visits = await timed('visits', threadVisits(story));
    const since = lastThreadVisit(visited(story), visits.map(visited));
    const arrived =
      since === null
        ? []
        : await timed(
            'arrived',
            db.stories
              .where('[threadId+firstSeenTs]')
              .between([story.threadId, since], [story.threadId, Dexie.maxKey], false, true)
              .reverse()
              .limit(SINCE_LAST_READ_MAX + 1)
              .toArray(),
          );
    return [...new Map([...visits, ...arrived].map((s) => [s.id, s])).values()];
  }

  async function getContext(storyId: number, locale?: string): Promise<StoryContext | null> {
    // One read transaction. After the story, three chains of reads run together, each step of a chain issued as soon
    // as the step before it has answered: the related stories, then the frequencies of what they share; the
    // entities' coverage; the thread's visits, then what arrived since.
    const read = await db.transaction('r', [db.stories, db.termStats, db.entities, db.counts], async () => {
      const story = await timed('story', db.stories.get(storyId));
      if (!story) return null;
      const mine = storyFeatures(story);
      const [{ linked, docFreq }, coverage, thread] = await Promise.all([
        timed('related', db.stories.bulkGet(story.related.map((r) => r.storyId))).then(async (others) => {
          // The reasons of each link follow from the two stories' features and the frequencies of what they share.
          const linked = story.related.flatMap((link, i) => {
            const other = others[i];
            return other ? [{ link, other, features: storyFeatures(other) }] : [];
          });
          const docFreq = await timed(
            'frequencies',
            dfCache.load(linked.flatMap((l) => sharedFeatureKeys(mine, l.features))),
          );
          return { linked, docFreq };
        }),
        // Coverage of every entity the background might show (it shows a few of each type).
        timed(
          'coverage',
          entityCoverage(
            db,
            story.entities.map((e) => e.key),
          ),
        ),
        threadSinceLastRead(story),
      ]);
      return { story, mine, linked, coverage, thread, docFreq };
    });
    if (!read) return null;
    const buildStart = deps.onContextStep ? performance.now() : 0;
    const { story, mine, linked, coverage, thread, docFreq } = read;
    const names = new Map(story.entities.map((e) => [e.key, e.name]));
    const myHeadline = headlineTerms(story.title, story.lang);
    const related = linked.map(({ link, other, features }) => {
      const otherNames = new Map(other.entities.map((e) => [e.key, e.name]));
      const reasons = explainLink(
        mine,
        features,
        link.similarity,
        docFreq,
        (key) => names.get(key) ?? otherNames.get(key) ?? key.slice(key.indexOf(':') + 1),
        new Set([...myHeadline, ...headlineTerms(other.title, other.lang)]),
      );
      return { story: toContextStory(other), link: { ...link, reasons } };
    });
    const context = buildContext(toContextStory(story), related, { locale });
    // The same wire text from other outlets: one item, and copies of this article out of the related list.
    const wire = mergeWireCopies({
      current: story,
      related: context.related,
      fingerprints: new Map(linked.map(({ other }) => [other.id, other.fingerprint])),
    });
    context.related = wire.related;
    if (wire.copies.length) context.copies = wire.copies;
    const { background } = context;
    const withCoverage = (list: BackgroundEntity[]): BackgroundEntity[] =>
      list.map((e) => {
        const c = coverage.get(e.key);
        return c ? { ...e, storyCount: c.count, since: c.since } : e;
      });
    background.people = withCoverage(background.people);
    background.organizations = withCoverage(background.organizations);
    background.places = withCoverage(background.places);

    context.sinceLastRead = sinceLastRead(
      { ...visited(story), ...(story.revisions && { revisions: story.revisions }) },
      thread.map(visited),
    );
    deps.onContextStep?.('build', performance.now() - buildStart);
    return context;
  }

  async function searchStories(query: string): Promise<SearchResults> {
    return search(db, query);
  }

  async function storeTeasers(teasers: readonly Teaser[], seenOn: { url: string; storyId: number | null }) {
    if (!teasers.length) return 0;
    const list = [...new Map(teasers.map((t) => [t.url, t])).values()].slice(0, 200);
    const known = new Set(
      (
        await db.teasers
          .where('url')
          .anyOf(list.map((t) => t.url))
          .toArray()
      ).map((t) => t.url),
    );
    const seenTs = now();
    const fresh = list
      .filter((t) => !known.has(t.url))
      .map(
        (t): Omit<TeaserRecord, 'id'> => ({
          ...t,
          seenOnStoryId: seenOn.storyId,
          seenOnUrl: seenOn.url,
          seenTs,
        }),
      );
    if (fresh.length) await db.teasers.bulkAdd(fresh as TeaserRecord[]);
    return fresh.length;
  }

  /** How many candidates came from memory and how many from the store (the scale bench prints it). */
  const candidateCacheStats = () => ({
    ...candidateCache.stats,
    entries: candidateCache.size,
    keys: candidateCache.keys,
  });

  return {
    ingestArticle,
    ingestStub,
    ingestStubs,
    getContext,
    storeTeasers,
    search: searchStories,
    candidateCacheStats,
    /** Lets go of the candidates in memory and stops hearing the database's writes (a service replaced). */
    dispose: () => candidateCache.dispose(),
  };
}

export type StoryService = ReturnType<typeof createStoryService>;
