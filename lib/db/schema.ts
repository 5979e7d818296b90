/**
 * The one Dexie schema module. Every version stays declared, in order; a new version only adds a
 * `.version(n).stores(...)` (and an `.upgrade()` when existing rows must change).
 */
import { type DBCoreMutateRequest, Dexie, type EntityTable } from 'dexie';
import type { DiscoveredFeed } from '@/core/feeds/discover';
import { bandKeys, type Fingerprint, signature } from '@/core/link/near-duplicate';
import type {
  ArticleEntity,
  DatedSentence,
  EntityType,
  LinkKind,
  SentenceRef,
  StoryRevision,
  TabView,
  Teaser,
} from '@/core/model';
import { searchWords, titleWords } from '@/core/search/search-words';
import { WriteBack } from '@/lib/db/write-back';
import { ThreadSums } from '@/lib/thread-sums';

export const DB_NAME = 'backstory';

/**
 * Where a story came from: opened by the reader ('visit'), an export file ('import'), or a stub (v5) made from a
 * feed item ('feed') or a headline link seen on a page ('teaser'): title, link, date and summary, no full text.
 */
export type StorySource = 'visit' | 'import' | 'feed' | 'teaser';

/** Stubs: stories known from a headline, not read. */
export const STUB_SOURCES = ['feed', 'teaser'] as const satisfies readonly StorySource[];
/** A write request on `stories`, as the connection's listeners hear it (Dexie's DBCore mutate request). */
export type StoriesWrite = DBCoreMutateRequest;

export const isStub = (s: Pick<StoryRecord, 'source'>): boolean =>
  s.source === 'feed' || s.source === 'teaser';

export interface StoryRecord {
  id: number;
  /** Canonical URL: one story per canonical URL. */
  url: string;
  /** URLs the story was seen under (canonical first). */
  urls: string[];
  title: string;
  publisher: string | null;
  publishedAt: string | null;
  /** Epoch ms of publishedAt (or of first sight when the page gave no date). Indexed. */
  publishedTs: number;
  modifiedAt: string | null;
  authors: string[];
  lang: string | null;
  section: string | null;
  image: string | null;
  description: string | null;
  text: string;
  partial: boolean;
  source: StorySource;
  /** Entity keys, multiEntry-indexed: candidate look-up by shared people, places, organisations. */
  entityKeys: string[];
  /** Top salient terms, multiEntry-indexed: candidate look-up by shared terms. */
  terms: string[];
  /** Term counts used for similarity (top terms only, bounded). */
  termCounts: Record<string, number>;
  entities: ArticleEntity[];
  dated: DatedSentence[];
  past: SentenceRef[];
  eventId: string;
  threadId: string;
  /** Linked stories, strongest first (v6: without their reasons, which are recomputed when shown). */
  related: StoredLink[];
  firstSeenTs: number;
  lastSeenTs: number;
  /** How many times the reader opened it. */
  visits: number;
  /** The visit before `lastSeenTs` (v3; absent on stories seen once, or last seen before v3). */
  prevSeenTs?: number;
  /** Earlier versions seen under this URL, what changed, oldest first; at most MAX_REVISIONS (v3). */
  revisions?: StoryRevision[];
  /** Title words (core/search/search-words.ts), multiEntry-indexed for the search box (v3). */
  titleWords?: string[];
  /** The feed a 'feed' stub came from (v5). */
  feedId?: number;
  /**
   * The text's MinHash fingerprint (core/link/near-duplicate.ts), to tell wire copies: the same agency text
   * republished by other outlets (v7; absent on stubs and on texts too short to tell).
   */
  fingerprint?: Fingerprint;
  /** LSH band keys of the fingerprint, multiEntry-indexed: wire copies are found through them (v7). */
  wire?: string[];
}

/**
 * A link as stored (v6): which story, its ranking score and kind, and the pair's similarity. The reasons shown
 * to the reader (shared names and terms, days apart) follow from the two stories' stored features and are
 * recomputed when the context is built (lib/story-service.ts), so a link costs tens of bytes, not hundreds.
 */
export interface StoredLink {
  storyId: number;
  score: number;
  kind: LinkKind;
  /** Similarity of the two stories, 0..1 (RelatedStory.reasons.similarity). */
  similarity: number;
}

