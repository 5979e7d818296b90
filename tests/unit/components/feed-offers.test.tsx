import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContextView } from '@/components/context/context-view';
import type { FeedOfferControl } from '@/components/context/feed-offers';
import { type BackfillControl, backfillSummary } from '@/components/context/more-coverage';
import type { BackfillSettings } from '@/core/feeds/backfill';
import type { FeedOffer } from '@/core/feeds/discover';
import { createBackfillControl, createFeedOfferControl } from '@/lib/feeds/discovery-client';
import { readyView } from './fixtures';

afterEach(cleanup);

const offer: FeedOffer = {
  url: 'https://news.example/feeds/world.xml',
  title: 'World <b>news</b>',
  type: 'rss',
  site: 'news.example',
};

function offers(list: FeedOffer[], granted = true) {
  const control = {
    list: vi.fn(async () => list),
    follow: vi.fn(() => ({
      granted: Promise.resolve(granted),
      followed: Promise.resolve({ feedsTurnedOn: true }),
    })),
  } satisfies FeedOfferControl;
  return control;
}

const settings = (enabled: boolean): BackfillSettings => ({
  enabled,
  template: 'https://www.bing.com/news/search?format=rss&q={query}&setlang={lang}',
  origin: 'https://www.bing.com/*',
  custom: false,
});

describe('feeds on this site', () => {
  it('lists the page’s feeds as text and follows one with a click', async () => {
    const control = offers([offer]);
    render(
      <ContextView view={{ state: 'not-article', url: 'https://news.example/' }} feedOffers={control} />,
    );
    const button = await screen.findByRole('button', { name: 'Follow the feed World <b>news</b>' });
    expect(screen.getByText('World <b>news</b>').tagName).toBe('SPAN'); // page text stays text
    fireEvent.click(button);
    expect(control.follow).toHaveBeenCalledWith(offer, 'https://news.example/');
    await screen.findByText('Following World <b>news</b>. News feeds are now on (options page).');
    expect(screen.queryByRole('button', { name: /Follow the feed/ })).toBeNull();
  });

  it('says so when the browser did not allow the feed’s site', async () => {
    render(<ContextView view={readyView()} feedOffers={offers([offer], false)} />);
    fireEvent.click(await screen.findByRole('button', { name: /Follow the feed/ }));
    await screen.findByText(/the browser did not allow news\.example/);
  });

  it('shows nothing when the page offers no feed', async () => {
    const control = offers([]);
    const { container } = render(<ContextView view={readyView()} feedOffers={control} />);
    await waitFor(() => expect(control.list).toHaveBeenCalled());
    expect(container.querySelector('#site-feeds')).toBeNull();
  });
});

describe('find more coverage', () => {
  function backfill(enabled: boolean) {
    return {
      settings: vi.fn(async () => settings(enabled)),
      find: vi.fn(async () => ({ query: '"Kim Jong Un" summit', lang: 'en', found: 4, added: 3, linked: 2 })),
    } satisfies BackfillControl;
  }

  it('is not shown while the provider is off', async () => {
    const control = backfill(false);
    render(<ContextView view={readyView()} backfill={control} />);
    await waitFor(() => expect(control.settings).toHaveBeenCalled());
    expect(screen.queryByRole('button', { name: 'Find more coverage' })).toBeNull();
  });

  it('searches on the click, says what it found and reloads the related stories', async () => {
    const control = backfill(true);
    const onRetry = vi.fn();
    render(<ContextView view={readyView()} backfill={control} onRetry={onRetry} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Find more coverage' }));
    expect(control.find).toHaveBeenCalledWith(1, 'https://www.bing.com/*');
    await screen.findByText(
      'Searched www.bing.com for “"Kim Jong Un" summit”: 3 new stories stored, 2 of them linked to this one.',
    );
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it.each([
    [{ found: 0, added: 0, linked: 0 }, 'nothing found.'],
    [{ found: 5, added: 0, linked: 0 }, 'nothing new, every story found is already here.'],
    [{ found: 5, added: 1, linked: 0 }, '1 new story stored, 0 of them linked to this one.'],
  ])('summarises %o', (counts, end) => {
    expect(backfillSummary({ query: 'q', lang: 'en', ...counts }, 'news.example')).toBe(
      `Searched news.example for “q”: ${end}`,
    );
  });
});

describe('the permission prompt is asked inside the click, before anything is awaited', () => {
  let request: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    vi.restoreAllMocks();
    fakeBrowser.reset();
    request = vi.fn(async () => true);
    (fakeBrowser as unknown as { permissions: unknown }).permissions = { request };
  });

  it('following a feed asks for the feed’s site at once', () => {
    const sent = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({
      ok: true,
      value: { feed: {}, added: true, feedsTurnedOn: false },
    });
    const { granted, followed } = createFeedOfferControl(() => 3).follow(
      offer,
      'https://news.example/world/',
    );
    expect(request).toHaveBeenCalledWith({ origins: ['https://news.example/*'] });
    expect(sent).toHaveBeenCalledWith({
      type: 'followPageFeed',
      data: { url: offer.url, title: offer.title, siteUrl: 'https://news.example' },
    });
    return Promise.all([granted, followed]);
  });

  it('backfill asks for the provider first, and sends nothing when refused', async () => {
    const sent = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    request.mockResolvedValue(false);
    const pending = createBackfillControl().find(7, 'https://www.bing.com/*');
    expect(request).toHaveBeenCalledWith({ origins: ['https://www.bing.com/*'] });
    await expect(pending).rejects.toThrow('Access to www.bing.com was not granted, so nothing was sent.');
    expect(sent).not.toHaveBeenCalled();
  });
});
