// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildStoryTimeline, type TimelineDoc } from '@/core/context/story-timeline';
import type { DatedSentence } from '@/core/model';

const d = (date: string, text: string): DatedSentence => ({
  date,
  text,
  start: 0,
  end: text.length,
  expression: date,
});

// A small story told over two weeks, written for this test.
const docs: TimelineDoc[] = [
  {
    id: 'a',
    title: 'Dam fails after storm',
    publishedAt: '2024-03-02T08:00:00Z',
    dated: [d('2024-03-01', 'The dam failed on Friday night.')],
  },
  {
    id: 'b',
    title: 'Inquiry opens',
    publishedAt: '2024-03-09T08:00:00Z',
    dated: [
      d('2024-03-01', 'Since the dam failed on March 1, the valley has been flooded.'),
      d('2024-03', 'Repairs start this month.'),
    ],
  },
  {
    id: 'c',
    title: 'Valley rebuilds',
    publishedAt: '2024-03-16T08:00:00Z',
    dated: [
      d('2024-03-01', 'The March 1 collapse of the dam flooded the valley.'),
      d('2024-03-09', 'An inquiry opened on March 9.'),
    ],
  },
];

describe('buildStoryTimeline', () => {
  const entries = buildStoryTimeline(docs);

  it('ranks the day most articles point back to first, with every source', () => {
    expect(entries[0]).toMatchObject({
      date: '2024-03-01',
      sources: expect.arrayContaining(['a', 'b', 'c']),
    });
    expect(entries[0]!.score).toBeGreaterThan(entries[1]!.score);
  });

  it('keeps day-precision dates only, and summarises with a sentence from the articles', () => {
    expect(entries.map((e) => e.date)).not.toContain('2024-03');
    for (const e of entries) expect(e.summary.length).toBe(1);
    expect(entries.find((e) => e.date === '2024-03-09')?.summary[0]).toMatch(/inquiry/i);
  });

  it('falls back to a title for a day only known as a publication day', () => {
    expect(entries.find((e) => e.date === '2024-03-16')?.summary).toEqual(['Valley rebuilds']);
  });

  it('is empty for no articles', () => {
    expect(buildStoryTimeline([])).toEqual([]);
  });
});
