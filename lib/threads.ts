/**
 * Threads in IndexedDB: the centroid of each thread (updated at every ingest) and the healing pass that
 * merges threads describing the same long-running story. Ingest decides alone and in order, so one story
 * often starts several threads (a day's coverage before the vocabulary settles); healing compares whole
 * threads, whose centroids are steadier than single stories.
 *
 * The extension runs `healThreads(db)` in idle time, e.g. from an alarm in the background worker:
 *
 *   browser.alarms.create('backstory-heal', { periodInMinutes: 15 });
 *   browser.alarms.onAlarm.addListener((a) => { if (a.name === 'backstory-heal') void healThreads(db); });
 *
 * It only looks at threads changed since it last ran (the indexed `dirty` flag), works in bounded steps
 * (`maxThreads` and `budgetMs` per call; call again while `done` is false) and keeps everything in the database, so a
 * restarted service worker simply carries on. The CLI runs it once after ingesting a corpus.
 */

import { Dexie } from 'dexie';
import {
  addToSum,
  type CentroidSum,
  centroidKeys,
  centroidSimilarity,
  centroidVector,
  mergeSums,
} from '@/core/link/clusters';
import { type CandidateThread, DEFAULT_LINK_PARAMS, type LinkParams } from '@/core/link/link-story';
import type { Vector } from '@/core/link/similarity';
import type { BackstoryDB, ThreadRecord } from '@/lib/db/schema';

/** Changed threads listed at a time by the healing pass (the smallest of all changed threads, by the index). */
const HEAL_CHUNK = 1000;
/**
 * One step of the idle-time healing (lib/background/maintenance.ts): at most this many threads, for at most
 * HEAL_STEP_MS. At 4,750 generated stories a thread takes about 30 ms to examine, so 200 threads were a 5 s step,
 * and a page the reader opened meanwhile waited for it (`npm run bench -- scale` times the steps).
 */
export const HEAL_STEP = 200;
export const HEAL_STEP_MS = 300;
/** Threads compared with each thread during healing (those sharing the most indexed keys). */
const HEAL_CANDIDATES = 40;
/** Threads this small may be adopted by the thread their stories' closest related stories belong to. */
const ADOPT_MAX_SIZE = 3;
/** Related stories per member that vote, and the share of the votes the adopting thread needs. */
const ADOPT_VOTERS = 5;
const ADOPT_SHARE = 0.6;

/** Candidate threads for a new story: the centroids of the given thread ids, as unit vectors. */
export async function loadThreadVectors(db: BackstoryDB, ids: readonly string[]): Promise<CandidateThread[]> {
  const rows = await db.threads.bulkGet([...new Set(ids)]);
  return rows.filter((r): r is ThreadRecord => !!r).map((r) => ({ id: r.id, vector: centroidVector(r.sum) }));
}

/** Adds a story's unit vector to its thread (creating the thread). Call inside a rw transaction on threads. */
export async function addToThread(
  db: BackstoryDB,
  threadId: string,
  vector: Vector,
  ts: number,
): Promise<void> {
  const t = await db.threads.get(threadId);
  const sum = addToSum(t?.sum ?? {}, vector);
  await db.threads.put({
    id: threadId,
    size: (t?.size ?? 0) + 1,
    sum,
    keys: centroidKeys(sum),
    firstTs: Math.min(t?.firstTs ?? ts, ts),
    lastTs: Math.max(t?.lastTs ?? ts, ts),
    dirty: 1,
  });
}

/** Takes a story's unit vector out of its thread (the story moved or was re-linked). Inside a rw transaction. */
export async function removeFromThread(db: BackstoryDB, threadId: string, vector: Vector): Promise<void> {
  const t = await db.threads.get(threadId);
  if (!t) return;
  if (t.size <= 1) {
    await db.threads.delete(threadId);
    return;
  }
  const sum = addToSum(t.sum, new Map([...vector].map(([k, w]) => [k, -w])));
  await db.threads.put({ ...t, size: t.size - 1, sum, keys: centroidKeys(sum), dirty: 1 });
}

/** Moves every story of thread `from` to thread `into` and sums the centroids. */
async function mergeThreads(db: BackstoryDB, from: ThreadRecord, into: ThreadRecord): Promise<ThreadRecord> {
  const sum: CentroidSum = mergeSums(into.sum, from.sum);
  const merged: ThreadRecord = {
    id: into.id,
    size: into.size + from.size,
    sum,
    keys: centroidKeys(sum),
    firstTs: Math.min(into.firstTs, from.firstTs),
    lastTs: Math.max(into.lastTs, from.lastTs),
    dirty: 1,
  };
  await db.transaction('rw', [db.stories, db.threads, db.follows], async () => {
    await db.stories.where('threadId').equals(from.id).modify({ threadId: into.id });
    await db.threads.delete(from.id);
    await db.threads.put(merged);
    // A followed thread stays followed under the surviving id (the earlier follow and its counts win).
    const follow = await db.follows.get(from.id);
    if (follow) {
      await db.follows.delete(from.id);
      const kept = await db.follows.get(into.id);
      await db.follows.put(
        kept
          ? {
              ...kept,
              followedTs: Math.min(kept.followedTs, follow.followedTs),
              lastNotifiedTs: Math.max(kept.lastNotifiedTs, follow.lastNotifiedTs),
              pending: [...new Set([...(kept.pending ?? []), ...(follow.pending ?? [])])].slice(0, 20),
              unseen: (kept.unseen ?? 0) + (follow.unseen ?? 0),
            }
          : { ...follow, threadId: into.id },
      );
    }
  });
  return merged;
}

