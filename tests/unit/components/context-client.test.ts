import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TabView } from '@/core/model';
import { createContextClient, pinnedTabId } from '@/lib/context-client';

/** A stand-in background: answers getTabView like lib/messaging.ts's onMessage does. */
function answerTabViews(views: Record<number, TabView>) {
  const asked: number[] = [];
  fakeBrowser.runtime.onMessage.addListener((raw: unknown) => {
    const message = raw as { type?: string; data?: { tabId: number } };
    if (message.type !== 'getTabView' || !message.data) return undefined;
    asked.push(message.data.tabId);
    const value = views[message.data.tabId];
    return Promise.resolve(
      value ? { ok: true, value } : { ok: false, error: `No tab ${message.data.tabId}` },
    );
  });
  return asked;
}

/** Makes `url` the active tab of the current window (fakeBrowser does not track activation itself). */
function openTab(url: string, id = 3, windowId = 1) {
  const tab = {
    id,
    windowId,
    url,
    index: 0,
    active: true,
    highlighted: true,
    pinned: false,
    incognito: false,
  };
  const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab]);
  return { ...tab, query };
}

const article = (url: string): TabView => ({ state: 'analysing', url });

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('pinnedTabId', () => {
  it.each([
    ['?tab=12', 12],
    ['?x=1&tab=7', 7],
    ['', null],
    ['?tab=', null],
    ['?tab=abc', null],
    ['?tab=-3', null],
  ])('%s → %s', (search, expected) => {
    expect(pinnedTabId(search)).toBe(expected);
  });
});

describe('createContextClient', () => {
  it('asks for the tab pinned with ?tab=', async () => {
    const asked = answerTabViews({ 42: article('https://news.example/a') });
    const client = createContextClient({ search: '?tab=42' });
    expect(await client.getView()).toEqual(article('https://news.example/a'));
    expect(asked).toEqual([42]);
  });

  it('asks for the active tab of the current window otherwise', async () => {
    const tab = openTab('https://news.example/b');
    const asked = answerTabViews({ [tab.id]: article('https://news.example/b') });
    const client = createContextClient({ search: '' });
    expect(await client.getView()).toEqual(article('https://news.example/b'));
    expect(asked).toEqual([tab.id]);
    expect(tab.query).toHaveBeenCalledWith({ active: true, currentWindow: true });
  });

  it('answers unsupported for browser pages without asking the background', async () => {
    openTab('about:addons');
    const asked = answerTabViews({});
    const client = createContextClient({ search: '' });
    expect(await client.getView()).toEqual({ state: 'unsupported', url: 'about:addons' });
    expect(asked).toEqual([]);
  });

  it('turns a background error into a rejected promise', async () => {
    answerTabViews({});
    await expect(createContextClient({ search: '?tab=5' }).getView()).rejects.toThrow('No tab 5');
  });

  it('notifies on tabViewChanged for its own tab only', async () => {
    answerTabViews({ 42: article('https://news.example/a') });
    const client = createContextClient({ search: '?tab=42' });
    await client.getView();
    const onChange = vi.fn();
    const unsubscribe = client.subscribe(onChange);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'tabViewChanged', tabId: 7 }, {});
    expect(onChange).not.toHaveBeenCalled();
    await fakeBrowser.runtime.onMessage.trigger({ type: 'tabViewChanged', tabId: 42 }, {});
    expect(onChange).toHaveBeenCalledOnce();
    unsubscribe();
    await fakeBrowser.runtime.onMessage.trigger({ type: 'tabViewChanged', tabId: 42 }, {});
    expect(onChange).toHaveBeenCalledOnce();
  });

  it('follows tab switches and navigation with follow: true', async () => {
    const tab = openTab('https://news.example/b');
    answerTabViews({ [tab.id]: article('https://news.example/b') });
    const client = createContextClient({ search: '', follow: true });
    await client.getView();
    const onChange = vi.fn();
    const unsubscribe = client.subscribe(onChange);
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 99, windowId: tab.windowId });
    expect(onChange).toHaveBeenCalledTimes(1);
    await fakeBrowser.tabs.onUpdated.trigger(tab.id, { status: 'complete' }, tab);
    await fakeBrowser.tabs.onUpdated.trigger(tab.id, { url: 'https://news.example/c' }, tab);
    expect(onChange).toHaveBeenCalledTimes(3);
    await fakeBrowser.tabs.onUpdated.trigger(tab.id, { title: 'x' }, tab);
    await fakeBrowser.tabs.onUpdated.trigger(12345, { status: 'complete' }, tab);
    expect(onChange).toHaveBeenCalledTimes(3);
    unsubscribe();
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 100, windowId: tab.windowId });
    expect(onChange).toHaveBeenCalledTimes(3);
  });

  it('does not follow tabs in the popup', async () => {
    const tab = openTab('https://news.example/b');
    answerTabViews({ [tab.id]: article('https://news.example/b') });
    const client = createContextClient({ search: '' });
    await client.getView();
    const onChange = vi.fn();
    client.subscribe(onChange);
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 99, windowId: tab.windowId });
    expect(onChange).not.toHaveBeenCalled();
  });

  it('has no openSidePanel when the browser offers no panel', () => {
    // fakeBrowser stubs every API, Firefox's sidebarAction included: take it away for this test.
    const fake = fakeBrowser as unknown as { sidebarAction?: unknown };
    const sidebarAction = fake.sidebarAction;
    fake.sidebarAction = undefined;
    try {
      expect(createContextClient({ search: '' }).openSidePanel).toBeUndefined();
    } finally {
      fake.sidebarAction = sidebarAction;
    }
  });

  it('opens Firefox’s sidebar', async () => {
    const open = vi.fn(async () => {});
    const fake = fakeBrowser as unknown as { sidebarAction?: unknown };
    const sidebarAction = fake.sidebarAction;
    fake.sidebarAction = { open };
    try {
      await createContextClient({ search: '' }).openSidePanel?.();
      expect(open).toHaveBeenCalledOnce();
    } finally {
      fake.sidebarAction = sidebarAction;
    }
  });

  it('opens Chrome’s side panel for the current window', async () => {
    const open = vi.fn(async (_options: { windowId?: number; tabId?: number }) => {});
    vi.stubGlobal('chrome', { sidePanel: { open } });
    try {
      const tab = openTab('https://news.example/b');
      answerTabViews({ [tab.id]: article('https://news.example/b') });
      const client = createContextClient({ search: '' });
      await client.getView();
      await client.openSidePanel?.();
      expect(open).toHaveBeenCalledWith({ windowId: tab.windowId });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
