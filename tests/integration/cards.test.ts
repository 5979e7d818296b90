import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { analyzeArticle } from '@/core/nlp/analyze';
import { createHandlers, registerHandlers } from '@/lib/background/handlers';
import {
  CARD_TTL_MS,
  CARDS_SETTING,
  createCardService,
  MISS_TTL_MS,
  RETRY_AFTER_MS,
} from '@/lib/cards/cards';
import { BackstoryDB } from '@/lib/db/schema';
import { sendMessage } from '@/lib/messaging';
import { createStoryService } from '@/lib/story-service';
import { seedReading } from './helpers';

let db: BackstoryDB;
let clock: number;
const subjects = [
  { key: 'person:kim jong un', name: 'Kim Jong Un' },
  { key: 'place:pyongyang', name: 'Pyongyang' },
];

function summary(title: string) {
  return {
    type: 'standard',
    title,
    extract: `${title} is in the news.`,
    content_urls: { desktop: { page: `https://en.wikipedia.org/wiki/${title.replace(/ /g, '_')}` } },
  };
}

/** A fetch that answers like Wikipedia's summary endpoint, and records what was asked. */
function wikipedia(status: Record<string, number> = {}) {
  const asked: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    asked.push(url);
    expect(init?.credentials).toBe('omit');
    const title = decodeURIComponent(url.split('/summary/')[1]!).replace(/_/g, ' ');
    const code = status[title] ?? 200;
    if (code === 0) throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(code === 200 ? summary(title) : { type: 'not_found' }), {
      status: code,
      headers: { 'content-type': 'application/json' },
    });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, asked };
}

beforeEach(() => {
  fakeBrowser.reset();
  db = new BackstoryDB(`cards-${Math.random()}`);
  clock = Date.UTC(2026, 0, 1);
});

const now = () => clock;

describe('encyclopedia cards', () => {
  it('are off by default: nothing is requested, not even with the permission', async () => {
    const w = wikipedia();
    const cards = createCardService(db, { fetch: w.fetch, now, hasPermission: async () => true });
    expect(await cards.settings()).toEqual({ enabled: false, permission: true, cached: 0 });
    expect(await cards.refresh(subjects, 'en')).toBe(0);
    expect(w.asked).toEqual([]);
  });

  it('need the permission too: turned on without it, nothing is requested', async () => {
    const w = wikipedia();
    const cards = createCardService(db, { fetch: w.fetch, now, hasPermission: async () => false });
    await cards.setEnabled(true);
    expect(await cards.refresh(subjects, 'en')).toBe(0);
    expect(w.asked).toEqual([]);
  });

  it('once on and granted, fetch the names in the article’s language, cache them, and do not ask again', async () => {
    const w = wikipedia();
    const cards = createCardService(db, {
      fetch: w.fetch,
      now,
      hasPermission: async () => true,
      online: () => true,
    });
    await cards.setEnabled(true);
    expect(await cards.refresh(subjects, 'de')).toBe(2);
    expect(w.asked).toEqual([
      'https://de.wikipedia.org/api/rest_v1/page/summary/Kim_Jong_Un',
      'https://de.wikipedia.org/api/rest_v1/page/summary/Pyongyang',
    ]);
    const cached = await cards.cached(
      subjects.map((s) => s.key),
      'de',
    );
    expect(cached['person:kim jong un']).toEqual({
      entityKey: 'person:kim jong un',
      lang: 'de',
      title: 'Kim Jong Un',
      summary: 'Kim Jong Un is in the news.',
      url: 'https://en.wikipedia.org/wiki/Kim_Jong_Un',
      fetchedTs: clock,
      stale: false,
    });
    expect(await cards.refresh(subjects, 'de')).toBe(0);
    expect(w.asked).toHaveLength(2);
    expect((await db.cards.get('de:place:pyongyang'))?.expiresTs).toBe(clock + CARD_TTL_MS);
  });

  it('show an expired card from the cache, marked stale, when offline or Wikipedia is unreachable', async () => {
    let online = true;
    const w = wikipedia();
    const deps = { fetch: w.fetch, now, hasPermission: async () => true, online: () => online };
    const cards = createCardService(db, deps);
    await cards.setEnabled(true);
    await cards.refresh(subjects, 'en');
    clock += CARD_TTL_MS + 1;
    online = false;
    expect(await cards.refresh(subjects, 'en')).toBe(0);
    expect(w.asked).toHaveLength(2);
    const offline = await cards.cached(['person:kim jong un'], 'en');
    expect(offline['person:kim jong un']).toMatchObject({
      stale: true,
      summary: 'Kim Jong Un is in the news.',
    });
    // Back online, but the network fails: still the old card, and no retry for a while.
    online = true;
    const failing = wikipedia({ 'Kim Jong Un': 0, Pyongyang: 503 });
    const cards2 = createCardService(db, { ...deps, fetch: failing.fetch });
    expect(await cards2.refresh(subjects, 'en')).toBe(0);
    expect((await cards2.cached(['person:kim jong un'], 'en'))['person:kim jong un']?.stale).toBe(true);
    await cards2.refresh(subjects, 'en');
    expect(failing.asked).toHaveLength(2);
    clock += RETRY_AFTER_MS + 1;
    await cards2.refresh(subjects, 'en');
    expect(failing.asked).toHaveLength(4);
    // Once reachable again, the card is refreshed.
    const cards3 = createCardService(db, { ...deps, fetch: wikipedia().fetch });
    expect(await cards3.refresh(subjects, 'en')).toBe(2);
    expect((await cards3.cached(['person:kim jong un'], 'en'))['person:kim jong un']?.stale).toBe(false);
  });

  it('remember a name without an article (404, disambiguation) for a while, and show no card for it', async () => {
    const w = wikipedia({ Pyongyang: 404 });
    const cards = createCardService(db, {
      fetch: w.fetch,
      now,
      hasPermission: async () => true,
      online: () => true,
    });
    await cards.setEnabled(true);
    expect(await cards.refresh(subjects, 'en')).toBe(1);
    expect(Object.keys(await cards.cached(['place:pyongyang', 'person:kim jong un'], 'en'))).toEqual([
      'person:kim jong un',
    ]);
    await cards.refresh(subjects, 'en');
    expect(w.asked).toHaveLength(2);
    clock += MISS_TTL_MS + 1;
    await cards.refresh(subjects, 'en');
    expect(w.asked.filter((u) => u.endsWith('Pyongyang'))).toHaveLength(2);
  });

  it('turned off, forget the cached cards', async () => {
    const cards = createCardService(db, { fetch: wikipedia().fetch, now, hasPermission: async () => true });
    await cards.setEnabled(true);
    await cards.refresh(subjects, 'en');
    expect((await cards.settings()).cached).toBe(2);
    expect(await cards.setEnabled(false)).toEqual({ enabled: false, permission: true, cached: 0 });
    expect((await db.settings.get(CARDS_SETTING))?.value).toEqual({ enabled: false });
  });
});

