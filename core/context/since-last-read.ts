/**
 * What is new for the reader since they last read a story: which stories of its thread they read before (and
 * when), which arrived after their last visit to the thread, and how this article changed. Pure: the caller
 * passes the thread's stories with their visit times.
 */
import type { SinceLastRead, StoryRevision, StorySummary } from '@/core/model';

export interface VisitedStory {
  summary: StorySummary;
  /** 'import' stories arrived without a visit: they are never "read". */
  source: 'visit' | 'import';
  firstSeenTs: number;
  /** The last visit. */
  lastSeenTs: number;
  /** The visit before the last one, when there was one. */
  prevSeenTs?: number;
}

export interface SinceLastReadInput extends VisitedStory {
  revisions?: readonly StoryRevision[];
}

/** The reader's last visit to `s` strictly before `ts`, or null. */
function lastVisitBefore(s: VisitedStory, ts: number): number | null {
  if (s.source !== 'visit') return null;
  if (s.lastSeenTs < ts) return s.lastSeenTs;
  if (s.prevSeenTs !== undefined && s.prevSeenTs < ts) return s.prevSeenTs;
  // Seen again since, but its first visit was before `ts`: at least that visit happened.
  return s.firstSeenTs < ts ? s.firstSeenTs : null;
}

/** Stories listed in each part of "since you last read". */
export const SINCE_LAST_READ_MAX = 10;

/** The thread's other stories the reader read before this visit, the most recent visit first. */
function readBeforeOf(story: VisitedStory, others: readonly VisitedStory[]) {
  const visitTs = story.lastSeenTs;
  return others
    .flatMap((s) => {
      const ts = lastVisitBefore(s, visitTs);
      return ts === null ? [] : [{ story: s.summary, lastReadTs: ts }];
    })
    .sort((a, b) => b.lastReadTs - a.lastReadTs || b.story.id - a.story.id);
}

const lastReadOf = (story: VisitedStory) =>
  story.source === 'visit' && story.prevSeenTs !== undefined ? story.prevSeenTs : null;

/**
 * The reader's last visit to the thread before this one (to this story or another of the thread), or null: what
 * "arrived since" is counted from. Only the stories the reader read (source 'visit') can move it, so `thread` may
 * hold those alone.
 */
export function lastThreadVisit(story: VisitedStory, thread: readonly VisitedStory[]): number | null {
  const others = thread.filter((s) => s.summary.id !== story.summary.id);
  return latestOf(lastReadOf(story), readBeforeOf(story, others));
}

/** The later of this story's previous read and the most recent read of another (readBefore's first). */
function latestOf(lastReadTs: number | null, readBefore: readonly { lastReadTs: number }[]): number | null {
  const other = readBefore[0]?.lastReadTs ?? null;
  if (lastReadTs === null) return other;
  return other === null ? lastReadTs : Math.max(lastReadTs, other);
}

/**
 * `thread`: the thread's stories the reader read, and those that arrived after `lastThreadVisit` (the newest
 * `maxStories` of them are enough); any other story of the thread changes nothing.
 */
export function sinceLastRead(
  story: SinceLastReadInput,
  thread: readonly VisitedStory[],
  options: { maxStories?: number } = {},
): SinceLastRead {
  const max = options.maxStories ?? SINCE_LAST_READ_MAX;
  const visitTs = story.lastSeenTs;
  const lastReadTs = lastReadOf(story);
  const others = thread.filter((s) => s.summary.id !== story.summary.id);
  const readBefore = readBeforeOf(story, others);
  const lastThreadVisitTs = latestOf(lastReadTs, readBefore);

  const newSince =
    lastThreadVisitTs === null
      ? []
      : others
          .filter((s) => s.firstSeenTs > lastThreadVisitTs)
          .map((s) => ({ story: s.summary, arrivedTs: s.firstSeenTs }))
          .sort((a, b) => b.arrivedTs - a.arrivedTs || b.story.id - a.story.id);

  const changes = (story.revisions ?? []).filter((r) => lastReadTs === null || r.seenTs > lastReadTs);

  return {
    visitTs,
    lastReadTs,
    lastThreadVisitTs,
    readBefore: readBefore.slice(0, max),
    newSince: newSince.slice(0, max),
    changes,
  };
}