/**
 * A small thread (often one story whose words matched no centroid well enough) goes where its stories'
 * closest related stories are: the thread holding most of their top related stories, by similarity, when it
 * holds at least ADOPT_SHARE of them and is not smaller.
 */
async function adopter(db: BackstoryDB, t: ThreadRecord, params: LinkParams): Promise<ThreadRecord | null> {
  const members = await db.stories.where('threadId').equals(t.id).toArray();
  const links = members.flatMap((m) =>
    m.related.filter((r) => r.similarity >= params.relatedScore).slice(0, ADOPT_VOTERS),
  );
  if (!links.length) return null;
  const others = await db.stories.bulkGet(links.map((r) => r.storyId));
  const votes = new Map<string, number>();
  let total = 0;
  links.forEach((r, i) => {
    const o = others[i];
    if (!o) return;
    total += r.similarity;
    if (o.threadId === t.id) return;
    votes.set(o.threadId, (votes.get(o.threadId) ?? 0) + r.similarity);
  });
  const [bestId, vote] = [...votes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [];
  if (!bestId || !vote || vote < ADOPT_SHARE * total) return null;
  const best = await db.threads.get(bestId);
  return best && best.size >= t.size ? best : null;
}

export interface HealResult {
  /** Threads looked at. */
  examined: number;
  /** Threads merged into another. */
  merged: number;
  /** False when changed threads remain (call again). */
  done: boolean;
}

/**
 * Merges threads whose centroids are at least `params.threadMerge` alike, smallest threads first, each
 * into the closest one. Candidates come from the `keys` index, never a scan of all threads.
 */
export async function healThreads(
  db: BackstoryDB,
  options: {
    params?: LinkParams;
    maxThreads?: number;
    /**
     * Stop after this many milliseconds (checked before each thread; `done` is then false). The worker reads
     * pages in the same thread and database, so a step must stay short whatever the store's size.
     */
    budgetMs?: number;
    /** The clock for `budgetMs` (tests). */
    now?: () => number;
    /** Called for each merge (for debugging and measurement). */
    onMerge?: (from: ThreadRecord, into: ThreadRecord, by: 'centroid' | 'votes', similarity: number) => void;
  } = {},
): Promise<HealResult> {
  const params = options.params ?? DEFAULT_LINK_PARAMS;
  const budget = options.maxThreads ?? Number.POSITIVE_INFINITY;
  const now = options.now ?? (() => performance.now());
  const deadline = options.budgetMs === undefined ? Number.POSITIVE_INFINITY : now() + options.budgetMs;
  let examined = 0;
  let merged = 0;
  for (;;) {
    // The smallest changed threads first (ties by id), in the order of the [dirty+size] index: no record is read
    // to sort them.
    const dirty = await db.threads
      .where('[dirty+size]')
      .between([1, Dexie.minKey], [1, Dexie.maxKey])
      .limit(HEAL_CHUNK)
      .primaryKeys();
    if (!dirty.length) return { examined, merged, done: true };
    for (const id of dirty) {
      if (examined >= budget || now() >= deadline) return { examined, merged, done: false };
      const t = await db.threads.get(id);
      if (!t?.dirty) continue; // merged away or already looked at in this round
      examined++;
      // The thread's key look-ups in one read transaction: one after another, each in a transaction of its own,
      // they took 7.3 ms per thread at 5,000 stories; together 2.9 ms (docs/measurements.md).
      const shared = new Map<string, number>();
      const lists = await db.transaction('r', db.threads, () =>
        Promise.all(t.keys.map((key) => db.threads.where('keys').equals(key).primaryKeys())),
      );
      for (const list of lists) {
        for (const id of list) {
          if (id !== t.id) shared.set(id, (shared.get(id) ?? 0) + 1);
        }
      }
      const ids = [...shared.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, HEAL_CANDIDATES)
        .map(([id]) => id);
      const others = (await db.threads.bulkGet(ids)).filter((o): o is ThreadRecord => !!o);
      const v = centroidVector(t.sum);
      let best: ThreadRecord | null = null;
      let bestSim = params.threadMerge;
      for (const o of others) {
        const sim = centroidSimilarity(v, centroidVector(o.sum));
        const large = Math.min(t.size, o.size) >= params.largeThread;
        if (sim >= bestSim && (!large || sim >= params.threadMergeLarge)) {
          bestSim = sim;
          best = o;
        }
      }
      if (best && (await db.stories.where('threadId').equals(best.id).limit(1).count()) === 0) {
        await db.threads.delete(best.id); // left over from cleared stories
        best = null;
      }
      let by: 'centroid' | 'votes' = 'centroid';
      if (!best && t.size <= ADOPT_MAX_SIZE) {
        best = await adopter(db, t, params);
        by = 'votes';
      }
      if (best) {
        const [from, into] = t.size > best.size ? [best, t] : [t, best];
        options.onMerge?.(from, into, by, centroidSimilarity(v, centroidVector(best.sum)));
        await mergeThreads(db, from, into);
        merged++;
      } else {
        await db.threads.update(t.id, { dirty: 0 });
      }
    }
  }
}
