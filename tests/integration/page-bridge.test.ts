import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { askPage } from '@/lib/background/page-bridge';
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
  return { readNow: vi.fn(() => detection) };
}

describe('the background asks the content script (scripting.executeScript)', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('reads what the content script found on a page that sent nothing', async () => {
    const detection = { url: 'https://news.example/shop/kettle', isArticle: false, signals: ['shop'] };
    const handle = fakeHandle(detection);
    const exec = scriptTab(handle);
    expect(await askPage(4)).toEqual(detection);
    expect(handle.readNow).toHaveBeenCalledOnce();
    expect(exec.mock.calls[0]![0]).toMatchObject({
      target: { tabId: 4 },
      args: [PAGE_READER_GLOBAL],
    });
  });

  it.each([
    ['no content script in the tab', undefined, null],
    ['a handle that has nothing yet', fakeHandle(null), null],
  ])('answers null for %s', async (_name, handle, expected) => {
    scriptTab(handle);
    expect(await askPage(4)).toBe(expected);
  });

  it('answers null without an activeTab grant (the side panel, a tab in the background)', async () => {
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockRejectedValue(
      new Error('Cannot access a chrome:// URL'),
    );
    expect(await askPage(4)).toBeNull();
  });
});