/** A link as stored: a RelatedStory (or a link stored before v6, reasons included) without its reasons. */
export function storedLink(link: {
  storyId: number;
  score: number;
  kind: LinkKind;
  similarity?: number;
  reasons?: { similarity?: number };
}): StoredLink {
  const similarity = link.similarity ?? link.reasons?.similarity;
  return {
    storyId: link.storyId,
    score: link.score,
    kind: link.kind,
    similarity: typeof similarity === 'number' && Number.isFinite(similarity) ? similarity : link.score,
  };
}

/** Revisions kept per story. */
export const MAX_REVISIONS = 5;

/**
 * A person, organisation or place named in the reader's stories, for the search box (v3): its names as written
 * (aliases) and their words, multiEntry-indexed. Since v6 it also keeps its coverage — how many stories list it
 * in `entityKeys` and the earliest publication among them — kept in step by every write of stories, so the
 * context's "N stories since …" costs one read, not a read of every story naming it.
 */
export interface EntityRecord {
  /** The entity key ("person:kim jong un"), as in StoryRecord.entityKeys. */
  key: string;
  /** The name shown: the most recent spelling. */
  name: string;
  type: EntityType;
  /** Every spelling seen, bounded. */
  names: string[];
  /** Search words of the names. */
  words: string[];
  /** Stories listing the key in their `entityKeys` (v6; absent on records written before). */
  stories?: number;
  /** The earliest publishedTs among those of them with a publication date, and that date as written (v6). */
  sinceTs?: number | null;
  since?: string | null;
}

export interface TeaserRecord extends Teaser {
  id: number;
  /** Story whose page showed this teaser. */
  seenOnStoryId: number | null;
  seenOnUrl: string;
  seenTs: number;
}

/** Document frequency of a term over stored stories (for tf-idf). */
export interface TermStat {
  term: string;
  df: number;
}

/** The newest ids indexed under one entity key or term, ascending (lib/db/postings.ts). */
export interface PostingsRecord {
  /** 'e|' + entity key or 't|' + term. */
  key: string;
  /** Story ids (auto-increment keys, below 2^32), ascending. */
  ids: Uint32Array;
}

/**
 * A thread (long-running story) as linking sees it: the sum of its stories' unit tf-idf vectors. Written at
 * every ingest, merged by the healing pass (lib/threads.ts). Stories point to it by `threadId`.
 */
export interface ThreadRecord {
  /** The threadId of its stories ("th-<id of the first story>"). */
  id: string;
  /** Number of stories. */
  size: number;
  /** Term → summed weight, bounded (core/link/clusters.ts). */
  sum: Record<string, number>;
  /** Strongest terms of the sum, multiEntry-indexed: which threads might be the same story. */
  keys: string[];
  firstTs: number;
  lastTs: number;
  /** 1 when the thread changed since the healing pass last looked at it (indexed), else 0. */
  dirty: 0 | 1;
}

