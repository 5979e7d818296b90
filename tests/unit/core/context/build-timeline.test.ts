// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildTimeline, type ContextStory } from '@/core/context/build-context';
import type { ArticleEntity, DatedSentence, LinkKind } from '@/core/model';

const entity = (name: string, type: ArticleEntity['type']): ArticleEntity => ({
  key: `${type}:${name.toLowerCase()}`,
  name,
  type,
  count: 1,
  first: 0,
});

/** The article the timeline is built for: it names these people, places and organisations. */
const ENTITIES = [
  entity('Donald Trump', 'person'),
  entity('Kim Jong Un', 'person'),
  entity('White House', 'organization'),
  entity('Panmunjom', 'place'),
  entity('Seoul', 'place'),
];

function dated(text: string, date: string): DatedSentence {
  return { text, start: 0, end: text.length, date, expression: date };
}

function story(
  id: number,
  title: string,
  publishedAt: string,
  sentences: DatedSentence[] = [],
  eventId = `ev-${id}`,
): ContextStory {
  return {
    id,
    url: `https://news.example/${id}`,
    title,
    publisher: `Outlet ${id}`,
    publishedAt,
    lang: 'en',
    entities: ENTITIES,
    dated: sentences,
    past: [],
    eventId,
    threadId: 'th-1',
  };
}

interface Case {
  name: string;
  /** A dated sentence of the article itself, or null. */
  own: DatedSentence | null;
  related: { story: ContextStory; kind: LinkKind }[];
  /** The entries expected: text, kind and the ids of their sources in order. */
  want: { text: string; kind: 'mention' | 'story'; sources: number[] }[];
}

const JUNE_11 = dated(
  'Despite the silence, the White House stated on June 11 that Trump would welcome renewed communication.',
  '2025-06-11',
);
const JUNE_11_TITLE = 'White House Says Trump Is Still Open to Talking With Kim Jong Un';
const PANMUNJOM = dated(
  'The meeting followed the June 30 encounter between President Donald Trump and Kim Jong Un at Panmunjom.',
  '2019-06-30',
);

const ENVOYS_TITLE = 'Trump Agrees to Meet Kim Jong Un After South Korean Envoys Relay Invitation';
const ENVOYS = dated(
  'President Donald Trump has agreed to meet North Korean leader Kim Jong Un, accepting an invitation that South Korean officials brought to the White House on Thursday, March 8.',
  '2018-03-08',
);
const TWEET = dated(
  'On Saturday, June 29, Trump posted on Twitter that he would be happy to meet Kim at the border during his visit to Seoul.',
  '2019-06-29',
);

