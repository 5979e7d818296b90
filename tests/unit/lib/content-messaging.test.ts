import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  contentRuntime,
  installPageReader,
  PAGE_READER_GLOBAL,
  postCapture,
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

  it.each([
    ['a page that fits one message', 'a'.repeat(100), 100, 1],
    ['a page of three parts', 'abcdefghij'.repeat(25), 100, 3],
    ['a page whose cut would split a character', `${'a'.repeat(99)}😀${'b'.repeat(99)}`, 100, 3],
  ])('sends %s', async (_name, html, partChars, expected) => {
    vi.stubGlobal('browser', undefined);
    const runtime = fakeRuntime('x', async () => ({ ok: true, value: null }));
    vi.stubGlobal('chrome', { runtime });
    const log: string[] = [];
    runtime.sendMessage.mockImplementation(async (m: unknown) => {
      log.push('send');
      return m;
    });
    const queue: (() => void)[] = [];
    postCapture(
      'https://a.example/x',
      html,
      (step) =>
        void queue.push(() => {
          log.push('yield');
          step();
        }),
      partChars,
    );
    for (let step = queue.shift(); step; step = queue.shift()) step();
    const sent = runtime.sendMessage.mock.calls.map(
      ([m]) => m as { type: string; data: Record<string, unknown> },
    );
    expect(sent).toHaveLength(expected);
    if (expected === 1) {
      expect(sent[0]).toEqual({ type: 'pageCaptured', data: { url: 'https://a.example/x', html } });
      return;
    }
    expect(sent.map((m) => m.type)).toEqual(Array(expected).fill('pageCapturedPart'));
    expect(sent.map((m) => m.data.index)).toEqual([...Array(expected).keys()]);
    expect(sent.map((m) => m.data.last)).toEqual([...Array(expected - 1).fill(false), true]);
    expect(new Set(sent.map((m) => m.data.upload)).size).toBe(1);
    expect(sent.map((m) => m.data.html).join('')).toBe(html);
    for (const m of sent) {
      expect((m.data.html as string).length).toBeLessThanOrEqual(partChars);
      expect(m.data.html).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
    }
    // Each part in a task of its own, the first too (the capture's last step came before it).
    expect(log.join(' ')).toBe(Array(expected).fill('yield send').join(' '));
  });

  it('puts the handle on the isolated world global the background reads', () => {
    const handle = { readNow: () => null };
    installPageReader(handle);
    expect((globalThis as Record<string, unknown>)[PAGE_READER_GLOBAL]).toBe(handle);
    delete (globalThis as Record<string, unknown>)[PAGE_READER_GLOBAL];
  });
});
