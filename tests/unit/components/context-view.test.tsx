import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContextPage } from '@/components/context/context-page';
import { ContextView } from '@/components/context/context-view';
import type { TabView } from '@/core/model';
import { fakeClient, readyView, relatedItem, storyContext, timelineEntry } from './fixtures';

afterEach(cleanup);

describe('ContextPage over each TabView state', () => {
  it.each<{ name: string; view: TabView; heading: RegExp; text: RegExp; retry: boolean }>([
    {
      name: 'unsupported',
      view: { state: 'unsupported', url: 'chrome://settings' },
      heading: /can't read this page/i,
      text: /news articles on the web/i,
      retry: false,
    },
    {
      name: 'not-article',
      view: { state: 'not-article', url: 'https://news.example/' },
      heading: /^Not a news article$/,
      text: /Open a news article and Backstory will show its background/,
      retry: false,
    },
    {
      name: 'analysing',
      view: { state: 'analysing', url: 'https://news.example/a' },
      heading: /Reading the article/,
      text: /takes a moment/,
      retry: false,
    },
    {
      name: 'error',
      view: { state: 'error', url: null, message: 'The database is locked' },
      heading: /Something went wrong/,
      text: /The database is locked/,
      retry: true,
    },
    {
      name: 'ready',
      view: readyView(),
      heading: /Leaders meet at the border/,
      text: /Backstory is ready: 3 timeline entries, 1 related story/,
      retry: false,
    },
  ])('$name', async ({ view, heading, text, retry }) => {
    render(<ContextPage client={fakeClient([view])} locale="en-US" />);
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeTruthy();
    expect(screen.getByText(text)).toBeTruthy();
    expect(Boolean(screen.queryByRole('button', { name: 'Try again' }))).toBe(retry);
    const region = document.querySelector('[aria-live="polite"]');
    expect(region).not.toBeNull();
    if (view.state === 'ready') expect(region?.textContent).toMatch(/ready/);
    else expect(region?.querySelector('h1')?.textContent).toMatch(heading);
  });

  it('shows loading until the first answer', () => {
    render(<ContextView view={null} loading />);
    expect(screen.getByRole('heading', { name: 'Loading…' })).toBeTruthy();
    expect(screen.getByRole('main').getAttribute('aria-busy')).toBe('true');
  });

  it('"Try again" asks the client again', async () => {
    const client = fakeClient([{ state: 'error', url: null, message: 'No answer' }, readyView()]);
    render(<ContextPage client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Leaders meet at the border' })).toBeTruthy();
    expect(client.calls).toBe(2);
  });

  it('turns a failed request into the error state', async () => {
    render(<ContextPage client={fakeClient([new Error('No answer from the background')])} />);
    expect(await screen.findByText('No answer from the background')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('reloads on change notifications and unsubscribes on unmount', async () => {
    const client = fakeClient([{ state: 'analysing', url: 'https://news.example/a' }, readyView()]);
    const { unmount } = render(<ContextPage client={client} />);
    await screen.findByRole('heading', { name: /Reading the article/ });
    expect(client.listeners).toBe(1);
    client.emit();
    await screen.findByRole('heading', { level: 1, name: 'Leaders meet at the border' });
    unmount();
    // Preact 11 runs passive effect cleanups after paint.
    await waitFor(() => expect(client.listeners).toBe(0));
  });

  it('shows "Open side panel" only when the client can open one', async () => {
    const open = vi.fn(async () => {});
    const opened = vi.fn();
    render(
      <ContextPage client={fakeClient([readyView()], open)} sidePanelButton onSidePanelOpened={opened} />,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Open side panel' }));
    expect(open).toHaveBeenCalledOnce();
    await waitFor(() => expect(opened).toHaveBeenCalledOnce());
    cleanup();

    render(<ContextPage client={fakeClient([readyView()])} sidePanelButton />);
    await screen.findByRole('heading', { level: 1, name: 'Leaders meet at the border' });
    expect(screen.queryByRole('button', { name: 'Open side panel' })).toBeNull();
  });
});

describe('ContextView ready', () => {
  it('renders the article header with the day as written', () => {
    render(<ContextView view={readyView()} locale="en-US" />);
    const header = screen.getByRole('banner');
    expect(within(header).getByRole('heading', { level: 1 }).textContent).toBe('Leaders meet at the border');
    expect(within(header).getByText('Example News')).toBeTruthy();
    const time = header.querySelector('time');
    expect(time?.textContent).toBe('Jun 27, 2025');
    expect(time?.getAttribute('datetime')).toBe('2025-06-27T22:40:00-04:00');
  });

  it('renders the three sections with headings', () => {
    render(<ContextView view={readyView()} />);
    const names = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(names).toEqual(['Background', 'Timeline', 'Related']);
  });

  it('staged: the first render holds the header and background, the sections below follow after a frame', async () => {
    render(<ContextView view={readyView()} staged />);
    const first = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(first).toEqual(['Background']);
    expect(within(screen.getByRole('banner')).getByRole('heading', { level: 1 })).toBeTruthy();
    await waitFor(() =>
      expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
        'Background',
        'Timeline',
        'Related',
      ]),
    );
  });

  it('lists background people with role and mention counts, then the earlier sentences', () => {
    render(<ContextView view={readyView()} />);
    const people = screen.getByRole('heading', { name: 'People' }).nextElementSibling as HTMLElement;
    const items = within(people).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'Kim Jong UnNorth Korean leader4 mentions',
      'Lee Jae-myung1 mention',
    ]);
    expect(screen.getByRole('heading', { name: 'Organisations' })).toBeTruthy();
    expect(screen.getByText('United Nations')).toBeTruthy();
    expect(screen.getByText('Seoul')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Earlier' })).toBeTruthy();
    expect(screen.getByText('The two leaders last met in 2018.')).toBeTruthy();
  });

  it('orders timeline entries oldest first, with labels, machine dates and source links', () => {
    render(<ContextView view={readyView()} />);
    const timeline = document.getElementById('timeline') as HTMLElement;
    const times = [...timeline.querySelectorAll('time')];
    expect(times.map((t) => t.textContent)).toEqual(['2018–2019', 'June 2025', 'June 11, 2025']);
    expect(times.map((t) => t.getAttribute('datetime'))).toEqual(['2018', '2025-06', '2025-06-11']);
    const sources = within(timeline).getAllByRole('link', { name: 'Leaders meet at the border' });
    expect(sources).toHaveLength(3);
    expect(sources[0]?.getAttribute('href')).toBe('https://news.example/world/leaders-meet');
    expect(within(timeline).getAllByText('this article')).toHaveLength(3);
    // Grouped by year, then month.
    expect(
      within(timeline)
        .getAllByRole('heading', { level: 3 })
        .map((h) => h.textContent),
    ).toEqual(['2018', '2025']);
    expect(
      within(timeline)
        .getAllByRole('heading', { level: 4 })
        .map((h) => h.textContent),
    ).toEqual(['June 2025']);
  });

  it('explains why each related story is linked', () => {
    render(
      <ContextView
        view={readyView({
          related: [
            relatedItem(),
            relatedItem({
              id: 3,
              title: 'A year of talks',
              kind: 'thread',
              reasons: { entities: [], terms: ['talks'], daysApart: 1, similarity: 0.2 },
            }),
            relatedItem({
              id: 4,
              title: 'Regional trade',
              kind: 'related',
              reasons: { entities: ['Seoul'], terms: [], daysApart: null, similarity: 0.1 },
            }),
          ],
        })}
        locale="en-US"
      />,
    );
    const section = screen.getByRole('region', { name: 'Related' });
    const link = within(section).getByRole('link', { name: 'New sanctions announced before the summit' });
    expect(link.getAttribute('href')).toBe('https://other.example/2025/06/24/sanctions');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    const reasons = within(section)
      .getAllByRole('list', { name: 'Why it is linked' })
      .map((list) =>
        within(list)
          .getAllByRole('listitem')
          .map((li) => li.textContent),
      );
    expect(reasons).toEqual([
      ['Same event', 'Both mention Kim Jong Un, Seoul', 'Shared terms: sanctions, summit', '3 days apart'],
      ['Same story', 'Shared terms: talks', '1 day apart'],
      ['Related', 'Both mention Seoul'],
    ]);
    expect(within(section).getAllByText('Other Daily')).toHaveLength(3);
    expect(within(section).getAllByText('Jun 24, 2025')).toHaveLength(3);
  });

  it('shows a friendly line for each empty section', () => {
    render(
      <ContextView
        view={readyView({
          background: { people: [], organizations: [], places: [], past: [] },
          timeline: [],
          related: [],
        })}
      />,
    );
    expect(screen.getByText(/No background found in this article/)).toBeTruthy();
    expect(screen.getByText(/No dates yet/)).toBeTruthy();
    expect(
      screen.getByText('Nothing related yet: Backstory links stories as you read more news.'),
    ).toBeTruthy();
  });

  it('collapses long lists behind a "Show all" button', () => {
    const people = Array.from({ length: 10 }, (_, i) => ({
      key: `person:p${i}`,
      name: `Person ${i}`,
      type: 'person' as const,
      count: 1,
      first: i,
    }));
    const context = storyContext();
    render(<ContextView view={readyView({ background: { ...context.background, people } })} />);
    expect(screen.queryByText('Person 9')).toBeNull();
    const more = screen.getByRole('button', { name: 'Show all 10 people' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    expect(screen.getByText('Person 9')).toBeTruthy();
  });
});

describe('ContextView with hostile page data', () => {
  const hostile = '<img src=x onerror=alert(1)>';

  it('renders markup in titles and text as text', () => {
    render(
      <ContextView
        view={readyView({
          story: { ...storyContext().story, title: hostile, publisher: '<b>bold</b>' },
          timeline: [timelineEntry('2025-06-11', 'June 11, 2025', `<script>alert(2)</script>`)],
          related: [relatedItem({ title: hostile })],
        })}
      />,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(hostile);
    expect(screen.getByText('<b>bold</b>')).toBeTruthy();
    expect(screen.getByText('<script>alert(2)</script>')).toBeTruthy();
    expect(screen.getByRole('link', { name: hostile })).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('main script, main b')).toBeNull();
  });

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '/relative/path',
    'vbscript:msgbox(1)',
  ])('does not link %s', (url) => {
    render(
      <ContextView
        view={readyView({
          timeline: [
            timelineEntry('2025-06-11', 'June 11, 2025', 'x', {
              sources: [{ storyId: 9, title: 'Evil source', url, publisher: null }],
            }),
          ],
          related: [relatedItem({ title: 'Evil story', url })],
        })}
      />,
    );
    expect(screen.getByText('Evil story')).toBeTruthy();
    expect(screen.getByText('Evil source')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Evil story' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Evil source' })).toBeNull();
    for (const a of document.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^https?:\/\//);
  });
});
