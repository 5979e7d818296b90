/**
 * Thread records built from stored stories, for the schema upgrade that introduced them (and for tests). The
 * term weights are log-tf without idf: the upgrade has no document frequencies at hand; the sums are
 * refined as stories are added and threads merged.
 */
import { addToSum, type CentroidSum, centroidKeys } from '@/core/link/clusters';
import type { Vector } from '@/core/link/similarity';
import type { StoryRecord, ThreadRecord } from '@/lib/db/schema';

export function unitVector(counts: Record<string, number>): Vector {
  const v: Vector = new Map();
  let norm = 0;
  for (const [t, c] of Object.entries(counts)) {
    if (c <= 0) continue;
    const w = 1 + Math.log(c);
    v.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

export class ThreadSums {
  private readonly byId = new Map<
    string,
    { size: number; sum: CentroidSum; firstTs: number; lastTs: number }
  >();

  add(story: Pick<StoryRecord, 'threadId' | 'termCounts' | 'publishedTs'>): void {
    if (!story.threadId) return;
    const t = this.byId.get(story.threadId) ?? {
      size: 0,
      sum: {},
      firstTs: story.publishedTs,
      lastTs: story.publishedTs,
    };
    t.size++;
    t.sum = addToSum(t.sum, unitVector(story.termCounts));
    t.firstTs = Math.min(t.firstTs, story.publishedTs);
    t.lastTs = Math.max(t.lastTs, story.publishedTs);
    this.byId.set(story.threadId, t);
  }

  records(): ThreadRecord[] {
    return [...this.byId.entries()].map(([id, t]) => ({ id, ...t, keys: centroidKeys(t.sum), dirty: 1 }));
  }
}
