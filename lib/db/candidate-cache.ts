/**
 * What linking reads of a candidate story, kept in memory across ingests. Every ingest compares the new story with
 * up to 150 candidates, and reading them was its largest single cost at scale: about 45 µs per record in
 * Chromium's IndexedDB whatever its size, plus the record's own deserialisation (docs/measurements.md). Stories
 * that arrive together (a feed poll, an evening of reading) share their candidates, so most are read again and
 * again.
 *
 * The database stays the truth, and an entry is exact or absent:
 * - an entry holds the story's event, thread and link features, as a read of the story now would give them;
 * - every write request on `stories` made through the connection is heard (BackstoryDB's write middleware) before
 *   it reaches IndexedDB: a write of a cached story that changes any of these (a thread merge, a changed article,
 *   a delete) drops its entry, and one whose keys are not known (a range delete, a clear) drops every entry;
 *   a write that leaves them as they are (a reciprocal link added to the story's related list) keeps it, which
 *   is right whether that write commits or not;
 * - a read result is kept only when no write request on `stories` was issued while it was read, so a read can
 *   never put back what a write has just dropped;
 * - an ingest that fails resets the cache (a failed batch may have let its own uncommitted stories be read).
 *
 * Only the background's connection writes the store. Bounded in entries and in the terms they hold (least
 * recently read out first), so the worker's memory stays small; it lives as long as the worker.
 */
import type { LinkFeatures } from '@/core/link/similarity';
import type { BackstoryDB, StoriesWrite, StoryRecord } from '@/lib/db/schema';

/** A candidate as linking reads it. */
export interface CandidateRecord {
  id: number;
  eventId: string;
  threadId: string;
  features: LinkFeatures;
}

/** Entries kept at most. */
export const CANDIDATE_CACHE_ENTRIES = 5000;
/**
 * Terms and entity keys held at most, over all entries: what the cache's memory grows with (about 30 bytes each in
 * V8). A feed stub has about 16, a read article up to 230, so 5,000 stubs fit and about 650 articles do.
 */
export const CANDIDATE_CACHE_KEYS = 150_000;

export function entityCounts(entities: readonly { key: string; count: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entities) out[e.key] = (out[e.key] ?? 0) + e.count;
  return out;
}

/** A story's link features: its link terms, its entities' mention counts and its time. */
export function storyFeatures(s: Pick<StoryRecord, 'termCounts' | 'entities' | 'publishedTs'>): LinkFeatures {
  return { terms: s.termCounts, entities: entityCounts(s.entities), publishedTs: s.publishedTs };
}

export function candidateOf(s: StoryRecord): CandidateRecord {
  return { id: s.id, eventId: s.eventId, threadId: s.threadId, features: storyFeatures(s) };
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (b[k] !== a[k]) return false;
  return true;
}

/** Whether `value`, about to be written, reads as the cached entry. */
function unchanged(entry: CandidateRecord, value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<StoryRecord>;
  if (s.eventId !== entry.eventId || s.threadId !== entry.threadId) return false;
  if (s.publishedTs !== entry.features.publishedTs) return false;
  if (!s.termCounts || !Array.isArray(s.entities)) return false;
  return (
    sameCounts(s.termCounts, entry.features.terms) &&
    sameCounts(entityCounts(s.entities), entry.features.entities)
  );
}

export interface CandidateCache {
  /** The candidates of `ids` that exist, in the order of `ids`. Call inside a transaction on `stories`. */
  read(ids: readonly number[]): Promise<CandidateRecord[]>;
  /** Drops every entry. */
  reset(): void;
  /** Stops hearing the connection's writes (the cache is not used again). */
  dispose(): void;
  /** Reads answered from memory and from the database since the start, for the bench and the tests. */
  readonly stats: { hits: number; misses: number };
  readonly size: number;
  /** Terms and entity keys held over all entries (what its memory grows with). */
  readonly keys: number;
}

export function createCandidateCache(
  db: BackstoryDB,
  maxEntries: number = CANDIDATE_CACHE_ENTRIES,
  maxKeys: number = CANDIDATE_CACHE_KEYS,
): CandidateCache {
  /** Entry and its number of keys, least recently read first. */
  const map = new Map<number, { c: CandidateRecord; keys: number }>();
  let keysHeld = 0;
  const stats = { hits: 0, misses: 0 };

  const drop = (id: number) => {
    const e = map.get(id);
    if (!e) return;
    map.delete(id);
    keysHeld -= e.keys;
  };
  const clear = () => {
    map.clear();
    keysHeld = 0;
  };

  const onWrite = (write: StoriesWrite) => {
    if (!map.size) return;
    if (write.type === 'deleteRange') {
      clear();
      return;
    }
    if (write.type === 'delete') {
      for (const k of write.keys) drop(k as number);
      return;
    }
    if (write.type === 'put' && write.updates) {
      for (const k of write.updates.keys) drop(k as number);
    }
    const values = write.values ?? [];
    values.forEach((value, i) => {
      const key = (write.keys?.[i] ?? (value as { id?: unknown } | null)?.id) as number | undefined;
      if (key === undefined) {
        // A new story (its id not yet given) is in no entry; any other write of unknown key drops them all.
        if (write.type !== 'add') clear();
        return;
      }
      const entry = map.get(key);
      if (entry && !unchanged(entry.c, value)) drop(key);
    });
    if (write.type === 'put' && !values.length && !write.updates) clear();
  };
  db.storiesWriteListeners.add(onWrite);

  function remember(c: CandidateRecord): void {
    drop(c.id);
    const keys = Object.keys(c.features.terms).length + Object.keys(c.features.entities).length;
    if (keys > maxKeys) return;
    map.set(c.id, { c, keys });
    keysHeld += keys;
    for (const id of map.keys()) {
      if (map.size <= maxEntries && keysHeld <= maxKeys) break;
      drop(id);
    }
  }

  async function read(ids: readonly number[]): Promise<CandidateRecord[]> {
    const out: (CandidateRecord | undefined)[] = new Array(ids.length);
    const missing: number[] = [];
    ids.forEach((id, i) => {
      const hit = map.get(id);
      if (hit) {
        map.delete(id);
        map.set(id, hit);
        out[i] = hit.c;
      } else missing.push(i);
    });
    stats.hits += ids.length - missing.length;
    stats.misses += missing.length;
    if (missing.length) {
      const writesBefore = db.storiesWrites;
      const rows = await db.stories.bulkGet(missing.map((i) => ids[i]!));
      // Kept only when nothing on `stories` was written meanwhile (a write may have dropped what this read saw).
      const keep = maxEntries > 0 && db.storiesWrites === writesBefore;
      rows.forEach((row, j) => {
        if (!row) return;
        const c = candidateOf(row);
        out[missing[j]!] = c;
        if (keep) remember(c);
      });
    }
    return out.filter((c): c is CandidateRecord => !!c);
  }

  return {
    read,
    reset: clear,
    dispose: () => {
      db.storiesWriteListeners.delete(onWrite);
      clear();
    },
    stats,
    get size() {
      return map.size;
    },
    get keys() {
      return keysHeld;
    },
  };
}
