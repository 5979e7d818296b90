import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { askPage, registerNavigationWatch } from '@/lib/background/page-bridge';
import { PAGE_READER_GLOBAL, type PageDetection, type PageReaderHandle } from '@/lib/content-messaging';

type Injection = { target: { tabId: number }; func: (...args: unknown[]) => unknown; args: unknown[] };

/** Runs the injected function here, against a fake content-script handle, as the browser would in the tab. */
function scriptTab(handle: PageReaderHandle | undefined) {
  return vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (
    injection: Injection,
  ) => {
    (globalThis as Record<string, unknown>)[PAGE_READER_GLOBAL] = handle;
    try {
      return [{ frameId: 0, result: injection.func(...injection.args) }];
    } finally {
      delete (globalThis as Record<string, unknown>)[PAGE_READER_GLOBAL];
    }
  }) as never);
}

function fakeHandle(detection: PageDetection | null) {
  return { detection: vi.fn(() => detection), readNow: vi.fn(() => detection), rescan: vi.fn() };
}

describe('the background asks the content script (scripting.executeScript)', () => {
  let stop: () => void = () => undefined;
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => {
    stop();
    vi.restoreAllMocks();
  });

  it('reads what the content script found on a page that sent nothing', async () => {
    const detection = { url: 'https://news.example/shop/kettle', isArticle: false, signals: ['shop'] };
    const handle = fakeHandle(detection);
    const exec = scriptTab(handle);
    expect(await askPage(4)).toEqual(detection);
    expect(handle.readNow).toHaveBeenCalledOnce();
    expect(exec.mock.calls[0]![0]).toMatchObject({
      target: { tabId: 4 },
      args: [PAGE_READER_GLOBAL, 'readNow'],
    });
  });

  it.each([
    ['no content script in the tab', undefined, null],
    ['a handle that has nothing yet', fakeHandle(null), null],
  ])('answers null for %s', async (_name, handle, expected) => {
    scriptTab(handle);
    expect(await askPage(4)).toBe(expected);
  });

  it('answers null when the tab cannot be scripted', async () => {
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockRejectedValue(
      new Error('Cannot access a chrome:// URL'),
    );
    expect(await askPage(4)).toBeNull();
  });

  it.each([
    ['an in-page change of address', { url: 'https://news.example/world/ferry' }, true],
    ['a tab that only changed its status', { status: 'complete' } as { url?: string }, false],
    ['a browser page', { url: 'chrome://settings/' }, false],
    ['a file', { url: 'file:///home/reader/page.html' }, false],
  ])('asks the tab to read again after %s', async (_name, change, told) => {
    const handle = fakeHandle(null);
    scriptTab(handle);
    stop = registerNavigationWatch();
    await fakeBrowser.tabs.onUpdated.trigger(7, change, { id: 7 } as never);
    await vi.waitFor(() => expect(handle.rescan).toHaveBeenCalledTimes(told ? 1 : 0));
  });
});
