/** Queries over stored stories. Every function takes the database as a parameter. */
import type { BackstoryDB, StoryRecord, TermStat } from '@/lib/db/schema';
import type { DocFreq } from '@/core/link/similarity';

export async function findStoryByUrl(db: BackstoryDB, urls: readonly string[]): Promise<StoryRecord | undefined> {
  for (const url of urls) {
    const hit = await db.stories.where('url').equals(url).first();
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Candidate stories for linking, found through the multiEntry indexes: stories sharing an entity key or a
 * salient term, ranked by how many they share. Never a scan of the whole store.
 */
export async function findCandidateIds(
  db: BackstoryDB,
  entityKeys: readonly string[],
  terms: readonly string[],
  options: { exclude?: number; limit?: number } = {},
): Promise<number[]> {
  const hits = new Map<number, number>();
  const count = (ids: number[], weight: number) => {
    for (const id of ids) if (id !== options.exclude) hits.set(id, (hits.get(id) ?? 0) + weight);
  };
  if (entityKeys.length) {
    // One query per key so that a story sharing three entities counts three times.
    for (const key of entityKeys) count(await db.stories.where('entityKeys').equals(key).primaryKeys(), 2);
  }
  for (const term of terms) count(await db.stories.where('terms').equals(term).primaryKeys(), 1);
  return [...hits.entries()]
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .slice(0, options.limit ?? 300)
    .map(([id]) => id);
}

/** Adds +1 (or -1) to the document frequency of each term. Call inside a rw transaction on termStats. */
export async function bumpDocFreq(db: BackstoryDB, terms: readonly string[], delta: 1 | -1): Promise<void> {
  if (!terms.length) return;
  const current = await db.termStats.bulkGet([...terms]);
  const next: TermStat[] = terms.map((term, i) => ({ term, df: Math.max(0, (current[i]?.df ?? 0) + delta) }));
  await db.termStats.bulkPut(next);
}

/**
 * Document frequencies read through a memory cache: linking needs those of every candidate's terms at every
 * ingest. The database stays the truth; the cache is dropped whenever the number of stories is not the one it
 * last saw (stories cleared or added by another writer), and kept in step by `applied` after each ingest.
 */
export function createDocFreqCache(db: BackstoryDB, maxEntries = 200_000) {
  const map = new Map<string, number>();
  let size = -1;

  async function load(terms: Iterable<string>): Promise<DocFreq> {
    const n = await db.stories.count();
    if (n !== size || map.size > maxEntries) {
      map.clear();
      size = n;
    }
    const missing = [...new Set(terms)].filter((t) => !map.has(t));
    if (missing.length) {
      const stats = await db.termStats.bulkGet(missing);
      missing.forEach((t, i) => {
        map.set(t, stats[i]?.df ?? 0);
      });
    }
    return { size: n, df: (t) => map.get(t) ?? 0 };
  }

  /** After a committed ingest: the new number of stories and the terms whose frequency moved. */
  function applied(newSize: number, changes: readonly [terms: readonly string[], delta: 1 | -1][]): void {
    if (size < 0) return;
    for (const [terms, delta] of changes) {
      for (const t of terms) {
        const df = map.get(t);
        if (df !== undefined) map.set(t, Math.max(0, df + delta));
      }
    }
    size = newSize;
  }

  function reset(): void {
    map.clear();
    size = -1;
  }

  return { load, applied, reset };
}

/** How many of the reader's stories mention an entity, and the earliest publication among them. */
export interface EntityCoverage {
  count: number;
  /** publishedAt (as written) of the earliest such story, or null when none has a date. */
  since: string | null;
}

/** Stories read to find the earliest publication, in all (the counts stay exact beyond it). */
const MAX_COVERAGE_READS = 1000;
const COVERAGE_CHUNK = 100;

/**
 * For each entity key: how many stored stories mention it and since when, through the `*entityKeys`
 * multiEntry index (one index query per key, then the matching stories read in chunks). Never a scan.
 */
export async function entityCoverage(
  db: BackstoryDB,
  keys: readonly string[],
): Promise<Map<string, EntityCoverage>> {
  const idsByKey = new Map<string, number[]>();
  for (const key of new Set(keys)) {
    idsByKey.set(key, (await db.stories.where('entityKeys').equals(key).primaryKeys()) as number[]);
  }
  const ids = [...new Set([...idsByKey.values()].flat())].sort((a, b) => a - b).slice(0, MAX_COVERAGE_READS);
  const published = new Map<number, { ts: number; at: string | null }>();
  for (let i = 0; i < ids.length; i += COVERAGE_CHUNK) {
    const chunk = await db.stories.bulkGet(ids.slice(i, i + COVERAGE_CHUNK));
    for (const s of chunk) if (s) published.set(s.id, { ts: s.publishedTs, at: s.publishedAt });
  }
  const out = new Map<string, EntityCoverage>();
  for (const [key, list] of idsByKey) {
    let best: { ts: number; at: string | null } | undefined;
    for (const id of list) {
      const p = published.get(id);
      if (p?.at && (!best || p.ts < best.ts)) best = p;
    }
    out.set(key, { count: list.length, since: best?.at ?? null });
  }
  return out;
}
