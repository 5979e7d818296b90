/**
 * The one Dexie schema module. Every version stays declared, in order; a new version only adds a
 * `.version(n).stores(...)` (and an `.upgrade()` when existing rows must change).
 */
import { Dexie, type EntityTable } from 'dexie';
import type {
  ArticleEntity,
  DatedSentence,
  EntityType,
  RelatedStory,
  SentenceRef,
  StoryRevision,
  TabView,
  Teaser,
} from '@/core/model';
import { searchWords, titleWords } from '@/core/search/search-words';
import { ThreadSums } from '@/lib/thread-sums';

export const DB_NAME = 'backstory';

/**
 * Where a story came from: opened by the reader ('visit'), an export file ('import'), or a stub (v5) made from a
 * feed item ('feed') or a headline link seen on a page ('teaser'): title, link, date and summary, no full text.
 */
export type StorySource = 'visit' | 'import' | 'feed' | 'teaser';

/** Stubs: stories known from a headline, not read. */
export const STUB_SOURCES = ['feed', 'teaser'] as const satisfies readonly StorySource[];
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
  related: RelatedStory[];
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
}

/** Revisions kept per story. */
export const MAX_REVISIONS = 5;

/**
 * A person, organisation or place named in the reader's stories, for the search box (v3): its names as written
 * (aliases) and their words, multiEntry-indexed. How many stories mention it comes from `stories.*entityKeys`.
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
}

export interface SettingRecord {
  key: string;
  value: unknown;
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
  };
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
  }
}
