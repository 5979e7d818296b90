/**
 * Thread centroids: a thread (the long-running story) is summarised by the sum of its stories' unit tf-idf
 * vectors, bounded to its strongest terms. New stories are compared with it, and threads that describe the
 * same story are merged by comparing their centroids (see lib/threads.ts). Pure functions on plain records.
 */
import { cosine, type Vector } from './similarity';

/** Terms kept per centroid. */
export const CENTROID_TERMS = 300;
/** Strongest terms of a centroid, indexed to find the threads that might be the same story. */
export const CENTROID_KEYS = 16;

/** Term → summed weight. Plain object: it is stored as is in IndexedDB. */
export type CentroidSum = Record<string, number>;

function bounded(entries: Iterable<[string, number]>, limit: number): CentroidSum {
  const list = [...entries].filter(([, w]) => w > 1e-6).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const out: CentroidSum = {};
  for (const [t, w] of list.slice(0, limit)) out[t] = Math.round(w * 1e5) / 1e5;
  return out;
}

/** The sum with one more story's unit vector in it. */
export function addToSum(sum: CentroidSum, v: Vector, limit = CENTROID_TERMS): CentroidSum {
  const next = new Map(Object.entries(sum));
  for (const [t, w] of v) next.set(t, (next.get(t) ?? 0) + w);
  return bounded(next, limit);
}

/** The sum of two centroids (two threads merged). */
export function mergeSums(a: CentroidSum, b: CentroidSum, limit = CENTROID_TERMS): CentroidSum {
  const next = new Map(Object.entries(a));
  for (const [t, w] of Object.entries(b)) next.set(t, (next.get(t) ?? 0) + w);
  return bounded(next, limit);
}

/** The centroid's direction as a unit vector. */
export function centroidVector(sum: CentroidSum): Vector {
  const v: Vector = new Map();
  let norm = 0;
  for (const [t, w] of Object.entries(sum)) {
    v.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

/** The terms to index a centroid by, strongest first. */
export function centroidKeys(sum: CentroidSum, n = CENTROID_KEYS): string[] {
  return Object.entries(sum)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([t]) => t);
}

export function centroidSimilarity(a: CentroidSum | Vector, b: CentroidSum | Vector): number {
  const va = a instanceof Map ? a : centroidVector(a);
  const vb = b instanceof Map ? b : centroidVector(b);
  return cosine(va, vb);
}
