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

export function sinceLastRead(
  story: SinceLastReadInput,
  thread: readonly VisitedStory[],
  options: { maxStories?: number } = {},
): SinceLastRead {
  const max = options.maxStories ?? 10;
  const visitTs = story.lastSeenTs;
  const lastReadTs = story.source === 'visit' && story.prevSeenTs !== undefined ? story.prevSeenTs : null;
  const others = thread.filter((s) => s.summary.id !== story.summary.id);

  const readBefore = others
    .flatMap((s) => {
      const ts = lastVisitBefore(s, visitTs);
      return ts === null ? [] : [{ story: s.summary, lastReadTs: ts }];
    })
    .sort((a, b) => b.lastReadTs - a.lastReadTs || b.story.id - a.story.id);

  const candidates = [lastReadTs, ...readBefore.map((r) => r.lastReadTs)].filter(
    (t): t is number => t !== null,
  );
  const lastThreadVisitTs = candidates.length ? Math.max(...candidates) : null;

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
