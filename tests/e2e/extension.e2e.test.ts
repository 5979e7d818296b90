/**
 * The built extension (.output/chrome-mv3) in Debian's Chromium: the corpus pages and the seed page served on
 * 127.0.0.1, the popup and side panel pages opened for the seed's tab.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEXT_KIT_GLOBAL } from '../../lib/text-kit';
import {
  currentWorker,
  type ExtensionBrowser,
  launchWithExtension,
  openExtensionPage,
  readStore,
  stopWorkers,
  tabIdOf,
  visit,
  waitForTab,
} from '../../scripts/lib/extension-browser';
import { demoPages, demoRoutes, SEED_PATH, type Site, serveRoutes } from '../../scripts/lib/serve';
import { collectPageErrors } from './lib/extension-errors';
import { generateArticle } from './lib/generated-articles';
import { STRICT_CSP } from './lib/strict-csp';

/** An article read only after the service worker was stopped (the text kit test). */
const RESTART_PATH = '/courier/after-restart';
/** An article served with a Content-Security-Policy that allows no script (tests/e2e/lib/strict-csp.ts). */
const STRICT_PATH = '/courier/strict-policy';

let b: ExtensionBrowser;
let site: Site;
const pageErrors: string[] = [];
let seed: { page: Page; tabId: number; view: string };
const corpusViews: { path: string; expected: string; view: string }[] = [];
const offMachine: string[] = [];

function watchErrors(page: Page) {
  collectPageErrors(page, pageErrors);
}

