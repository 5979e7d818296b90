/**
 * The side panel follows tab switches without flicker: the previous context stays on screen until the next one
 * is ready, and the page says it is loading only when an answer takes longer than LOADING_DELAY_MS. Every DOM
 * change is recorded with a MutationObserver (the browser paints only between tasks, after such a batch), so a
 * single frame with a loading state or without any context fails the test.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ContextPage } from '@/components/context/context-page';
import { type ContextClient, LOADING_DELAY_MS, prefetchView } from '@/components/state/context-client';
import type { TabView } from '@/core/model';
import { readyView } from './fixtures';

afterEach(cleanup);

const storyA = readyView();
const storyB: TabView = (() => {
  const view = readyView();
  if (view.state !== 'ready') throw new Error('fixture');
  return {
    ...view,
    url: 'https://other.example/2025/06/28/talks-resume',
    context: {
      ...view.context,
      story: {
        ...view.context.story,
        id: 9,
        title: 'Talks resume after the summit',
        url: 'https://other.example/2025/06/28/talks-resume',
      },
    },
  };
})();

/** A client whose answers take `delays[i]` ms (the last repeats) and come from `views` in turn. */
function slowClient(views: TabView[], delays: number[]) {
  const listeners = new Set<() => void>();
  let calls = 0;
  const client: ContextClient & { emit(): void; calls(): number } = {
    getView() {
      const i = calls++;
      const view = views[Math.min(i, views.length - 1)]!;
      const delay = delays[Math.min(i, delays.length - 1)]!;
      return new Promise((resolve) => setTimeout(() => resolve(view), delay));
    },
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    emit() {
      for (const listener of listeners) listener();
    },
    calls: () => calls,
  };
  return client;
}

interface Frame {
  a: boolean;
  b: boolean;
  loading: boolean;
}

/** What the page shows after each batch of DOM changes. */
function recordFrames(root: Element): { frames: Frame[]; stop(): void } {
  const frames: Frame[] = [];
  const snapshot = () => {
    const text = root.textContent ?? '';
    const titles = [...root.querySelectorAll('h1')].map((h) => h.textContent ?? '');
    frames.push({
      a: titles.includes('Leaders meet at the border'),
      b: titles.includes('Talks resume after the summit'),
      loading:
        text.includes('Loading…') ||
        root.querySelector('[aria-busy="true"]') !== null ||
        root.querySelector('.spinner') !== null,
    });
  };
  const observer = new MutationObserver(snapshot);
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  return {
    frames,
    stop() {
      snapshot();
      observer.disconnect();
    },
  };
}

const titleOf = (name: string) => screen.findByRole('heading', { level: 1, name });

describe('the side panel across tab switches', () => {
  it('goes from one context to the next in one step when the answer is fast', async () => {
    const client = slowClient([storyA, storyB], [5, 40]);
    const { container } = render(<ContextPage client={client} />);
    await titleOf('Leaders meet at the border');
    const recording = recordFrames(container);
    client.emit();
    await titleOf('Talks resume after the summit');
    recording.stop();
    expect(recording.frames.length).toBeGreaterThan(0);
    for (const frame of recording.frames) {
      expect(frame.loading).toBe(false);
      expect(frame.a || frame.b).toBe(true);
    }
    expect(recording.frames.at(-1)).toEqual({ a: false, b: true, loading: false });
  });

  it('keeps the previous context and says it is loading only after the delay when the answer is slow', async () => {
    const client = slowClient([storyA, storyB], [5, LOADING_DELAY_MS + 250]);
    const { container } = render(<ContextPage client={client} />);
    await titleOf('Leaders meet at the border');
    const recording = recordFrames(container);
    const switched = Date.now();
    client.emit();
    await waitFor(() => expect(container.querySelector('[aria-busy="true"]')).not.toBeNull(), {
      timeout: 2000,
    });
    // Not before the delay, and with the previous story still on screen.
    expect(Date.now() - switched).toBeGreaterThanOrEqual(LOADING_DELAY_MS - 20);
    expect(screen.getByRole('heading', { level: 1, name: 'Leaders meet at the border' })).toBeTruthy();
    await titleOf('Talks resume after the summit');
    await waitFor(() => expect(container.querySelector('[aria-busy="true"]')).toBeNull());
    recording.stop();
    for (const frame of recording.frames) expect(frame.a || frame.b).toBe(true);
    expect(recording.frames.some((f) => f.loading)).toBe(true);
  });

  it('keeps only the newest answer when the reader switches twice quickly', async () => {
    // The first switch's answer comes last: it must not replace the second's.
    const client = slowClient([storyA, readyView(), storyB], [5, 120, 20]);
    render(<ContextPage client={client} />);
    await titleOf('Leaders meet at the border');
    client.emit();
    client.emit();
    await titleOf('Talks resume after the summit');
    await new Promise((r) => setTimeout(r, 200));
    expect(screen.getByRole('heading', { level: 1, name: 'Talks resume after the summit' })).toBeTruthy();
  });
});

describe('prefetchView (before the popup mounts)', () => {
  it('mounts with the context and asks the background only once', async () => {
    const client = slowClient([storyA], [10]);
    const start = await prefetchView(client);
    expect(start.initial).toEqual(storyA);
    const { container } = render(<ContextPage client={client} start={start} />);
    // The first frame already shows the article: no loading state at all.
    expect(container.textContent).toContain('Leaders meet at the border');
    expect(container.textContent).not.toContain('Loading…');
    await new Promise((r) => setTimeout(r, 50));
    expect(client.calls()).toBe(1);
  });

  it('shows the remembered view at once and then the background answer', async () => {
    const client = slowClient([storyB], [150]);
    client.cachedView = () => Promise.resolve(storyA);
    const start = await prefetchView(client);
    expect(start.initial).toEqual(storyA);
    render(<ContextPage client={client} start={start} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Leaders meet at the border' })).toBeTruthy();
    await titleOf('Talks resume after the summit');
  });

  it('asks again when its answer was "analysing": the change may have come before the page listened', async () => {
    const analysing: TabView = { state: 'analysing', url: 'https://news.example/2025/06/27/leaders-meet' };
    const client = slowClient([analysing, storyA], [5]);
    const start = await prefetchView(client);
    expect(start.initial).toEqual(analysing);
    // The article is read before the page mounts and subscribes: the notification reaches no one.
    client.emit();
    render(<ContextPage client={client} start={start} />);
    await titleOf('Leaders meet at the border');
    expect(client.calls()).toBe(2);
  });

  it('gives up waiting after the delay: the page mounts and says it is loading', async () => {
    const client = slowClient([storyA], [LOADING_DELAY_MS + 300]);
    client.cachedView = () => Promise.resolve(null);
    const started = Date.now();
    const start = await prefetchView(client);
    expect(start.initial).toBeNull();
    expect(Date.now() - started).toBeLessThan(LOADING_DELAY_MS + 250);
    render(<ContextPage client={client} start={start} />);
    expect(screen.getByRole('heading', { name: 'Loading…' })).toBeTruthy();
    await titleOf('Leaders meet at the border');
    expect(client.calls()).toBe(1);
  });
});