/** What each tab shows: persisted so a restarted service worker still knows it. */
export interface TabRecord {
  tabId: number;
  url: string;
  view: TabView['state'];
  storyId: number | null;
  message?: string;
  updatedTs: number;
  /** The feeds the page advertises (not indexed: no schema version), offered in the popup to follow. */
  feeds?: DiscoveredFeed[];
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

/**
 * A figure kept so that a woken worker need not run a slow query (v12). `name: 'stories'`: the number of stories,
 * stored by each ingest and deleted by every other write that changes it (lib/db/stories.ts createDocFreqCache).
 * Derived from the stories, never exported.
 */
export interface CountRecord {
  name: string;
  n: number;
}

/** A feed the reader follows (v4). Polled by alarms; its last result is shown on the options page. */
export interface FeedRecord {
  id?: number;
  /** The feed's own URL (http(s)). */
  url: string;
  title: string;
  siteUrl?: string;
  /** Minutes between polls. */
  intervalMin: number;
  /** When the next poll is due (indexed): the poller takes the due feeds, oldest first. */
  nextFetchTs: number;
  lastFetchTs?: number;
  /** Conditional request validators from the last 200 answer. */
  etag?: string;
  lastModified?: string;
  /** Consecutive failures, for backoff. */
  errorCount: number;
  /** What the last poll gave: "12 new items", "not modified", or the error, in words for the options page. */
  lastResult?: string;
  lastError?: string;
  addedTs: number;
}

/** A thread the reader follows (v4): a new story in it raises a notification. */
export interface FollowRecord {
  threadId: string;
  /** Title of the story it was followed from, to name it in notifications and on the options page. */
  title: string;
  followedTs: number;
  /** The newest story of the thread the reader has been told about. */
  lastNotifiedTs: number;
  /** When the last notification for this thread was raised (rate limit, lib/feeds/follows.ts). */
  lastNotificationTs?: number;
  /** Stories that joined the thread and were not told yet (at most a few ids; the count is what is shown). */
  pending?: number[];
  /** New stories not yet seen by the reader (the toolbar badge). */
  unseen?: number;
}

/** An encyclopedia summary for an entity, cached with an expiry (v4); only written once the reader turned cards on. */
export interface CardRecord {
  /** `${lang}:${entityKey}`, e.g. "en:person:kim jong un". */
  key: string;
  lang: string;
  entityKey: string;
  title: string;
  summary: string;
  /** The article's page (https), and an optional thumbnail (https). */
  url: string;
  imageUrl?: string;
  fetchedTs: number;
  /** After this the card is refreshed when online; it is still shown offline (indexed). */
  expiresTs: number;
}

const MAX_ENTITY_NAMES = 8;

/** The entity record after one more mention of `entity` (its name becomes the shown one and an alias). */
export function mergeEntity(
  record: EntityRecord | undefined,
  entity: Pick<ArticleEntity, 'key' | 'name' | 'type'>,
): EntityRecord {
  const coverage = record && {
    ...(record.stories !== undefined && { stories: record.stories }),
    ...(record.sinceTs !== undefined && { sinceTs: record.sinceTs }),
    ...(record.since !== undefined && { since: record.since }),
  };
  const names = [entity.name, ...(record?.names ?? []).filter((n) => n !== entity.name)].slice(
    0,
    MAX_ENTITY_NAMES,
  );
  return {
    key: entity.key,
    name: entity.name,
    type: entity.type,
    names,
    words: [
      ...new Set([
        ...names.flatMap(searchWords),
        ...searchWords(entity.key.slice(entity.key.indexOf(':') + 1)),
      ]),
    ],
    ...coverage,
  };
}

/** An entity's coverage: stories naming it and the earliest publication among them. */
export interface Coverage {
  stories: number;
  sinceTs: number | null;
  since: string | null;
}

/** Coverage counted from stories, one story at a time (the v6 upgrade, import, tests). */
export class CoverageCounter {
  readonly byKey = new Map<string, Coverage>();

  add(story: Pick<StoryRecord, 'entityKeys' | 'publishedTs' | 'publishedAt'>): void {
    const dated = typeof story.publishedAt === 'string' && story.publishedAt !== '';
    for (const key of new Set(Array.isArray(story.entityKeys) ? story.entityKeys : [])) {
      if (typeof key !== 'string') continue;
      const c = this.byKey.get(key) ?? { stories: 0, sinceTs: null, since: null };
      c.stories++;
      if (dated && (c.sinceTs === null || story.publishedTs < c.sinceTs)) {
        c.sinceTs = story.publishedTs;
        c.since = story.publishedAt;
      }
      this.byKey.set(key, c);
    }
  }

