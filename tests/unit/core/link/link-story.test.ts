// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEFAULT_LINK_PARAMS, linkStory } from '@/core/link/link-story';
import {
  cosine,
  type DocFreq,
  type LinkFeatures,
  scorePair,
  weigh,
  weighFeatures,
} from '@/core/link/similarity';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 5, 27);
// Document frequencies of a small imagined cache of 100 stories.
const DF: Record<string, number> = {
  summit: 5,
  talks: 20,
  nuclear: 8,
  letter: 4,
  rate: 6,
  bank: 7,
  inflation: 5,
};
const docFreq: DocFreq = { size: 100, df: (t) => DF[t] ?? 1 };

const f = (
  terms: Record<string, number>,
  entities: Record<string, number>,
  daysBefore = 0,
): LinkFeatures => ({
  terms,
  entities,
  publishedTs: T0 - daysBefore * DAY,
});

const subject = f(
  { summit: 2, letter: 3, nuclear: 1, talks: 1 },
  { 'person:donald trump': 4, 'person:kim jong un': 3, 'place:north korea': 5 },
);
const stories = {
  sameEvent: f(
    { letter: 2, nuclear: 1, talks: 1 },
    { 'person:donald trump': 2, 'person:kim jong un': 2, 'place:north korea': 3 },
    1,
  ),
  sameThread: f(
    { summit: 3, nuclear: 2, talks: 2 },
    { 'person:donald trump': 2, 'person:kim jong un': 3, 'place:singapore': 2 },
    2500,
  ),
  unrelated: f(
    { rate: 3, bank: 2, inflation: 2 },
    { 'organization:european central bank': 3, 'place:frankfurt': 1 },
    3,
  ),
};

describe('similarity', () => {
  it('is 1 for identical vectors and 0 for disjoint ones', () => {
    const a = weigh({ summit: 2, letter: 1 }, docFreq);
    expect(cosine(a, a)).toBeCloseTo(1, 6);
    expect(cosine(a, weigh({ rate: 1 }, docFreq))).toBe(0);
  });

  it.each([
    ['sameEvent', 0.5, 1],
    ['sameThread', 0.2, 0.8],
    ['unrelated', 0, 0.05],
  ] as const)('%s scores between %f and %f', (name, lo, hi) => {
    const p = scorePair(weighFeatures(subject, docFreq), weighFeatures(stories[name], docFreq));
    expect(p.score).toBeGreaterThanOrEqual(lo);
    expect(p.score).toBeLessThanOrEqual(hi);
  });
});

describe('linkStory', () => {
  const candidates = Object.entries(stories).map(([name, features], i) => ({
    id: i + 1,
    eventId: `ev-${name}`,
    threadId: name === 'unrelated' ? 'th-ecb' : 'th-korea',
    features: weighFeatures(features, docFreq),
  }));
  const decision = linkStory(
    weighFeatures(subject, docFreq),
    candidates,
    (k) => k.split(':')[1]!,
    DEFAULT_LINK_PARAMS,
  );

  it('joins the event of the same happening and its thread', () => {
    expect(decision.eventId).toBe('ev-sameEvent');
    expect(decision.threadId).toBe('th-korea');
  });

  it('ranks related stories best first, explains them, and leaves the unrelated one out', () => {
    expect(decision.related.map((r) => r.storyId)).toEqual([1, 2]);
    expect(decision.related.map((r) => r.kind)).toEqual(['event', 'thread']);
    const [first] = decision.related;
    expect(first?.reasons.entities).toContain('kim jong un');
    expect(first?.reasons.daysApart).toBe(1);
  });

  it('decides the same with or without thread centroids when it joins an event; joins a centroid only without one', () => {
    // The ingest reads centroids only for a story that joins no event (lib/story-service.ts): they must not matter then.
    const name = (k: string) => k.split(':')[1]!;
    const subjectW = weighFeatures(subject, docFreq);
    const korea = { id: 'th-korea-centroid', vector: subjectW.terms };
    const withThreads = linkStory(subjectW, candidates, name, DEFAULT_LINK_PARAMS, [korea]);
    expect(withThreads).toEqual(linkStory(subjectW, candidates, name, DEFAULT_LINK_PARAMS, []));
    expect(withThreads.threadId).toBe('th-korea');
    // Without the same-event story: no event, and the thread comes from the centroid (none without one).
    const noEvent = candidates.filter((c) => c.eventId !== 'ev-sameEvent');
    const none = linkStory(subjectW, noEvent, name, DEFAULT_LINK_PARAMS, []);
    expect(none.eventId).toBeNull();
    expect(none.threadId).toBeNull();
    expect(linkStory(subjectW, noEvent, name, DEFAULT_LINK_PARAMS, [korea]).threadId).toBe(
      'th-korea-centroid',
    );
  });

  it('starts a new event and thread when nothing is close', () => {
    const lone = linkStory(weighFeatures(stories.unrelated, docFreq), candidates.slice(0, 2), (k) => k);
    expect(lone).toEqual({ related: [], eventId: null, threadId: null });
  });
});