const CASES: Case[] = [
  {
    name: "the article's own sentence and a related headline of the same day, naming the same: one entry",
    own: JUNE_11,
    related: [{ story: story(2, JUNE_11_TITLE, '2025-06-11T15:00:00Z'), kind: 'thread' }],
    want: [{ text: JUNE_11.text, kind: 'mention', sources: [1, 2] }],
  },
  {
    name: 'a headline first, then a sentence of another related story about that day: the sentence, its source first',
    own: null,
    related: [
      {
        story: story(2, 'Trump Steps Into North Korea, Meets Kim at Panmunjom', '2019-06-30T09:00:00Z'),
        kind: 'thread',
      },
      {
        story: story(3, 'North Korea Walks Away From Talks', '2019-10-05T09:00:00Z', [PANMUNJOM]),
        kind: 'thread',
      },
    ],
    want: [
      { text: PANMUNJOM.text, kind: 'mention', sources: [3, 2] },
      { text: 'North Korea Walks Away From Talks', kind: 'story', sources: [3] },
    ],
  },
  {
    name: 'the same day, one name shared: two entries',
    own: dated('On June 11, Trump spoke to reporters in Seoul about trade.', '2025-06-11'),
    related: [{ story: story(2, 'Trump Signs Farm Bill', '2025-06-11T15:00:00Z'), kind: 'thread' }],
    want: [
      { text: 'On June 11, Trump spoke to reporters in Seoul about trade.', kind: 'mention', sources: [1] },
      { text: 'Trump Signs Farm Bill', kind: 'story', sources: [2] },
    ],
  },
  {
    name: 'month and weekday names are not names: two entries',
    own: dated('On Wednesday, June 11, talks began again in Seoul.', '2025-06-11'),
    related: [
      { story: story(2, 'Talks Resume on Wednesday, June 11', '2025-06-11T15:00:00Z'), kind: 'thread' },
    ],
    want: [
      { text: 'On Wednesday, June 11, talks began again in Seoul.', kind: 'mention', sources: [1] },
      { text: 'Talks Resume on Wednesday, June 11', kind: 'story', sources: [2] },
    ],
  },
  {
    name: "a headline's capitalised common words are not names: two entries",
    own: dated('On June 11 the summit in Seoul ended early, the White House said.', '2025-06-11'),
    related: [{ story: story(2, 'Summit Ends Early', '2025-06-11T15:00:00Z'), kind: 'thread' }],
    want: [
      {
        text: 'On June 11 the summit in Seoul ended early, the White House said.',
        kind: 'mention',
        sources: [1],
      },
      { text: 'Summit Ends Early', kind: 'story', sources: [2] },
    ],
  },
  {
    name: 'the same names a day apart: two entries',
    own: dated('On June 10, the White House said Trump would write to Kim.', '2025-06-10'),
    related: [{ story: story(2, JUNE_11_TITLE, '2025-06-11T15:00:00Z'), kind: 'thread' }],
    want: [
      { text: 'On June 10, the White House said Trump would write to Kim.', kind: 'mention', sources: [1] },
      { text: JUNE_11_TITLE, kind: 'story', sources: [2] },
    ],
  },
  {
    name: 'a sentence dated to the month only: two entries',
    own: dated('In June, the White House said Trump was open to talks.', '2025-06'),
    related: [{ story: story(2, JUNE_11_TITLE, '2025-06-11T15:00:00Z'), kind: 'thread' }],
    want: [
      { text: 'In June, the White House said Trump was open to talks.', kind: 'mention', sources: [1] },
      { text: JUNE_11_TITLE, kind: 'story', sources: [2] },
    ],
  },
  {
    name: "a related story's lede of the day before, saying most of its headline again: one entry, of the sentence's day",
    own: null,
    related: [{ story: story(2, ENVOYS_TITLE, '2018-03-09T09:00:00Z', [ENVOYS]), kind: 'thread' }],
    want: [{ text: ENVOYS.text, kind: 'mention', sources: [2] }],
  },
  {
    name: "the article's own sentence of the day before a related headline it restates: one entry",
    own: ENVOYS,
    related: [{ story: story(2, ENVOYS_TITLE, '2018-03-09T09:00:00Z'), kind: 'thread' }],
    want: [{ text: ENVOYS.text, kind: 'mention', sources: [1, 2] }],
  },
  {
    name: 'what led up to it the day before, with the same names but not the headline: two entries',
    own: null,
    related: [
      {
        story: story(2, 'Trump Steps Into North Korea, Meets Kim at Panmunjom', '2019-06-30T09:00:00Z', [
          TWEET,
        ]),
        kind: 'thread',
      },
    ],
    want: [
      { text: TWEET.text, kind: 'mention', sources: [2] },
      { text: 'Trump Steps Into North Korea, Meets Kim at Panmunjom', kind: 'story', sources: [2] },
    ],
  },
  {
    name: 'a lede restating the headline, but two days before it: two entries',
    own: null,
    related: [
      {
        story: story(2, ENVOYS_TITLE, '2018-03-10T09:00:00Z', [ENVOYS]),
        kind: 'thread',
      },
    ],
    want: [
      { text: ENVOYS.text, kind: 'mention', sources: [2] },
      { text: ENVOYS_TITLE, kind: 'story', sources: [2] },
    ],
  },
  {
    name: 'headlines of stories linking put in one event, the same day: one entry, the first headline, every source',
    own: null,
    related: [
      { story: story(2, JUNE_11_TITLE, '2025-06-11T15:00:00Z', [], 'ev-9'), kind: 'event' },
      {
        story: story(3, 'Trump Open to New Talks With Kim, Aides Say', '2025-06-11T19:00:00Z', [], 'ev-9'),
        kind: 'event',
      },
      {
        story: story(4, 'Kim Letter Was Rejected, Monitor Says', '2025-06-11T21:00:00Z', [], 'ev-9'),
        kind: 'thread',
      },
    ],
    want: [{ text: JUNE_11_TITLE, kind: 'story', sources: [2, 3, 4] }],
  },
  {
    name: 'headlines of one event on two days: two entries',
    own: null,
    related: [
      { story: story(2, JUNE_11_TITLE, '2025-06-11T15:00:00Z', [], 'ev-9'), kind: 'event' },
      {
        story: story(3, 'Trump Open to New Talks With Kim, Aides Say', '2025-06-12T09:00:00Z', [], 'ev-9'),
        kind: 'event',
      },
    ],
    want: [
      { text: JUNE_11_TITLE, kind: 'story', sources: [2] },
      { text: 'Trump Open to New Talks With Kim, Aides Say', kind: 'story', sources: [3] },
    ],
  },
  {
    name: "an event's headline merged into the article's own sentence takes the event's other headlines with it",
    own: JUNE_11,
    related: [
      { story: story(2, JUNE_11_TITLE, '2025-06-11T15:00:00Z', [], 'ev-9'), kind: 'thread' },
      {
        story: story(3, 'Trump Open to New Talks With Kim, Aides Say', '2025-06-11T19:00:00Z', [], 'ev-9'),
        kind: 'thread',
      },
    ],
    want: [{ text: JUNE_11.text, kind: 'mention', sources: [1, 2, 3] }],
  },
  {
    name: 'two headlines of the same day sharing names stay two stories',
    own: null,
    related: [
      { story: story(2, JUNE_11_TITLE, '2025-06-11T15:00:00Z'), kind: 'related' },
      {
        story: story(3, 'White House and Trump Aides Split Over Tariffs', '2025-06-11T18:00:00Z'),
        kind: 'related',
      },
    ],
    want: [
      { text: JUNE_11_TITLE, kind: 'story', sources: [2] },
      { text: 'White House and Trump Aides Split Over Tariffs', kind: 'story', sources: [3] },
    ],
  },
];

