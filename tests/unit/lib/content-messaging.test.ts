import { afterEach, describe, expect, it, vi } from 'vitest';
import { contentRuntime, onLocationChanged, postToBackground } from '@/lib/content-messaging';

function fakeRuntime(id: string | undefined, send: (m: unknown) => Promise<unknown>) {
  const listeners: ((m: unknown) => undefined)[] = [];
  return {
    id,
    sendMessage: vi.fn(send),
    onMessage: { addListener: (cb: (m: unknown) => undefined) => listeners.push(cb) },
    emit: (m: unknown) => {
      for (const cb of listeners) cb(m);
    },
  };
}

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
    const ok = fakeRuntime('x', async () => ({ ok: true, value: null }));
    postToBackground(ok, 'pageCaptured', { url: 'https://a.example/x', html: '<p>x</p>' });
    expect(ok.sendMessage).toHaveBeenCalledWith({
      type: 'pageCaptured',
      data: { url: 'https://a.example/x', html: '<p>x</p>' },
    });
    const rejecting = fakeRuntime('x', () => Promise.reject(new Error('Could not establish connection')));
    expect(() =>
      postToBackground(rejecting, 'pageCaptured', { url: 'https://a.example/', html: '' }),
    ).not.toThrow();
    const throwing = fakeRuntime('x', () => {
      throw new Error('Extension context invalidated.');
    });
    expect(() =>
      postToBackground(throwing, 'pageCaptured', { url: 'https://a.example/', html: '' }),
    ).not.toThrow();
    const gone = fakeRuntime(undefined, async () => undefined);
    postToBackground(gone, 'pageCaptured', { url: 'https://a.example/', html: '' });
    expect(gone.sendMessage).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 0));
  });

  it('hears only well-formed location changes', () => {
    const runtime = fakeRuntime('x', async () => undefined);
    const seen: string[] = [];
    onLocationChanged(runtime, (url) => seen.push(url));
    runtime.emit({ type: 'locationChanged', url: 'https://a.example/next' });
    runtime.emit({ type: 'locationChanged' });
    runtime.emit({ type: 'tabViewChanged', tabId: 1 });
    runtime.emit(null);
    expect(seen).toEqual(['https://a.example/next']);
  });
});
