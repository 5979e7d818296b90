/**
 * Links a new story to stories already cached: ranks candidates, says which are the same event (same
 * happening, days apart) and which the same thread (the long-running story), and explains each link.
 *
 * Events: the story joins the event whose members published within `eventDays` it resembles most on average
 * (at least `eventScore`). Threads: a story that joins an event takes the event's thread; otherwise
 * it joins the thread whose centroid it is closest to (at least `threadScore`), or starts a new one. Threads
 * split by chance are merged later by comparing centroids (lib/threads.ts, `threadMerge`).
 *
 * Ranking: similarity, discounted for stories far apart in time (never within `timePlateauDays`, so stories
 * of one day are told apart by their words alone), plus a bonus for the same event and for the same thread.
 */
import type { LinkKind, RelatedStory } from '@/core/model';
import {
  cosine,
  type PairScore,
  reasonsOf,
  scorePair,
  type Vector,
  type WeightedFeatures,
} from './similarity';

export interface CandidateStory {
  id: number;
  eventId: string;
  threadId: string;
  features: WeightedFeatures;
}

/** A thread the new story might join: its centroid as a unit vector. */
export interface CandidateThread {
  id: string;
  vector: Vector;
}

export interface LinkParams {
  /** Minimum similarity to the closest member for "same event". */
  eventScore: number;
  /** Maximum days apart for "same event". */
  eventDays: number;
  /** Minimum similarity to a thread's centroid to join the thread. */
  threadScore: number;
  /** Minimum similarity of two thread centroids for merging the threads. */
  threadMerge: number;
  /**
   * The same when both threads are already large (`largeThread` stories or more): two settled threads are
   * two stories unless their centroids are close. Fragments join at `threadMerge`.
   */
  threadMergeLarge: number;
  largeThread: number;
  /** Minimum similarity to be listed as related at all. */
  relatedScore: number;
  /** Length of the related list. */
  maxRelated: number;
  /** Share of the ranking score that decays with the time between two stories (0 = time is ignored). */
  timeWeight: number;
  /** Days apart that cost nothing. */
  timePlateauDays: number;
  /** Beyond the plateau, the decaying share falls by 1/e every this many days. */
  timeScaleDays: number;
  /** Added to the ranking score of a story of the same event. */
  eventBonus: number;
  /** Added to the ranking score of a story of the same thread. */
  threadBonus: number;
}

export const DEFAULT_LINK_PARAMS: LinkParams = {
  eventScore: 0.15,
  eventDays: 2,
  threadScore: 0.12,
  threadMerge: 0.12,
  threadMergeLarge: 0.25,
  largeThread: 10,
  relatedScore: 0.03,
  maxRelated: 20,
  timeWeight: 0.85,
  timePlateauDays: 1,
  timeScaleDays: 1,
  eventBonus: 0.1,
  threadBonus: 0.05,
};

export interface LinkDecision {
  related: RelatedStory[];
  /** The event to join (the best "same event" candidate's), or null for a new event. */
  eventId: string | null;
  /** The thread to join, or null for a new thread. */
  threadId: string | null;
}

export function timeFactor(daysApart: number | null, params: LinkParams = DEFAULT_LINK_PARAMS): number {
  const days = daysApart ?? 365;
  const over = Math.max(0, days - params.timePlateauDays);
  return 1 - params.timeWeight + params.timeWeight * Math.exp(-over / params.timeScaleDays);
}

/** Ranking score of a pair, given whether the two stories share an event or a thread. */
export function rankScore(
  pair: Pick<PairScore, 'score' | 'daysApart'>,
  same: { event: boolean; thread: boolean } = { event: false, thread: false },
  params: LinkParams = DEFAULT_LINK_PARAMS,
): number {
  return (
    pair.score * timeFactor(pair.daysApart, params) +
    (same.event ? params.eventBonus : 0) +
    (same.thread ? params.threadBonus : 0)
  );
}

export function linkStory(
  subject: WeightedFeatures,
  candidates: readonly CandidateStory[],
  entityName: (key: string) => string,
  params: LinkParams = DEFAULT_LINK_PARAMS,
  threads?: readonly CandidateThread[],
): LinkDecision {
  const scored = candidates
    .map((c) => ({ c, pair: scorePair(subject, c.features) }))
    .sort((a, b) => b.pair.score - a.pair.score || a.c.id - b.c.id);

  // An event's score: the mean similarity to its members within eventDays (average linkage; a single close
  // member is not enough to pull a story into an event whose other stories it does not resemble).
  const events = new Map<string, { sum: number; n: number; first: (typeof scored)[number] }>();
  for (const s of scored) {
    if (s.pair.daysApart === null || s.pair.daysApart > params.eventDays) continue;
    const e = events.get(s.c.eventId);
    if (e) {
      e.sum += s.pair.score;
      e.n++;
    } else events.set(s.c.eventId, { sum: s.pair.score, n: 1, first: s });
  }
  let bestEvent: (typeof scored)[number] | undefined;
  let bestEventScore = params.eventScore;
  for (const e of events.values()) {
    const score = e.sum / e.n;
    if (score >= bestEventScore) {
      bestEventScore = score;
      bestEvent = e.first;
    }
  }
  const eventId = bestEvent ? bestEvent.c.eventId : null;
  let threadId: string | null = bestEvent ? bestEvent.c.threadId : null;
  if (!threadId && threads) {
    let best = params.threadScore;
    for (const t of threads) {
      const sim = cosine(subject.terms, t.vector);
      if (sim >= best) {
        best = sim;
        threadId = t.id;
      }
    }
  } else if (!threadId) {
    // Without centroids, the closest story's thread.
    const bestThread = scored.find(({ pair }) => pair.score >= params.threadScore);
    threadId = bestThread ? bestThread.c.threadId : null;
  }

  const related = scored
    .filter(({ pair }) => pair.score >= params.relatedScore)
    .map(({ c, pair }) => {
      const same = {
        event: eventId !== null && c.eventId === eventId,
        thread: threadId !== null && c.threadId === threadId,
      };
      const kind: LinkKind = same.event ? 'event' : same.thread ? 'thread' : 'related';
      return { c, pair, kind, rank: rankScore(pair, same, params) };
    })
    .sort((a, b) => b.rank - a.rank || a.c.id - b.c.id)
    .slice(0, params.maxRelated)
    .map(({ c, pair, rank, kind }) => ({
      storyId: c.id,
      score: Math.round(rank * 1000) / 1000,
      kind,
      reasons: reasonsOf(pair, entityName),
    }));
  return { related, eventId, threadId };
}