describe('cards through the messages (fake browser)', () => {
  it('setCardSettings / getCardSettings; the tab view carries cached cards and fetches the missing ones', async () => {
    const w = wikipedia();
    vi.stubGlobal('fetch', w.fetch);
    const contains = vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    try {
      const service = createStoryService(db, { analyze: analyzeArticle });
      registerHandlers(db, service);
      const handlers = createHandlers(db, service);
      const seed = seedReading();
      const tab = await fakeBrowser.tabs.create({ url: seed.url });
      await handlers.pageRead(seed, { tabId: tab.id! });

      expect(await sendMessage('getCardSettings', {})).toEqual({
        enabled: false,
        permission: true,
        cached: 0,
      });
      const off = await sendMessage('getTabView', { tabId: tab.id! });
      expect(off.state === 'ready' && off.context.cards).toBeUndefined();
      expect(w.asked).toEqual([]);

      expect(await sendMessage('setCardSettings', { enabled: true })).toMatchObject({ enabled: true });
      const changed = new Promise<void>((resolve) =>
        fakeBrowser.runtime.onMessage.addListener((m: unknown) => {
          if ((m as { type?: string }).type === 'tabViewChanged') resolve();
        }),
      );
      await sendMessage('getTabView', { tabId: tab.id! });
      await changed;
      expect(w.asked.length).toBeGreaterThan(0);
      expect(w.asked.every((u) => u.startsWith('https://en.wikipedia.org/api/rest_v1/page/summary/'))).toBe(
        true,
      );
      expect(w.asked).toContain('https://en.wikipedia.org/api/rest_v1/page/summary/Kim_Jong_Un');
      const on = await sendMessage('getTabView', { tabId: tab.id! });
      expect(on.state).toBe('ready');
      if (on.state !== 'ready') return;
      expect(on.context.cards?.['person:kim jong un']).toMatchObject({ title: 'Kim Jong Un', stale: false });

      // The look-up shows the card of its entity too.
      const found = await sendMessage('lookup', { query: 'Kim Jong Un' });
      expect(found.entities[0]?.card?.title).toBe('Kim Jong Un');

      await expect(sendMessage('setCardSettings', { enabled: 'yes' } as never)).rejects.toThrow(
        /invalid message/,
      );
      expect(await sendMessage('setCardSettings', { enabled: false })).toMatchObject({
        enabled: false,
        cached: 0,
      });
      expect(contains).toHaveBeenCalledWith({
        origins: ['https://*.wikipedia.org/*', 'https://www.wikidata.org/*'],
      });
    } finally {
      vi.unstubAllGlobals();
      contains.mockRestore();
    }
  });
});
