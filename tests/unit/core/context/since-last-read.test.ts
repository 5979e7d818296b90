// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { lastThreadVisit, sinceLastRead, type VisitedStory } from '@/core/context/since-last-read';
import type { StoryRevision } from '@/core/model';

const H = 3_600_000;
function story(id: number, visits: Partial<VisitedStory> = {}): VisitedStory {
  return {
    summary: {
      id,
      url: `https://news.example/${id}`,
      title: `Story ${id}`,
      publisher: null,
      publishedAt: null,
      lang: 'en',
    },
    source: 'visit',
    firstSeenTs: id * H,
    lastSeenTs: id * H,
    ...visits,
  };
}

const revision = (seenTs: number): StoryRevision => ({
  seenTs,
  previousSeenTs: seenTs - H,
  previousTitle: 'Old',
  previousTextHash: '00000000',
  added: ['New paragraph.'],
  removed: [],
  addedCount: 1,
  removedCount: 0,
});

describe('since last read', () => {
  it('a first story of a new thread: nothing before, nothing new', () => {
    const s = story(1);
    expect(sinceLastRead(s, [s])).toEqual({
      visitTs: H,
      lastReadTs: null,
      lastThreadVisitTs: null,
      readBefore: [],
      newSince: [],
      changes: [],
    });
  });

  it('a new story of a thread: lists what was read before, most recent first', () => {
    const current = story(5);
    const result = sinceLastRead(current, [story(1), story(3), current]);
    expect(result.readBefore.map((r) => [r.story.id, r.lastReadTs])).toEqual([
      [3, 3 * H],
      [1, H],
    ]);
    expect(result.lastReadTs).toBeNull();
    expect(result.lastThreadVisitTs).toBe(3 * H);
    expect(result.newSince).toEqual([]);
  });

  it('a story read again: stories that arrived after the last visit to the thread are new', () => {
    // Story 1 read at 1h and again at 10h; story 4 read at 4h; story 2 imported at 6h; story 12 read at 12h
    // in another tab (after this visit).
    const current = story(1, {
      lastSeenTs: 10 * H,
      prevSeenTs: H,
      revisions: [revision(10 * H)],
    } as Partial<VisitedStory>);
    const result = sinceLastRead({ ...current, revisions: [revision(0.5 * H), revision(10 * H)] }, [
      current,
      story(4),
      story(2, { source: 'import', firstSeenTs: 6 * H, lastSeenTs: 6 * H }),
      story(12),
    ]);
    expect(result.lastReadTs).toBe(H);
    expect(result.lastThreadVisitTs).toBe(4 * H);
    expect(result.readBefore.map((r) => r.story.id)).toEqual([4]);
    expect(result.newSince.map((r) => [r.story.id, r.arrivedTs])).toEqual([
      [12, 12 * H],
      [2, 6 * H],
    ]);
    // Only the change seen after the previous read.
    expect(result.changes.map((c) => c.seenTs)).toEqual([10 * H]);
  });

  it('a story visited again after this visit still counts its earlier visit', () => {
    const current = story(5);
    const other = story(2, { lastSeenTs: 8 * H, prevSeenTs: 2 * H });
    expect(sinceLastRead(current, [current, other]).readBefore).toEqual([
      { story: other.summary, lastReadTs: 2 * H },
    ]);
  });

  it('the read stories and the newest arrivals since the last visit give what the whole thread gives', () => {
    // What getContext reads (lib/story-service.ts): the thread's read stories, then the newest that arrived
    // after lastThreadVisit; a long thread of feed items otherwise.
    const current = story(30, { lastSeenTs: 40 * H, prevSeenTs: 3 * H });
    const thread: VisitedStory[] = [current];
    for (let id = 1; id < 60; id++)
      if (id !== 30)
        thread.push(id % 7 === 0 ? story(id) : story(id, { source: 'import', lastSeenTs: id * H }));
    const visits = thread.filter((s) => s.source === 'visit');
    const since = lastThreadVisit(current, visits);
    expect(since).toBe(35 * H);
    const arrived = thread
      .filter((s) => s.firstSeenTs > since!)
      .sort((a, b) => b.firstSeenTs - a.firstSeenTs)
      .slice(0, 11);
    const whole = sinceLastRead(current, thread);
    // A read story can also be among the arrivals: each story once, as getContext keeps them.
    const read = [...new Map([...visits, ...arrived].map((s) => [s.summary.id, s])).values()];
    expect(sinceLastRead(current, read)).toEqual(whole);
    expect(whole.newSince).toHaveLength(10);
  });
});
