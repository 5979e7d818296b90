import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackgroundBlock, coverageLabel } from '@/components/context/background-block';
import { ContextPage } from '@/components/context/context-page';
import { SinceLastReadBlock } from '@/components/context/since-last-read';
import { groupTimeline, TimelineList } from '@/components/context/timeline-list';
import { SearchBox } from '@/components/search/search-box';
import type { BackgroundEntity, SearchResults, SinceLastRead, TimelineEntry } from '@/core/model';
import { fakeClient, readyView, storyContext, timelineEntry } from './fixtures';

afterEach(cleanup);

const kim: BackgroundEntity = {
  key: 'person:kim jong un',
  name: 'Kim Jong Un',
  type: 'person',
  count: 4,
  first: 10,
  role: 'North Korean leader',
};

describe('background: who is who across your stories', () => {
  it.each<[string, Partial<BackgroundEntity>, string | null]>([
    ['unknown coverage', {}, null],
    ['only this story', { storyCount: 1, since: '2025-06-27' }, 'first time in your stories'],
    [
      'several, with the earliest date',
      { storyCount: 6, since: '2018-06-12T09:00:00+08:00' },
      'in 6 of your stories since June 2018',
    ],
    ['several, no date', { storyCount: 3, since: null }, 'in 3 of your stories'],
  ])('%s', (_name, extra, expected) => {
    expect(coverageLabel({ ...kim, ...extra }, 'en-US')).toBe(expected);
  });

  it('shows the role, mentions and coverage; earlier sentences link to themselves in the article', () => {
    render(
      <BackgroundBlock
        background={{
          people: [{ ...kim, storyCount: 6, since: '2018-06-12' }],
          organizations: [],
          places: [],
          past: [{ text: 'Trump has met Kim three times, in Singapore and Hanoi.', start: 0, end: 55 }],
        }}
        storyUrl="https://news.example/a"
        locale="en-US"
      />,
    );
    const people = screen.getByRole('heading', { name: 'People' }).nextElementSibling as HTMLElement;
    expect(within(people).getByRole('listitem').textContent).toBe(
      'Kim Jong UnNorth Korean leader4 mentionsin 6 of your stories since June 2018',
    );
    const link = screen.getByRole('link', { name: /met Kim three times/ });
    expect(link.getAttribute('href')).toBe(
      'https://news.example/a#:~:text=Trump%20has%20met%20Kim,in%20Singapore%20and%20Hanoi.',
    );
  });
});

