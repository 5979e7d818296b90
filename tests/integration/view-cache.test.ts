import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TabView } from '@/core/model';
import {
  clearViewCache,
  pickView,
  rememberedViews,
  rememberView,
  VIEW_CACHE_KEY,
  VIEW_CACHE_TABS,
} from '@/lib/view-cache';

const ready = (url: string): TabView => ({ state: 'ready', url }) as unknown as TabView;

describe('the remembered views (storage.session on the fake browser)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('remembers ready views, newest first, and forgets a tab whose view is no longer ready', async () => {
    await rememberView(1, ready('https://a.example/story'));
    await rememberView(2, ready('https://b.example/story'));
    expect((await rememberedViews()).map((e) => e.tabId)).toEqual([2, 1]);
    await rememberView(1, { state: 'loading', url: 'https://a.example/next' } as unknown as TabView);
    expect((await rememberedViews()).map((e) => e.tabId)).toEqual([2]);
  });

  it.each([
    ['the same page', 'https://a.example/story', true],
    ['the same page at another #fragment', 'https://a.example/story#comments', true],
    ['another page in that tab', 'https://a.example/other', false],
    ['no address known (a pinned tab)', null, true],
  ])('a tab showing %s gets its view: %s', async (_what, url, found) => {
    await rememberView(7, ready('https://a.example/story'));
    const views = await rememberedViews();
    expect(pickView(views, 7, url) !== null).toBe(found);
    expect(pickView(views, 8, url)).toBeNull();
  });

  it(`keeps the ${VIEW_CACHE_TABS} most recent tabs`, async () => {
    for (let tab = 1; tab <= VIEW_CACHE_TABS + 3; tab++)
      await rememberView(tab, ready(`https://a.example/${tab}`));
    const views = await rememberedViews();
    expect(views).toHaveLength(VIEW_CACHE_TABS);
    expect(views[0]?.tabId).toBe(VIEW_CACHE_TABS + 3);
  });

  it('reads a damaged entry as nothing, and clears', async () => {
    await fakeBrowser.storage.session.set({
      [VIEW_CACHE_KEY]: [{ tabId: 'x' }, null, 5, { tabId: 3, view: ready('https://c.example/') }],
    });
    expect((await rememberedViews()).map((e) => e.tabId)).toEqual([3]);
    await fakeBrowser.storage.session.set({ [VIEW_CACHE_KEY]: 'not a list' });
    expect(await rememberedViews()).toEqual([]);
    await rememberView(3, ready('https://c.example/'));
    await clearViewCache();
    expect(await rememberedViews()).toEqual([]);
  });
});
