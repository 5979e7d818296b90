import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { analyzeArticle } from '@/core/nlp/analyze';
import { siteOf } from '@/core/site';
import { createHandlers, registerHandlers } from '@/lib/background/handlers';
import { pausedSites } from '@/lib/background/pause';
import { BackstoryDB } from '@/lib/db/schema';
import { ProtocolError, sendMessage } from '@/lib/messaging';
import { createStoryService } from '@/lib/story-service';
import { seedReading } from './helpers';

let db: BackstoryDB;
let handlers: ReturnType<typeof createHandlers>;

beforeEach(() => {
  fakeBrowser.reset();
  db = new BackstoryDB(`pause-${Math.random()}`);
  const service = createStoryService(db, { analyze: analyzeArticle });
  handlers = createHandlers(db, service);
  registerHandlers(db, service);
});

describe('pause on this site', () => {
  it.each([
    ['https://www.News.Example/world/a', 'news.example'],
    ['http://blog.example:8080/x', 'blog.example'],
    ['file:///home/a.html', null],
    ['not a url', null],
  ])('the site of %s is %s', (url, site) => {
    expect(siteOf(url)).toBe(site);
  });

  it('reads and keeps nothing from a paused site, says so, and reads again once resumed', async () => {
    const seed = seedReading();
    const site = siteOf(seed.url)!;
    const tabId = (await fakeBrowser.tabs.create({ url: seed.url })).id!;
    expect(await sendMessage('setSitePaused', { site, paused: true })).toMatchObject({ site, sites: [site] });

    expect(await handlers.pageRead(seed, { tabId })).toEqual({ storyId: null, related: 0 });
    expect(
      await handlers.pageCaptured({ url: seed.url, html: '<html><body><p>x</p></body></html>' }, { tabId }),
    ).toEqual({
      storyId: null,
      related: 0,
    });
    expect(await db.stories.count()).toBe(0);
    expect(await db.teasers.count()).toBe(0);
    expect(await sendMessage('getTabView', { tabId })).toEqual({ state: 'paused', url: seed.url, site });

    await sendMessage('setSitePaused', { site, paused: false });
    expect(await pausedSites(db)).toEqual([]);
    // Opened while paused: not read; the reader is told to reload.
    expect((await sendMessage('getTabView', { tabId })).state).toBe('unread');
    await handlers.pageRead(seed, { tabId });
    expect((await sendMessage('getTabView', { tabId })).state).toBe('ready');
  });

  it.each([
    ['an empty site', { site: '', paused: true }],
    ['a URL instead of a host', { site: 'https://news.example/', paused: true }],
    ['markup', { site: '<b>x</b>', paused: true }],
    ['no flag', { site: 'news.example' }],
  ])('refuses %s', async (_name, data) => {
    await expect(sendMessage('setSitePaused', data as never)).rejects.toThrow(ProtocolError);
    expect(await pausedSites(db)).toEqual([]);
  });
});
