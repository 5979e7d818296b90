import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerNavigationWatch } from '@/lib/background/navigation';

describe('single-page-app navigation watch', () => {
  let stop: () => void = () => undefined;
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => {
    stop();
    vi.restoreAllMocks();
  });

  it.each([
    ['an in-page change of address', { url: 'https://news.example/world/ferry' }, true],
    ['a tab that only changed its status', { status: 'complete' } as { url?: string }, false],
    ['a browser page', { url: 'chrome://settings/' }, false],
    ['a file', { url: 'file:///home/reader/page.html' }, false],
  ])('tells the tab about %s: %s', async (_name, change, told) => {
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    stop = registerNavigationWatch();
    await fakeBrowser.tabs.onUpdated.trigger(7, change, { id: 7 } as never);
    if (told)
      expect(send).toHaveBeenCalledWith(7, {
        type: 'locationChanged',
        url: (change as { url?: string }).url,
      });
    else expect(send).not.toHaveBeenCalled();
  });

  it('drops the message when no content script listens (a full page load, a page it cannot run on)', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist.'));
    stop = registerNavigationWatch();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    await fakeBrowser.tabs.onUpdated.trigger(3, { url: 'https://news.example/a' }, { id: 3 } as never);
    await new Promise((r) => setTimeout(r, 10));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });
});