describe('timeline by year and month', () => {
  it.each<[string, string[], [string, (string | null)[]][]]>([
    [
      'years and months',
      ['2025-06-11', '2018', '2025-06', '2025-07-01'],
      [
        ['2018', [null]],
        ['2025', ['June 2025', 'July 2025']],
      ],
    ],
    [
      'a range sits in its first year',
      ['2019-02-28', '2018'],
      [
        ['2018', [null]],
        ['2019', ['February 2019']],
      ],
    ],
    [
      'a season breaks the months of its year',
      ['2018-01-05', '2018-SP', '2018-06-12'],
      [['2018', ['January 2018', null, 'June 2018']]],
    ],
    [
      'a decade',
      ['201X', '2018-06'],
      [
        ['2010s', [null]],
        ['2018', ['June 2018']],
      ],
    ],
  ])('%s', (_name, dates, expected) => {
    const groups = groupTimeline(
      dates.map((d) => timelineEntry(d, d, `On ${d}`)),
      'en-US',
    );
    expect(groups.map((g) => [g.label, g.months.map((m) => m.label)])).toEqual(expected);
  });

  it('shows one source and a real button that reveals all of them; links go to the sentence', () => {
    const entry: TimelineEntry = timelineEntry(
      '2019-02-28',
      'February 28, 2019',
      'The Hanoi summit ended early.',
      {
        sources: [1, 2, 3].map((id) => ({
          storyId: id,
          title: `Story ${id}`,
          url: `https://news.example/${id}`,
          publisher: null,
          start: 0,
          end: 10,
          link: `https://news.example/${id}#:~:text=The%20Hanoi%20summit%20ended%20early.`,
        })),
      },
    );
    render(<TimelineList entries={[entry]} currentStoryId={9} locale="en-US" />);
    expect(screen.getAllByRole('link').map((a) => a.textContent)).toEqual(['Story 1']);
    expect(screen.getByRole('link', { name: 'Story 1' }).getAttribute('href')).toBe(
      'https://news.example/1#:~:text=The%20Hanoi%20summit%20ended%20early.',
    );
    const button = screen.getByRole('button', { name: 'Show all 3 sources' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.getElementById(button.getAttribute('aria-controls')!)).not.toBeNull();
    fireEvent.click(button);
    expect(screen.getAllByRole('link').map((a) => a.textContent)).toEqual(['Story 1', 'Story 2', 'Story 3']);
    expect(screen.getByRole('button', { name: 'Show fewer sources' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
  });

  it('never links a source that is not http(s)', () => {
    const entry = timelineEntry('2019', '2019', 'x', {
      sources: [
        {
          storyId: 2,
          title: 'Bad',
          url: 'javascript:alert(1)',
          publisher: null,
          link: 'javascript:alert(1)#:~:text=x',
        },
      ],
    });
    render(<TimelineList entries={[entry]} currentStoryId={1} />);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('Bad')).toBeTruthy();
  });
});

const H = 3_600_000;
const T = Date.UTC(2026, 10, 25, 10);
const summary = (id: number, title: string) => ({
  id,
  url: `https://news.example/${id}`,
  title,
  publisher: null,
  publishedAt: null,
  lang: 'en',
});

describe('since you last read', () => {
  it('renders nothing on the first read of a new story', () => {
    const since: SinceLastRead = {
      visitTs: T,
      lastReadTs: null,
      lastThreadVisitTs: null,
      readBefore: [],
      newSince: [],
      changes: [],
    };
    const { container } = render(<SinceLastReadBlock since={since} currentStoryId={1} />);
    expect(container.textContent).toBe('');
  });

  it('shows what changed, what arrived and what was read before, as text', () => {
    const since: SinceLastRead = {
      visitTs: T,
      lastReadTs: T - 48 * H,
      lastThreadVisitTs: T - 24 * H,
      readBefore: [{ story: summary(2, 'Summit in Hanoi'), lastReadTs: T - 24 * H }],
      newSince: [{ story: summary(3, '<b>Talks resume</b>'), arrivedTs: T - H }],
      changes: [
        {
          seenTs: T,
          previousSeenTs: T - 48 * H,
          previousTitle: 'Old title',
          previousTextHash: 'abcdef01',
          title: 'New title',
          added: ['Update: talks postponed.'],
          removed: ['An old paragraph.'],
          addedCount: 3,
          removedCount: 1,
        },
      ],
    };
    render(<SinceLastReadBlock since={since} currentStoryId={1} locale="en-US" timeZone="UTC" />);
    const section = screen.getByRole('region', { name: 'Since you last read' });
    expect(section.textContent).toContain('You last read this article Nov 23, 2026, 10:00 AM.');
    expect(section.textContent).toContain('3 paragraphs added, 1 removed');
    expect(section.textContent).toContain('New title: New title (was: Old title)');
    expect(within(section).getByText('Update: talks postponed.')).toBeTruthy();
    expect(within(section).getByText('An old paragraph.')).toBeTruthy();
    expect(section.textContent).toContain('…and 2 more paragraphs added');
    expect(within(section).getByRole('link', { name: '<b>Talks resume</b>' }).getAttribute('href')).toBe(
      'https://news.example/3',
    );
    expect(section.querySelector('b')).toBeNull();
    expect(within(section).getByRole('heading', { name: 'You read before' })).toBeTruthy();
    expect(section.textContent).toContain('read Nov 24, 2026, 10:00 AM');
  });
});

const results: SearchResults = {
  stories: [
    { ...summary(4, 'Trump and Kim meet at the DMZ'), publisher: 'Harbor Times', publishedAt: '2019-06-30' },
    summary(5, 'Unsafe link'),
  ],
  entities: [{ key: 'person:kim jong un', name: 'Kim Jong Un', type: 'person', count: 6 }],
};
results.stories[1]!.url = 'javascript:alert(1)';

describe('search box', () => {
  it('searches as the reader types (debounced), links stories and searches an entity on click', async () => {
    const search = vi.fn(async (q: string) => (q === 'zz' ? { stories: [], entities: [] } : results));
    render(<SearchBox search={search} delay={20} locale="en-US" />);
    const input = screen.getByLabelText('Search your stories');
    fireEvent.input(input, { target: { value: 'k' } });
    fireEvent.input(input, { target: { value: 'ki' } });
    fireEvent.input(input, { target: { value: 'kim' } });
    const link = await screen.findByRole('link', { name: 'Trump and Kim meet at the DMZ' });
    expect(search).toHaveBeenCalledTimes(1);
    expect(search).toHaveBeenCalledWith('kim');
    expect(link.getAttribute('href')).toBe('https://news.example/4');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(screen.getByText(/Harbor Times · Jun 30, 2019/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Unsafe link' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /^Kim Jong Un, Person, in 6 stories/ }));
    expect((input as HTMLInputElement).value).toBe('Kim Jong Un');
    await waitFor(() => expect(search).toHaveBeenLastCalledWith('Kim Jong Un'));

    fireEvent.input(input, { target: { value: 'zz' } });
    expect(await screen.findByText('Nothing in your stories matches “zz”.')).toBeTruthy();
  });

  it('appears in the page only when the client can search', async () => {
    render(<ContextPage client={fakeClient([readyView()])} />);
    await screen.findByRole('heading', { level: 1, name: 'Leaders meet at the border' });
    expect(screen.queryByLabelText('Search your stories')).toBeNull();
    cleanup();
    const client = fakeClient([readyView({ ...storyContext() })]);
    client.search = async () => results;
    render(<ContextPage client={client} />);
    expect(await screen.findByLabelText('Search your stories')).toBeTruthy();
  });
});
