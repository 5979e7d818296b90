import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackgroundBlock } from '@/components/context/background-block';
import { TimelineList } from '@/components/context/timeline-list';
import { LookupSwitch } from '@/components/lookup/lookup-switch';
import { LookupView } from '@/components/lookup/lookup-view';
import { type CardsClient, CardsSection } from '@/components/options/cards-section';
import type { CardSettings, EncyclopediaCard, LookupResult, TimelineEntry } from '@/core/model';
import { HIGHLIGHT_HOST_ID, highlightSentenceInPage } from '@/lib/page-highlight';

afterEach(cleanup);

// happy-dom would follow the links the browser opens itself (modified clicks, other stories): not here.
const noNavigation = (event: Event) => {
  if ((event.target as Element).closest?.('a')) event.preventDefault();
};
beforeEach(() => document.addEventListener('click', noNavigation));
afterEach(() => document.removeEventListener('click', noNavigation));

const card: EncyclopediaCard = {
  entityKey: 'person:kim jong un',
  lang: 'en',
  title: 'Kim Jong Un',
  summary: 'Kim Jong Un is the supreme leader of North Korea.',
  url: 'https://en.wikipedia.org/wiki/Kim_Jong_Un',
  fetchedTs: Date.UTC(2025, 5, 1),
  stale: false,
};

const result: LookupResult = {
  query: 'Kim Jong Un',
  entities: [
    {
      key: 'person:kim jong un',
      name: 'Kim Jong Un',
      type: 'person',
      count: 7,
      aliases: ['Kim Jong-un'],
      roles: ['North Korean leader'],
      card,
    },
  ],
  stories: [
    {
      id: 1,
      url: 'https://news.example/a',
      title: 'Trump and Kim meet in Singapore',
      publisher: 'The Ledger',
      publishedAt: '2018-06-12',
      lang: 'en',
    },
  ],
  timeline: [
    {
      date: '2018-06-12',
      label: 'June 12, 2018',
      text: 'Trump and Kim met in Singapore.',
      kind: 'mention',
      sources: [
        {
          storyId: 1,
          title: 'Trump and Kim meet in Singapore',
          url: 'https://news.example/a',
          publisher: 'The Ledger',
        },
      ],
    },
  ],
};

