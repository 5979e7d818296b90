/** Queries over stored stories. Every function takes the database as a parameter. */
import type { DocFreq } from '@/core/link/similarity';
import { MAX_POSTINGS, readPostings } from '@/lib/db/postings';
import type { BackstoryDB, EntityRecord, StoryRecord, TermStat } from '@/lib/db/schema';

/** The story stored under the first of `urls` that is known (one index query for all of them). */
export async function findStoryByUrl(
  db: BackstoryDB,
  urls: readonly string[],
): Promise<StoryRecord | undefined> {
  if (!urls.length) return undefined;
  const hits = await db.stories
    .where('url')
    .anyOf([...urls])
    .toArray();
  for (const url of urls) {
    const hit = hits.find((s) => s.url === url);
    if (hit) return hit;
  }
  return undefined;
}

export interface Candidates {
  /** Story ids, the most keys shared first. */
  ids: number[];
  /** Record keys the look-up read from the index that deserve a postings record (see readPostings). */
  worthCaching: string[];
}

/**
 * Candidate stories for linking: stories sharing an entity key or a salient term, ranked by how many they share
 * (an entity counts twice), through the postings records and the multiEntry indexes (lib/db/postings.ts). Never
 * a scan of the whole store.
 */
export async function findCandidateIds(
  db: BackstoryDB,
  entityKeys: readonly string[],
  terms: readonly string[],
  options: { exclude?: number; limit?: number; maxPostings?: number } = {},
): Promise<Candidates> {
  const hits = new Map<number, number>();
  // One list per key so that a story sharing three entities counts three times.
  const { lists, worthCaching } = await readPostings(
    db,
    [...entityKeys.map((k) => ['entityKeys', k] as const), ...terms.map((t) => ['terms', t] as const)],
    options.maxPostings ?? MAX_POSTINGS,
  );
  lists.forEach((ids, i) => {
    const weight = i < entityKeys.length ? 2 : 1;
    for (const id of ids) if (id !== options.exclude) hits.set(id, (hits.get(id) ?? 0) + weight);
  });
  const ids = [...hits.entries()]
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .slice(0, options.limit ?? 300)
    .map(([id]) => id);
  return { ids, worthCaching };
}

/** Adds +1 (or -1) to the document frequency of each term. Call inside a rw transaction on termStats. */
export async function bumpDocFreq(db: BackstoryDB, terms: readonly string[], delta: 1 | -1): Promise<void> {
  if (!terms.length) return;
  const current = await db.termStats.bulkGet([...terms]);
  const next: TermStat[] = terms.map((term, i) => ({ term, df: Math.max(0, (current[i]?.df ?? 0) + delta) }));
  await db.termStats.bulkPut(next);
}

/** The `db.counts` row of the number of stories (CountRecord). */
export const STORIES_COUNT = 'stories';

/**
 * Document frequencies read through a memory cache: linking needs those of every candidate's terms at every
 * ingest. The database stays the truth. The number of stories is read once, then kept by `applied` after each
 * ingest; the cache is dropped and the stories counted afresh whenever `stories` was written through the
 * connection other than by the ingests it was told of (retention, import, wipe: `db.storiesWrites`), and
 * every RECOUNT_EVERY loads in any case (a writer in another context).
 *
 * A new cache (a woken worker) reads the number from `db.counts` (which must then be in the transaction's scope)
 * rather than count: counting walks the whole store, about 330 ms at 100,000 stories in Chromium, and holds up
 * every other request to the database meanwhile. The stored number is right by construction: ingest counts on
 * from it in the transaction that adds the story (from the number it read when there is none); retention and
 * import delete it in theirs and the wipe clears it, so a cache that finds none counts.
 */
export function createDocFreqCache(db: BackstoryDB, maxEntries = 200_000) {
  const RECOUNT_EVERY = 1000;
  const map = new Map<string, number>();
  let size = -1;
  /** db.storiesWrites when `size` was last known right. */
  let writesSeen = -1;
  let loads = 0;

  async function load(terms: Iterable<string>): Promise<DocFreq> {
    if (size < 0 || db.storiesWrites !== writesSeen || ++loads >= RECOUNT_EVERY || map.size > maxEntries) {
      const stored = size < 0 ? await db.counts.get(STORIES_COUNT) : undefined;
      const n = stored?.n ?? (await db.stories.count());
      if (n !== size || map.size > maxEntries || db.storiesWrites !== writesSeen) map.clear();
      size = n;
      writesSeen = db.storiesWrites;
      loads = 0;
    }
    const missing = [...new Set(terms)].filter((t) => !map.has(t));
    if (missing.length) {
      const stats = await db.termStats.bulkGet(missing);
      missing.forEach((t, i) => {
        map.set(t, stats[i]?.df ?? 0);
      });
    }
    return { size, df: (t) => map.get(t) ?? 0 };
  }

  /**
   * After a committed ingest: the new number of stories and the terms whose frequency moved. The writes to
   * `stories` made so far are taken as that ingest's own.
   */
  function applied(newSize: number, changes: readonly [terms: readonly string[], delta: 1 | -1][]): void {
    if (size < 0) return;
    for (const [terms, delta] of changes) {
      for (const t of terms) {
        const df = map.get(t);
        if (df !== undefined) map.set(t, Math.max(0, df + delta));
      }
    }
    size = newSize;
    writesSeen = db.storiesWrites;
  }

  function reset(): void {
    map.clear();
    size = -1;
    writesSeen = -1;
  }

  return { load, applied, reset };
}

