import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { sortTimeline, TimelineList } from '@/components/context/timeline-list';
import type { TimelineEntry } from '@/core/model';
import { timelineEntry } from './fixtures';

afterEach(cleanup);

describe('TimelineList', () => {
  it.each([
    [
      ['2018-06', '2018-SP', '2018'],
      ['2018', '2018-SP', '2018-06'],
    ],
    [
      ['2019-02-28', '2018-06-12', '2018-W23'],
      ['2018-W23', '2018-06-12', '2019-02-28'],
    ],
  ])('orders %j chronologically as %j', (dates, expected) => {
    const entries = dates.map((d) => timelineEntry(d, d, `Something on ${d}`));
    expect(sortTimeline(entries).map((e) => e.date)).toEqual(expected);
  });

  it('shows a related story on its day once, its headline being the link', () => {
    const story: TimelineEntry = {
      date: '2019-02-28',
      label: 'February 28, 2019',
      text: 'Summit ends without a deal',
      kind: 'story',
      sources: [
        {
          storyId: 7,
          title: 'Summit ends without a deal',
          url: 'https://news.example/summit',
          publisher: 'Harbor Times',
        },
      ],
    };
    render(<TimelineList entries={[story]} currentStoryId={1} />);
    const links = screen.getAllByRole('link', { name: 'Summit ends without a deal' });
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe('https://news.example/summit');
    expect(screen.getAllByText('Summit ends without a deal')).toHaveLength(1);
    expect(screen.getByText('Harbor Times')).toBeTruthy();
  });
});
