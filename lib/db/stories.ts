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

/** Document frequencies for the given terms, read once. */
export async function loadDocFreq(db: BackstoryDB, terms: Iterable<string>): Promise<DocFreq> {
  const list = [...new Set(terms)];
  const [size, stats] = await Promise.all([db.stories.count(), db.termStats.bulkGet(list)]);
  const map = new Map<string, number>();
  stats.forEach((s, i) => {
    if (s) map.set(list[i]!, s.df);
  });
  return { size, df: (t) => map.get(t) ?? 0 };
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