/** How many of the reader's stories mention an entity, and the earliest publication among them. */
export interface EntityCoverage {
  count: number;
  /** publishedAt (as written) of the earliest such story, or null when none has a date. */
  since: string | null;
}

/** Stories read to find the earliest publication of one entity when it is counted afresh. */
const MAX_COVERAGE_READS = 1000;
const COVERAGE_CHUNK = 200;

/**
 * For each entity key: how many stored stories list it and since when, from its entity record (v6 keeps the
 * coverage there, in step with every write of stories): one read for all keys. A key without a record (or a
 * record from before v6 that was never counted) is counted through the `*entityKeys` index.
 */
export async function entityCoverage(
  db: BackstoryDB,
  keys: readonly string[],
): Promise<Map<string, EntityCoverage>> {
  const unique = [...new Set(keys)];
  const records = await db.entities.bulkGet(unique);
  const out = new Map<string, EntityCoverage>();
  const missing: string[] = [];
  unique.forEach((key, i) => {
    const r = records[i];
    if (r && typeof r.stories === 'number') out.set(key, { count: r.stories, since: r.since ?? null });
    else missing.push(key);
  });
  for (const [key, c] of await countCoverage(db, missing)) {
    out.set(key, { count: c.stories, since: c.since });
  }
  return out;
}

/**
 * Coverage counted from the stories through the `*entityKeys` index (the count exact; the earliest date
 * among the first MAX_COVERAGE_READS stories by id).
 */
export async function countCoverage(
  db: BackstoryDB,
  keys: readonly string[],
): Promise<Map<string, { stories: number; sinceTs: number | null; since: string | null }>> {
  const out = new Map<string, { stories: number; sinceTs: number | null; since: string | null }>();
  if (!keys.length) return out;
  const lists = await Promise.all(
    keys.map((k) => db.stories.where('entityKeys').equals(k).primaryKeys() as Promise<number[]>),
  );
  const ids = [...new Set(lists.flatMap((l) => l.slice(0, MAX_COVERAGE_READS)))];
  const published = new Map<number, { ts: number; at: string | null }>();
  const chunks: number[][] = [];
  for (let i = 0; i < ids.length; i += COVERAGE_CHUNK) chunks.push(ids.slice(i, i + COVERAGE_CHUNK));
  for (const chunk of await Promise.all(chunks.map((c) => db.stories.bulkGet(c)))) {
    for (const s of chunk) if (s) published.set(s.id, { ts: s.publishedTs, at: s.publishedAt });
  }
  keys.forEach((key, i) => {
    let best: { ts: number; at: string | null } | undefined;
    for (const id of lists[i]!) {
      const p = published.get(id);
      if (p?.at && (!best || p.ts < best.ts)) best = p;
    }
    out.set(key, { stories: lists[i]!.length, sinceTs: best?.ts ?? null, since: best?.at ?? null });
  });
  return out;
}

type Dated = Pick<StoryRecord, 'entityKeys' | 'publishedTs' | 'publishedAt'>;

/**
 * Entity records with their coverage moved from the stories in `removed` to those in `added` (the same story
 * before and after a change, a new story, deleted stories). Call inside a rw transaction on stories and
 * entities, after the stories themselves were written: a key whose earliest story was removed is counted
 * afresh from the index. `known` are records already read (or about to be written) in the transaction.
 */
export async function moveCoverage(
  db: BackstoryDB,
  removed: readonly Dated[],
  added: readonly Dated[],
  known: Map<string, EntityRecord> = new Map(),
): Promise<EntityRecord[]> {
  const delta = new Map<string, number>();
  for (const s of removed) for (const k of new Set(s.entityKeys ?? [])) delta.set(k, (delta.get(k) ?? 0) - 1);
  for (const s of added) for (const k of new Set(s.entityKeys ?? [])) delta.set(k, (delta.get(k) ?? 0) + 1);
  const touched = [...new Set([...removed, ...added].flatMap((s) => s.entityKeys ?? []))];
  const unknown = touched.filter((k) => !known.has(k));
  if (unknown.length) {
    const rows = await db.entities.bulkGet(unknown);
    unknown.forEach((k, i) => {
      const r = rows[i];
      if (r) known.set(k, r);
    });
  }
  const recount: string[] = [];
  const out = new Map<string, EntityRecord>();
  for (const key of touched) {
    const r = known.get(key);
    if (!r) continue;
    if (typeof r.stories !== 'number') {
      recount.push(key);
      continue;
    }
    let { sinceTs = null, since = null } = r;
    const lost = removed.some(
      (s) => s.entityKeys?.includes(key) && s.publishedAt && sinceTs !== null && s.publishedTs <= sinceTs,
    );
    if (lost) {
      recount.push(key);
      continue;
    }
    for (const s of added) {
      if (s.publishedAt && s.entityKeys?.includes(key) && (sinceTs === null || s.publishedTs < sinceTs)) {
        sinceTs = s.publishedTs;
        since = s.publishedAt;
      }
    }
    out.set(key, { ...r, stories: Math.max(0, r.stories + (delta.get(key) ?? 0)), sinceTs, since });
  }
  for (const [key, c] of await countCoverage(db, recount)) {
    const r = known.get(key)!;
    out.set(key, { ...r, ...c });
  }
  for (const r of out.values()) known.set(r.key, r);
  return [...out.values()];
}
