/** The options page's feeds section with a fake client: text stays text, links are http(s) only, and the
 * browser's permission prompt is asked for inside the click, before anything is awaited. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type FeedsClient, FeedsSection } from '@/components/options/feeds-section';
import type { FeedInfo } from '@/lib/feeds/store';

function fakeClient(feeds: FeedInfo[], enabled = true): FeedsClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    list: async () => ({ enabled, feeds }),
    setEnabled: async (on) => ({ enabled: on }),
    requestOrigins: vi.fn((urls: string[]) => {
      calls.push(`request ${urls.join(' ')}`);
      return Promise.resolve(true);
    }),
    add: vi.fn(async (url: string) => {
      calls.push(`add ${url}`);
      return {
        feed: { id: 9, url, title: 'example.org', addedTs: 0, nextFetchTs: 0, errorCount: 0 },
        added: true,
      };
    }),
    remove: async () => ({ removed: true }),
    importOpml: async () => ({ added: 0, known: 0, feeds: [] }),
    exportOpml: async () => ({ text: '' }),
    checkNow: async () => ({ enabled: true, fetched: 0, newItems: 0 }),
    saveFile: () => undefined,
  };
}

const feed = (over: Partial<FeedInfo>): FeedInfo => ({
  id: 1,
  url: 'https://a.example/feed.xml',
  title: 'A',
  addedTs: 0,
  nextFetchTs: 0,
  errorCount: 0,
  ...over,
});

afterEach(cleanup);

describe('FeedsSection', () => {
  it('renders feed titles and results as text, and links only to http(s) sites', async () => {
    const { container } = render(
      <FeedsSection
        client={fakeClient([
          feed({
            title: '<img src=x onerror=alert(1)>',
            siteUrl: 'javascript:alert(1)',
            lastResult: 'error',
            lastError: '<b>bad</b>',
          }),
          feed({ id: 2, title: 'Good', siteUrl: 'https://good.example/', lastResult: 'not modified' }),
        ])}
      />,
    );
    await screen.findByText('<img src=x onerror=alert(1)>');
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText(/<b>bad<\/b>/)).toBeTruthy();
    const links = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['https://good.example/']);
    expect(screen.getByText('not modified')).toBeTruthy();
  });

  it('asks the browser for the feed’s site in the click, then adds the feed', async () => {
    const client = fakeClient([]);
    render(<FeedsSection client={client} />);
    const input = await screen.findByLabelText('Feed address');
    fireEvent.input(input, { target: { value: 'https://example.org/rss' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add feed' }));
    // Synchronously, before any await: the browser only prompts during the user's gesture.
    expect(client.calls[0]).toBe('request https://example.org/rss');
    await waitFor(() => expect(client.calls).toContain('add https://example.org/rss'));
    await screen.findByText(/Added example\.org/);
  });

  it('refuses an address that is not http(s) without asking anything', async () => {
    const client = fakeClient([]);
    render(<FeedsSection client={client} />);
    const input = await screen.findByLabelText('Feed address');
    fireEvent.input(input, { target: { value: 'file:///etc/passwd' } });
    fireEvent.submit(input.closest('form')!);
    await screen.findByText(/starting with https:\/\//);
    expect(client.calls).toEqual([]);
  });
});