beforeAll(async () => {
  site = await serveRoutes(
    {
      ...demoRoutes(),
      '/library/hours': 'tests/fixtures/e2e/plain-page.html',
      '/spa/ferry-terminal': 'tests/fixtures/e2e/spa.html',
      '/spa-front/': 'tests/fixtures/e2e/spa-front.html',
      [RESTART_PATH]: Buffer.from(generateArticle(7, `http://127.0.0.1${RESTART_PATH}`).html, 'utf8'),
      [STRICT_PATH]: Buffer.from(generateArticle(8, `http://127.0.0.1${STRICT_PATH}`).html, 'utf8'),
    },
    { [STRICT_PATH]: { 'content-security-policy': STRICT_CSP } },
  );
  b = await launchWithExtension();
  // Every request the browser makes (pages, extension pages, the extension's worker where Playwright sees it).
  b.context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${site.origin}/`) && !/^(chrome-extension|data|blob):/.test(url))
      offMachine.push(url);
  });
  for (const p of demoPages()) {
    const v = await visit(b, site.origin + p.path);
    watchErrors(v.page);
    corpusViews.push({
      path: p.path,
      expected: p.kind === 'article' ? 'ready' : 'not-article',
      view: v.view,
    });
    await v.page.close();
  }
  seed = await visit(b, site.origin + SEED_PATH);
  watchErrors(seed.page);
});

afterAll(async () => {
  await b?.close();
  await site?.close();
});

describe('Backstory in Chromium', () => {
  it('reads every corpus page: articles analysed, the section front recognised as not an article', () => {
    expect(corpusViews.length).toBeGreaterThanOrEqual(8);
    for (const c of corpusViews) expect(c.view, c.path).toBe(c.expected);
  });

  it('detects the seed article and stores it in IndexedDB', async () => {
    expect(seed.view).toBe('ready');
    const stories = await readStore<{ url: string; title: string; publishedAt: string; publisher: string }>(
      b,
      'stories',
    );
    const story = stories.find(
      (s) => s.url === 'https://news.example/world/trump-north-korea-conflict-solved',
    );
    expect(story).toMatchObject({
      title: 'Trump Says U.S. Will “Get the Conflict Solved” With North Korea',
      publisher: 'The Daily Ledger',
    });
    expect(story?.publishedAt.slice(0, 10)).toBe('2025-06-27');
    const teasers = await readStore<{ url: string }>(b, 'teasers');
    expect(teasers.filter((t) => t.url.startsWith(`${site.origin}/world/`)).length).toBeGreaterThanOrEqual(
      17,
    );
  });

  it("remembers the read article's view in storage.session before any popup asks (a woken worker is not waited for)", async () => {
    // Written right after the tab's record turns ready (the worker's last step of the reading).
    const rememberedFor = async (tabId: number) => {
      const worker = await currentWorker(b);
      const all = await worker.evaluate(
        async () =>
          ((
            await (
              globalThis as unknown as {
                chrome: { storage: { session: { get(k: string): Promise<Record<string, unknown>> } } };
              }
            ).chrome.storage.session.get('lastTabViews')
          ).lastTabViews ?? []) as {
            tabId: number;
            view: { state: string; url: string };
          }[],
      );
      return all.find((e) => e.tabId === tabId)?.view ?? null;
    };
    await expect.poll(() => rememberedFor(seed.tabId), { timeout: 5000 }).toMatchObject({ state: 'ready' });
    expect((await rememberedFor(seed.tabId))?.url).toContain(SEED_PATH);
  });

  it('shows background, timeline and related stories in the popup', async () => {
    const popup = await openExtensionPage(b, 'popup', seed.tabId);
    watchErrors(popup);
    await popup.getByRole('heading', { name: /Get the Conflict Solved/ }).waitFor();
    // The whole timeline (a long one first shows its latest entries).
    await popup
      .locator('#timeline')
      .getByRole('button', { name: /^Show all \d+ timeline entries$/ })
      .click();
    const text = await popup.locator('body').innerText();
    expect(text).toContain('The Daily Ledger');
    // Background: who is involved.
    expect(text).toMatch(/Kim Jong Un/);
    expect(text).toMatch(/Donald Trump/);
    expect(text).toMatch(/Pyongyang/);
    // Timeline: the June 11, 2025 statement and the 2018–2019 summits, from the article's own sentences.
    expect(text).toMatch(/June 11, 2025/);
    expect(text).toMatch(/2018–2019/);
    expect(text).toMatch(/met Kim three times/);
    // Related: stories from the corpus, each with its reason.
    const related = popup.locator('#related ul.related > li');
    expect(await related.count()).toBeGreaterThanOrEqual(3);
    expect(await related.count()).toBeLessThanOrEqual(6);
    const relatedText = await popup.locator('#related').innerText();
    expect(relatedText).toMatch(/Singapore|Hanoi|Panmunjom|DMZ/);
    expect(relatedText).toMatch(/days? apart/);
    // Who's who across the reader's stories, what they read before, sentence links, search.
    expect(text).toMatch(/in \d+ of your stories since \w+ 20\d\d/);
    expect(text).toMatch(/You read before/);
    expect(await popup.locator('#timeline a[href*="#:~:text="]').count()).toBeGreaterThan(0);
    await popup.getByLabel('Search your stories').fill('kim');
    await popup.locator('.search-stories a').first().waitFor();
    expect(await popup.locator('.search-entities').innerText()).toMatch(/Kim Jong Un/);
    await popup.close();
  });

  it('shows the same context in the side panel page', async () => {
    const panel = await openExtensionPage(b, 'sidepanel', seed.tabId);
    watchErrors(panel);
    await panel.getByRole('heading', { name: /Get the Conflict Solved/ }).waitFor();
    expect(await panel.locator('body').innerText()).toMatch(/June 11, 2025/);
    await panel.close();
  });

  it('shows the not-a-news-page state on a page that is not an article', async () => {
    const v = await visit(b, `${site.origin}/library/hours`);
    watchErrors(v.page);
    expect(v.view).toBe('not-article');
    // The page sent nothing. Opened here as a page of its own (no click, so no activeTab grant to ask the
    // content script), the popup says that no article was read on it.
    const popup = await openExtensionPage(b, 'popup', v.tabId);
    await popup.getByText(/no article read on this page/i).waitFor();
    await popup.close();
  });

  it('reads a single-page app again after an in-page navigation, once per URL', async () => {
    const v = await visit(b, `${site.origin}/spa/ferry-terminal`);
    watchErrors(v.page);
    expect(v.view).toBe('ready');
    await v.page.click('#next');
    await v.page.waitForURL('**/spa/lighthouse');
    const deadline = Date.now() + 15_000;
    let titles: string[] = [];
    while (Date.now() < deadline) {
      titles = (await readStore<{ title: string }>(b, 'stories')).map((s) => s.title);
      if (titles.includes('Volunteers restore the old lighthouse')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(titles).toContain('Harbour authority approves new ferry terminal');
    expect(titles).toContain('Volunteers restore the old lighthouse');
    const tabs = await readStore<{ tabId: number; url: string; view: string }>(b, 'tabs');
    expect(tabs.find((t) => t.tabId === v.tabId)).toMatchObject({
      url: `${site.origin}/spa/lighthouse`,
      view: 'ready',
    });
    await v.page.close();
  });

  it("loads the reader only where a page may be an article, and a single-page app's next address", async () => {
    const page = await b.context.newPage();
    watchErrors(page);
    const readerRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/page-reader.js')) readerRequests.push(r.url());
    });
    // A front page (no article markup, a few paragraphs, the site's root): the content script's gate turns it away.
    await page.goto(`${site.origin}/spa-front/`);
    const tabId = await tabIdOf(b, page.url());
    expect((await waitForTab(b, tabId)).view).toBe('not-article');
    expect(readerRequests).toEqual([]);
    // The app opens a story without a page load: the gate loads the reader, which reads the new address.
    await page.click('#open');
    await page.waitForURL('**/harbour-pilots-vote-to-strike-over-night-shifts');
    await expect
      .poll(async () => (await readStore<{ title: string }>(b, 'stories')).map((s) => s.title), {
        timeout: 15_000,
      })
      .toContain('Harbour pilots vote to strike over night shifts');
    // The reader is asked for at the session's address (use_dynamic_url), not one a page could probe with the
    // extension's id (the browser then maps it to the extension's files: a second request, to the static id).
    expect(readerRequests.length).toBeGreaterThan(0);
    expect(readerRequests[0]).not.toContain(b.extensionId);
    await page.close();
  });

  it("reads an article whose page allows no script (its CSP): the extension's scripts are not the page's", async () => {
    const v = await visit(b, site.origin + STRICT_PATH);
    watchErrors(v.page);
    expect(v.view).toBe('ready');
    const stories = await readStore<{ url: string }>(b, 'stories');
    expect(stories.filter((s) => s.url.endsWith(STRICT_PATH))).toHaveLength(1);
    await v.page.close();
  });

  it('never changes the page: no DOM mutation while Backstory reads it', async () => {
    const page = await b.context.newPage();
    watchErrors(page);
    // The page counts every mutation of its DOM once the parser is done (before the content script runs).
    await page.addInitScript(() => {
      const w = window as unknown as { __mutations: number };
      w.__mutations = -1;
      document.addEventListener('DOMContentLoaded', () => {
        w.__mutations = 0;
        new MutationObserver((records) => {
          w.__mutations += records.length;
        }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      });
    });
    await page.goto(site.origin + SEED_PATH);
    const tabId = await tabIdOf(b, page.url());
    expect((await waitForTab(b, tabId)).view).toBe('ready');
    expect(await page.evaluate(() => (window as unknown as { __mutations: number }).__mutations)).toBe(0);
    await page.close();
  });

  it('a restarted worker answers the popup without the text kit, and loads it to read the next article', async () => {
    // Stop the worker, as the browser does after 30 s idle.
    const page = await b.context.newPage();
    // Playwright does not always report the close; the kit test below shows the worker is a new one.
    await stopWorkers(b.context, await b.context.newCDPSession(page));
    // The popup's context comes from the store: the new worker answers it without loading the text kit (the
    // worker before it had loaded it to read the pages above).
    const popup = await openExtensionPage(b, 'popup', seed.tabId);
    watchErrors(popup);
    await popup.getByRole('heading', { name: /Get the Conflict Solved/ }).waitFor();
    const kitLoaded = (w: Awaited<ReturnType<typeof currentWorker>>) =>
      w.evaluate((name) => name in globalThis, TEXT_KIT_GLOBAL);
    expect(await kitLoaded(await currentWorker(b))).toBe(false);
    await popup.close();
    // A new article: the worker imports text-kit.js (from its script cache, as it did at install) and reads it.
    const v = await visit(b, site.origin + RESTART_PATH);
    watchErrors(v.page);
    expect(v.view).toBe('ready');
    expect(await kitLoaded(await currentWorker(b))).toBe(true);
    const stories = await readStore<{ url: string; entityKeys: string[] }>(b, 'stories');
    const story = stories.find((s) => s.url.endsWith(RESTART_PATH));
    expect(story?.entityKeys.length).toBeGreaterThan(0);
    await v.page.close();
    await page.close();
  });

  it('logs no errors from the extension', () => {
    expect(pageErrors).toEqual([]);
  });

  it('makes no request off this machine (the demo pages themselves load nothing external)', () => {
    expect(offMachine).toEqual([]);
    // What the extension's own contexts asked for, as every suite checks when it closes its browser.
    expect(b.offMachine).toEqual([]);
  });

  it('the network watch of every suite sees a request of an extension page and of the worker (it can fail)', async () => {
    const options = await openExtensionPage(b, 'options');
    await options.evaluate(() => fetch('https://backstory-watch.invalid/page').catch(() => undefined));
    const worker = await currentWorker(b);
    await worker.evaluate(() => fetch('https://backstory-watch.invalid/worker').catch(() => undefined));
    await expect.poll(() => b.offMachine.length).toBe(2);
    expect(b.offMachine.sort()).toEqual([
      'https://backstory-watch.invalid/page',
      'https://backstory-watch.invalid/worker',
    ]);
    b.offMachine.length = 0; // planted here: not Backstory's
    await options.close();
  });
});
