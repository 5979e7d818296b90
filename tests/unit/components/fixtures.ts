/** Test data and a fake ContextClient for the component tests. */
import type { ContextClient } from '@/components/state/context-client';
import type { RelatedItem, StoryContext, TabView, TimelineEntry } from '@/core/model';

export function timelineEntry(date: string, label: string, text: string, extra: Partial<TimelineEntry> = {}) {
  return {
    date,
    label,
    text,
    kind: 'mention',
    sources: [
      {
        storyId: 1,
        title: 'Leaders meet at the border',
        url: 'https://news.example/world/leaders-meet',
        publisher: 'Example News',
      },
    ],
    ...extra,
  } satisfies TimelineEntry;
}

export function relatedItem(extra: Partial<RelatedItem> = {}): RelatedItem {
  return {
    id: 2,
    url: 'https://other.example/2025/06/24/sanctions',
    title: 'New sanctions announced before the summit',
    publisher: 'Other Daily',
    publishedAt: '2025-06-24',
    lang: 'en',
    score: 0.71,
    kind: 'event',
    reasons: {
      entities: ['Kim Jong Un', 'Seoul'],
      terms: ['sanctions', 'summit'],
      daysApart: 3,
      similarity: 0.4,
    },
    ...extra,
  };
}

export function storyContext(extra: Partial<StoryContext> = {}): StoryContext {
  return {
    story: {
      id: 1,
      url: 'https://news.example/world/leaders-meet',
      title: 'Leaders meet at the border',
      publisher: 'Example News',
      // Late evening in New York: already the 28th in UTC, the article's day is still the 27th.
      publishedAt: '2025-06-27T22:40:00-04:00',
      lang: 'en',
    },
    eventId: 'e1',
    threadId: 't1',
    background: {
      people: [
        {
          key: 'person:kim jong un',
          name: 'Kim Jong Un',
          type: 'person',
          count: 4,
          first: 10,
          role: 'North Korean leader',
        },
        { key: 'person:lee jae-myung', name: 'Lee Jae-myung', type: 'person', count: 1, first: 80 },
      ],
      organizations: [
        {
          key: 'organization:united nations',
          name: 'United Nations',
          type: 'organization',
          count: 2,
          first: 200,
        },
      ],
      places: [{ key: 'place:seoul', name: 'Seoul', type: 'place', count: 3, first: 40 }],
      past: [{ text: 'The two leaders last met in 2018.', start: 300, end: 333 }],
    },
    // Deliberately out of order: the view sorts oldest first.
    timeline: [
      timelineEntry('2025-06-11', 'June 11, 2025', 'Talks were announced.'),
      timelineEntry('2018', '2018', 'The leaders first met.', { dateEnd: '2019', label: '2018–2019' }),
      timelineEntry('2025-06', 'June 2025', 'Sanctions were tightened.'),
    ],
    related: [relatedItem()],
    ...extra,
  };
}

export function readyView(extra: Partial<StoryContext> = {}): TabView {
  return { state: 'ready', url: 'https://news.example/world/leaders-meet', context: storyContext(extra) };
}

export interface FakeClient extends ContextClient {
  calls: number;
  /** Simulates a change notification (analysis finished, tab switched). */
  emit(): void;
  listeners: number;
}

/** Answers with `views` in turn (the last one repeats); an Error in the list is thrown. */
export function fakeClient(views: (TabView | Error)[], openSidePanel?: () => Promise<void>): FakeClient {
  const listeners = new Set<() => void>();
  const client: FakeClient = {
    calls: 0,
    get listeners() {
      return listeners.size;
    },
    async getView() {
      const next = views[Math.min(client.calls, views.length - 1)];
      client.calls++;
      if (next === undefined) throw new Error('no view');
      if (next instanceof Error) throw next;
      return next;
    },
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    emit() {
      for (const listener of listeners) listener();
    },
  };
  if (openSidePanel) client.openSidePanel = openSidePanel;
  return client;
}