describe('LookupView', () => {
  it('shows who it is (roles, aliases, card), the stories and the timeline', () => {
    render(<LookupView query="Kim Jong Un" result={result} status="done" onClose={() => undefined} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('“Kim Jong Un”');
    expect(document.querySelector('#lookup-who')!.textContent).toMatch(/Person · North Korean leader/);
    expect(screen.getByText(/Also written: Kim Jong-un/)).toBeTruthy();
    expect(screen.getByText(/supreme leader of North Korea/)).toBeTruthy();
    expect(screen.getByRole('link', { name: /Wikipedia: Kim Jong Un/ }).getAttribute('href')).toBe(card.url);
    expect(document.querySelector('#lookup-stories')!.textContent).toMatch(/Trump and Kim meet in Singapore/);
    expect(document.querySelector('#timeline')!.textContent).toMatch(/Trump and Kim met in Singapore/);
    expect(screen.getByRole('button', { name: 'Back to the article' })).toBeTruthy();
  });

  it.each([
    ['nothing selected', '', null, /Nothing selected/],
    [
      'nothing found',
      'Zanzibar',
      { query: 'Zanzibar', entities: [], stories: [], timeline: [] },
      /Nothing in your stories about “Zanzibar”/,
    ],
  ] as const)('has an empty state with the next step: %s', (_name, query, value, title) => {
    render(<LookupView query={query} result={value as LookupResult | null} status="done" />);
    expect(screen.getByRole('heading', { name: title })).toBeTruthy();
    expect(document.body.textContent).toMatch(/Look up in Backstory.*Alt\+Shift\+L/);
  });

  it('LookupSwitch shows the context until a look-up arrives, and goes back to it', async () => {
    let push: (q: string) => void = () => undefined;
    const lookup = vi.fn(async () => result);
    render(
      <LookupSwitch
        source={{
          initial: async () => null,
          subscribe: (cb) => {
            push = cb;
            return () => undefined;
          },
          lookup,
        }}
      >
        <p>The tab's context</p>
      </LookupSwitch>,
    );
    expect(screen.getByText("The tab's context")).toBeTruthy();
    push('Kim Jong Un');
    await screen.findByText(/Also written/);
    expect(lookup).toHaveBeenCalledWith('Kim Jong Un');
    fireEvent.click(screen.getByRole('button', { name: 'Back to the article' }));
    expect(screen.getByText("The tab's context")).toBeTruthy();
  });
});

describe('cards and in-page links in the context', () => {
  const background = {
    people: [{ key: 'person:kim jong un', name: 'Kim Jong Un', type: 'person' as const, count: 3, first: 0 }],
    organizations: [],
    places: [],
    past: [{ text: 'Trump met Kim three times.', start: 0, end: 26 }],
  };

  it('shows a card under its who’s-who entry, and a stale one with its date', () => {
    render(
      <BackgroundBlock
        background={background}
        storyUrl="https://news.example/a"
        cards={{ 'person:kim jong un': { ...card, stale: true } }}
        locale="en-US"
      />,
    );
    expect(screen.getByRole('complementary', { name: /About Kim Jong Un, from Wikipedia/ })).toBeTruthy();
    expect(screen.getByText(/saved Jun 1, 2025, may be out of date/)).toBeTruthy();
  });

  it('highlights the article’s own sentences and names in the page instead of opening a tab', () => {
    const show = vi.fn();
    render(<BackgroundBlock background={background} storyUrl="https://news.example/a" onShowInPage={show} />);
    fireEvent.click(screen.getByRole('link', { name: 'Trump met Kim three times.' }));
    expect(show).toHaveBeenCalledWith('Trump met Kim three times.', expect.stringMatching(/#:~:text=/));
    fireEvent.click(screen.getByRole('link', { name: 'Kim Jong Un' }));
    expect(show).toHaveBeenLastCalledWith('Kim Jong Un', 'https://news.example/a#:~:text=Kim%20Jong%20Un');
    // A modified click keeps the browser's behaviour.
    fireEvent.click(screen.getByRole('link', { name: 'Kim Jong Un' }), { ctrlKey: true });
    expect(show).toHaveBeenCalledTimes(2);
  });

  it('in the timeline, only sources in the current article are shown in the page', () => {
    const entry = (storyId: number): TimelineEntry => ({
      date: '2025-06-11',
      label: 'June 11, 2025',
      text: `Sentence of story ${storyId}.`,
      kind: 'mention',
      sources: [
        {
          storyId,
          title: `Story ${storyId}`,
          url: `https://news.example/${storyId}`,
          publisher: null,
          link: `https://news.example/${storyId}#:~:text=x`,
        },
      ],
    });
    const show = vi.fn();
    render(<TimelineList entries={[entry(1), entry(2)]} currentStoryId={1} onShowInPage={show} />);
    fireEvent.click(screen.getByRole('link', { name: 'Story 2' }));
    expect(show).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('link', { name: 'Story 1' }));
    expect(show).toHaveBeenCalledWith('Sentence of story 1.', 'https://news.example/1#:~:text=x');
  });
});

describe('highlightSentenceInPage', () => {
  it('finds the sentence across elements and whitespace, draws in its own shadow host, and goes away on a click', () => {
    document.body.innerHTML =
      '<article><p>First.</p><p>The White House  stated on <em>June 11</em>\n that Trump would talk.</p></article>';
    const before = document.body.innerHTML;
    window.scrollTo = vi.fn() as unknown as typeof window.scrollTo;
    expect(
      highlightSentenceInPage('The White House stated on June 11 that Trump would talk.', HIGHLIGHT_HOST_ID),
    ).toBe(true);
    const host = document.getElementById(HIGHLIGHT_HOST_ID)!;
    expect(host.parentElement).toBe(document.documentElement);
    expect(host.getAttribute('style')).toMatch(/position:absolute.*width:0;height:0.*pointer-events:none/);
    expect(document.body.innerHTML).toBe(before);
    // Again: one host only.
    highlightSentenceInPage('First.', HIGHLIGHT_HOST_ID);
    expect(document.querySelectorAll(`#${HIGHLIGHT_HOST_ID}`)).toHaveLength(1);
    window.dispatchEvent(new MouseEvent('mousedown'));
    expect(document.getElementById(HIGHLIGHT_HOST_ID)).toBeNull();
    expect(highlightSentenceInPage('Not in this page at all.', HIGHLIGHT_HOST_ID)).toBe(false);
  });
});

describe('CardsSection', () => {
  function client(granted: boolean) {
    let settings: CardSettings = { enabled: false, permission: false, cached: 0 };
    const calls: string[] = [];
    const c: CardsClient = {
      getSettings: async () => settings,
      requestPermission: vi.fn(() => {
        calls.push('request');
        return Promise.resolve(granted);
      }),
      removePermission: vi.fn(async () => true),
      setEnabled: vi.fn(async (enabled: boolean) => {
        calls.push(`set ${enabled}`);
        settings = { enabled, permission: enabled && granted, cached: 0 };
        return settings;
      }),
    };
    return { c, calls };
  }

  it('is off by default and says what it would send', async () => {
    const { c } = client(true);
    render(<CardsSection client={c} />);
    const toggle = await screen.findByRole('switch', { name: /encyclopedia cards/i });
    await waitFor(() => expect((toggle as HTMLInputElement).disabled).toBe(false));
    expect((toggle as HTMLInputElement).checked).toBe(false);
    expect(document.body.textContent).toMatch(/only the name/);
    expect(document.body.textContent).toMatch(/Off: nothing is sent/);
  });

  it('asks for the permission inside the click, then turns on; turning off gives it back', async () => {
    const { c, calls } = client(true);
    render(<CardsSection client={c} />);
    const toggle = (await screen.findByRole('switch')) as HTMLInputElement;
    await waitFor(() => expect(toggle.disabled).toBe(false));
    fireEvent.click(toggle);
    // Synchronously, within the click.
    expect(c.requestPermission).toHaveBeenCalledTimes(1);
    await screen.findByText(/Cards are on/);
    expect(calls).toEqual(['request', 'set true']);
    await waitFor(() => expect(toggle.disabled).toBe(false));
    fireEvent.click(toggle);
    await screen.findByText(/Cards are off/);
    expect(c.removePermission).toHaveBeenCalled();
  });

  it('stays off when the permission is refused', async () => {
    const { c, calls } = client(false);
    render(<CardsSection client={c} />);
    const toggle = (await screen.findByRole('switch')) as HTMLInputElement;
    await waitFor(() => expect(toggle.disabled).toBe(false));
    fireEvent.click(toggle);
    await screen.findByText(/not granted, so cards stay off/);
    expect(calls).toEqual(['request']);
    expect(toggle.checked).toBe(false);
  });
});