  /** `record` with the counted coverage (none counted: no story lists it). */
  apply<T extends EntityRecord>(record: T): T {
    const c = this.byKey.get(record.key);
    return { ...record, stories: c?.stories ?? 0, sinceTs: c?.sinceTs ?? null, since: c?.since ?? null };
  }
}

export class BackstoryDB extends Dexie {
  stories!: EntityTable<StoryRecord, 'id'>;
  teasers!: EntityTable<TeaserRecord, 'id'>;
  termStats!: EntityTable<TermStat, 'term'>;
  tabs!: EntityTable<TabRecord, 'tabId'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  threads!: EntityTable<ThreadRecord, 'id'>;
  entities!: EntityTable<EntityRecord, 'key'>;
  feeds!: EntityTable<FeedRecord, 'id'>;
  follows!: EntityTable<FollowRecord, 'threadId'>;
  cards!: EntityTable<CardRecord, 'key'>;
  postings!: EntityTable<PostingsRecord, 'key'>;
  counts!: EntityTable<CountRecord, 'name'>;
  /**
   * Counts the write requests on `stories` made through this connection, whoever makes them (ingest, retention,
   * import, wipe): a cache of figures derived from the stories (lib/db/stories.ts createDocFreqCache) knows from
   * it, without a query, that they may have changed. Counting the rows instead (`stories.count()`) walks the whole
   * store in IndexedDB: 12 ms at 4,000 stories in Chromium, read by every ingest.
   */
  storiesWrites = 0;
  /**
   * Told of every write request on `stories` made through this connection, as it is issued (before IndexedDB
   * runs it): a cache of what the stories hold (lib/db/candidate-cache.ts) drops what the write may change.
   */
  readonly storiesWriteListeners = new Set<(write: StoriesWrite) => void>();
  /** Writes to the derived tables held in memory for the length of a feed batch (lib/db/write-back.ts). */
  readonly writeBack = new WriteBack();

