import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  contentRuntime,
  installPageReader,
  PAGE_READER_GLOBAL,
  postToBackground,
} from '@/lib/content-messaging';

const fakeRuntime = (id: string | undefined, send: (m: unknown) => Promise<unknown>) => ({
  id,
  sendMessage: vi.fn(send),
});

describe('content script messaging without the polyfill', () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    ['Firefox (browser)', 'browser'],
    ['Chrome (chrome)', 'chrome'],
  ])('finds the runtime in %s', (_name, global) => {
    const runtime = fakeRuntime('ext-id', async () => undefined);
    vi.stubGlobal('browser', undefined);
    vi.stubGlobal(global, { runtime });
    expect(contentRuntime()).toBe(runtime);
  });

  it('has no runtime once the extension is unloaded (no id)', () => {
    vi.stubGlobal('browser', undefined);
    vi.stubGlobal('chrome', { runtime: fakeRuntime(undefined, async () => undefined) });
    expect(contentRuntime()).toBeNull();
  });

  it('sends protocol envelopes and swallows every failure', async () => {
    vi.stubGlobal('browser', undefined);
    const ok = fakeRuntime('x', async () => ({ ok: true, value: null }));
    vi.stubGlobal('chrome', { runtime: ok });
    postToBackground('pageCaptured', { url: 'https://a.example/x', html: '<p>x</p>' });
    expect(ok.sendMessage).toHaveBeenCalledWith({
      type: 'pageCaptured',
      data: { url: 'https://a.example/x', html: '<p>x</p>' },
    });
    vi.stubGlobal('chrome', {
      runtime: fakeRuntime('x', () => Promise.reject(new Error('No receiving end'))),
    });
    expect(() => postToBackground('pageCaptured', { url: 'https://a.example/', html: '' })).not.toThrow();
    const throwing = fakeRuntime('x', () => {
      throw new Error('Extension context invalidated.');
    });
    vi.stubGlobal('chrome', { runtime: throwing });
    expect(() => postToBackground('pageCaptured', { url: 'https://a.example/', html: '' })).not.toThrow();
    const gone = fakeRuntime(undefined, async () => undefined);
    vi.stubGlobal('chrome', { runtime: gone });
    postToBackground('pageCaptured', { url: 'https://a.example/', html: '' });
    expect(gone.sendMessage).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 0));
  });

  it('puts the handle on the isolated world global the background reads', () => {
    const handle = { readNow: () => null };
    installPageReader(handle);
    expect((globalThis as Record<string, unknown>)[PAGE_READER_GLOBAL]).toBe(handle);
    delete (globalThis as Record<string, unknown>)[PAGE_READER_GLOBAL];
  });
});
