/**
 * Links a new story to stories already cached: ranks candidates, says which are the same event (same
 * happening, days apart) and which the same thread (the long-running story), and explains each link.
 */
import type { LinkKind, RelatedStory } from '@/core/model';
import { type PairScore, reasonsOf, scorePair, type WeightedFeatures } from './similarity';

export interface CandidateStory {
  id: number;
  eventId: string;
  threadId: string;
  features: WeightedFeatures;
}

export interface LinkParams {
  /** Minimum combined score for "same event". */
  eventScore: number;
  /** Maximum days apart for "same event". */
  eventDays: number;
  /** Minimum combined score for "same thread". */
  threadScore: number;
  /** Minimum combined score to be listed as related at all. */
  relatedScore: number;
  /** Length of the related list. */
  maxRelated: number;
}

export const DEFAULT_LINK_PARAMS: LinkParams = {
  eventScore: 0.42,
  eventDays: 4,
  threadScore: 0.22,
  relatedScore: 0.1,
  maxRelated: 20,
};

export interface LinkDecision {
  related: RelatedStory[];
  /** The event to join (the best "same event" candidate's), or null for a new event. */
  eventId: string | null;
  /** The thread to join, or null for a new thread. */
  threadId: string | null;
}

export function kindOf(pair: PairScore, params: LinkParams): LinkKind {
  if (pair.score >= params.eventScore && pair.daysApart !== null && pair.daysApart <= params.eventDays) {
    return 'event';
  }
  if (pair.score >= params.threadScore) return 'thread';
  return 'related';
}

/** Ranking score: similarity first, a gentle preference for stories close in time. */
export function rankScore(pair: PairScore): number {
  const days = pair.daysApart ?? 365;
  return pair.score * (0.85 + 0.15 * Math.exp(-days / 14));
}

export function linkStory(
  subject: WeightedFeatures,
  candidates: readonly CandidateStory[],
  entityName: (key: string) => string,
  params: LinkParams = DEFAULT_LINK_PARAMS,
): LinkDecision {
  const scored = candidates
    .map((c) => ({ c, pair: scorePair(subject, c.features) }))
    .filter(({ pair }) => pair.score >= params.relatedScore)
    .map(({ c, pair }) => ({ c, pair, rank: rankScore(pair), kind: kindOf(pair, params) }))
    .sort((a, b) => b.rank - a.rank || a.c.id - b.c.id);

  const bestEvent = scored.find((s) => s.kind === 'event');
  const bestThread = bestEvent ?? scored.find((s) => s.kind === 'thread');
  return {
    related: scored.slice(0, params.maxRelated).map(({ c, pair, rank, kind }) => ({
      storyId: c.id,
      score: Math.round(rank * 1000) / 1000,
      kind,
      reasons: reasonsOf(pair, entityName),
    })),
    eventId: bestEvent ? bestEvent.c.eventId : null,
    threadId: bestThread ? bestThread.c.threadId : null,
  };
}