  constructor(name: string = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    // Version 1: stories, teasers, per-term document frequencies, tab state, settings.
    this.version(1).stores({
      stories: '++id, &url, publishedTs, *entityKeys, *terms, eventId, threadId, lastSeenTs',
      teasers: '++id, &url, seenOnStoryId, seenTs',
      termStats: '&term',
      tabs: '&tabId, storyId',
      settings: '&key',
    });
    // Version 2: thread centroids for linking and healing. Existing stories are summed into their threads.
    this.version(2)
      .stores({ threads: '&id, *keys, dirty' })
      .upgrade(async (tx) => {
        const threads = new ThreadSums();
        await tx.table('stories').each((s: StoryRecord) => threads.add(s));
        await tx.table('threads').bulkPut(threads.records());
      });
    // Version 3: search. Stories get their title words (indexed); entities get a table of names and words.
    this.version(3)
      .stores({
        stories: '++id, &url, publishedTs, *entityKeys, *terms, eventId, threadId, lastSeenTs, *titleWords',
        entities: '&key, *words',
      })
      .upgrade(async (tx) => {
        const entities = new Map<string, EntityRecord>();
        await tx
          .table('stories')
          .toCollection()
          .modify((s: StoryRecord) => {
            s.titleWords = titleWords(typeof s.title === 'string' ? s.title : '');
            for (const e of Array.isArray(s.entities) ? s.entities : []) {
              if (typeof e?.key === 'string' && typeof e.name === 'string') {
                entities.set(e.key, mergeEntity(entities.get(e.key), e));
              }
            }
          });
        await tx.table('entities').bulkPut([...entities.values()]);
      });
    // Version 4: feeds the reader follows, threads the reader follows, cached encyclopedia cards.
    this.version(4).stores({
      feeds: '++id, &url, nextFetchTs',
      follows: '&threadId',
      cards: '&key, entityKey, expiresTs',
    });
    // Version 5: stubs (feed items, headlines). Stories get a [source+lastSeenTs] index: retention finds old stubs
    // and the oldest read stories without reading every row. IndexedDB fills the new index from existing rows.
    this.version(5).stores({
      stories:
        '++id, &url, publishedTs, *entityKeys, *terms, eventId, threadId, lastSeenTs, *titleWords, [source+lastSeenTs]',
    });
    // Version 6: scale. Links are stored without their reasons (recomputed when shown), and entities keep their
    // coverage (stories naming them, earliest publication) so the context reads one record per entity.
    this.version(6)
      .stores({})
      .upgrade(async (tx) => {
        const coverage = new CoverageCounter();
        await tx
          .table('stories')
          .toCollection()
          .modify((s: StoryRecord) => {
            s.related = (Array.isArray(s.related) ? s.related : [])
              .filter((r) => typeof r?.storyId === 'number')
              .map((r) => storedLink({ ...r, kind: r.kind ?? 'related', score: Number(r.score) || 0 }));
            coverage.add(s);
          });
        await tx
          .table('entities')
          .toCollection()
          .modify((e: EntityRecord) => {
            Object.assign(e, coverage.apply(e));
          });
      });
    // Version 7: wire copies. Stories with a text get its fingerprint and their LSH band keys (indexed), so a
    // new story finds the same agency text republished elsewhere without comparing with every story.
    this.version(7)
      .stores({
        stories:
          '++id, &url, publishedTs, *entityKeys, *terms, eventId, threadId, lastSeenTs, *titleWords, [source+lastSeenTs], *wire',
      })
      .upgrade(async (tx) => {
        await tx
          .table('stories')
          .toCollection()
          .modify((s: StoryRecord) => {
            Object.assign(s, wireFields(typeof s.text === 'string' ? s.text : '', s.lang));
          });
      });
    // Version 8: the healing pass takes the smallest changed threads first. A [dirty+size] index hands them over in
    // that order: the smallest of all changed threads, where it took the first 1,000 by id and read them whole
    // (with their sums) to sort them (docs/measurements.md). `where('dirty')` still works (Dexie reads it from the
    // compound index). IndexedDB fills the new index from existing rows.
    this.version(8).stores({ threads: '&id, *keys, [dirty+size]' });
    // Version 9: "since you last read" reads only what it shows. [threadId+source] lists the stories of a thread the
    // reader opened, [threadId+firstSeenTs] those that arrived after a time; the context read the thread's newest
    // 200 stories whole for both, most of getContext's time at p95 (docs/measurements.md). IndexedDB fills the new
    // indexes from existing rows.
    this.version(9).stores({
      stories:
        '++id, &url, publishedTs, *entityKeys, *terms, eventId, threadId, lastSeenTs, *titleWords, [source+lastSeenTs], *wire, [threadId+source], [threadId+firstSeenTs]',
    });
    // Version 10: the candidate look-up's postings, one record per key with many stories (lib/db/postings.ts).
    // Empty at first: the look-up reads the index for a key without a record, and ingest builds the record.
    this.version(10).stores({ postings: '&key' });
    // Version 11: the thread's read stories in the order of their last visit. [threadId+source+lastSeenTs] (in place
    // of [threadId+source]) hands "since you last read" the newest visits before this one, a few records, where it
    // read up to 200 of the thread's read stories whole, texts included: the largest read of getContext's p95 at
    // 100,000 stories (docs/measurements.md). IndexedDB fills the new index from existing rows.
    this.version(11).stores({
      stories:
        '++id, &url, publishedTs, *entityKeys, *terms, eventId, threadId, lastSeenTs, *titleWords, [source+lastSeenTs], *wire, [threadId+source+lastSeenTs], [threadId+firstSeenTs]',
    });
    // Version 12: figures kept to skip slow queries at a worker's start (CountRecord). Counting the stories walks the
    // whole store: about 330 ms at 100,000 in Chromium, paid by a woken worker's first context or ingest
    // (docs/measurements.md). Empty at first: the first ingest after a count fills it.
    this.version(12).stores({ counts: '&name' });
    // Dexie's liveQuery machinery (the optimistic-update cache and the change observation behind liveQuery and
    // its cross-context 'storagemutated' events): nothing in Backstory queries live, and every write paid for
    // both (about 7% of ingest's main-thread time at scale, `SCALE_PROFILE=1 npm run bench -- scale`).
    this.unuse({ stack: 'dbcore', name: 'Cache' });
    this.unuse({ stack: 'dbcore', name: 'Observability' });
    this.use(this.writeBack.middleware);
    this.use({
      stack: 'dbcore',
      name: 'stories-writes',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          if (name !== 'stories') return table;
          return {
            ...table,
            mutate: (request) => {
              this.storiesWrites++;
              for (const listener of this.storiesWriteListeners) listener(request);
              return table.mutate(request);
            },
          };
        },
      }),
    });
  }
}

/** A story's wire-copy fields for its text: none for an empty or short text (a stub, a caption). */
export function wireFields(text: string, lang: string | null): Pick<StoryRecord, 'fingerprint' | 'wire'> {
  const fingerprint = text ? signature(text, lang ?? 'en') : null;
  return fingerprint ? { fingerprint, wire: bandKeys(fingerprint) } : {};
}