describe('buildTimeline: one entry per happening', () => {
  it.each(CASES)('$name', ({ own, related, want }) => {
    const article = story(
      1,
      'Trump Says the Conflict Will Be Solved',
      '2025-06-27T18:40:00Z',
      own ? [own] : [],
    );
    const entries = buildTimeline(article, related);
    expect(
      entries.map((e) => ({ text: e.text, kind: e.kind, sources: e.sources.map((s) => s.storyId) })),
    ).toEqual(want);
  });

  it("dates a headline merged with its lede of the day before to the sentence's day", () => {
    const entries = buildTimeline(story(1, 'Article', '2025-06-27T18:40:00Z'), [
      { story: story(2, ENVOYS_TITLE, '2018-03-09T09:00:00Z', [ENVOYS]), kind: 'thread' },
      { story: story(3, 'Trump and Kim Meet in Singapore', '2018-06-12T09:00:00Z'), kind: 'thread' },
    ]);
    expect(entries.map((e) => [e.date, e.label])).toEqual([
      ['2018-03-08', 'March 8, 2018'],
      ['2018-06-12', 'June 12, 2018'],
    ]);
  });

  it("keeps the merged sentence's link to the sentence and the headline's story", () => {
    const [entry] = buildTimeline(story(1, 'Article', '2025-06-27T18:40:00Z', [JUNE_11]), [
      { story: story(2, JUNE_11_TITLE, '2025-06-11T15:00:00Z'), kind: 'thread' },
    ]);
    expect(entry!.label).toBe('June 11, 2025');
    expect(entry!.sources[0]!.link).toContain('#:~:text=');
    expect(entry!.sources[1]).toMatchObject({
      storyId: 2,
      title: JUNE_11_TITLE,
      url: 'https://news.example/2',
    });
  });
});
