/**
 * What a reader sees, in the built extension in Debian's Chromium, after the demo corpus and the seed article
 * were read: the in-page badges on a front page (opt-in: none while off, none on a paused site; drawn in a
 * closed shadow root with no layout shift and no change to the page outside Backstory's host), and the
 * screenshots the README shows (docs/popup.png, docs/sidepanel.png, docs/sidepanel-dark.png, docs/options.png,
 * docs/badges.png), taken here so they stay current.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChromeInPage,
  currentWorker,
  type ExtensionBrowser,
  launchWithExtension,
  openExtensionPage,
  visit,
} from '../../scripts/lib/extension-browser';
import { demoPages, demoRoutes, ROOT, SEED_PATH, type Site, serveRoutes } from '../../scripts/lib/serve';
import { collectPageErrors } from './lib/extension-errors';

declare const chrome: ChromeInPage & {
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
};

const DOCS = path.join(ROOT, 'docs');
const FRONT_PATH = '/front';
/** Longer than the content script's wait before it looks (1.5 s after idle) plus the background's answer. */
const SETTLE_MS = 6000;
/** The headlines of tests/fixtures/e2e/front-page.html whose stories the demo corpus has. */
const KNOWN = [
  'A handshake at the border line, and a step across it',
  'Talks in Stockholm end within a day',
  'Hanoi summit cut short with no agreement',
  'Paris side lifts the European trophy at last',
];

let b: ExtensionBrowser;
let site: Site;
let seedTab: number;
const pageErrors: string[] = [];

function watchErrors(page: Page) {
  collectPageErrors(page, pageErrors);
}

interface Observed {
  shifts: number;
  mutations: { type: string; target: string; added: string[]; removed: string[]; attribute: string | null }[];
}

/**
 * Opens the front page with two recorders installed before its scripts run: the layout shifts (the page's own
 * PerformanceObserver) and every DOM change after the load event (a MutationObserver on the whole document).
 */
async function openFront(): Promise<Page> {
  const page = await b.context.newPage();
  watchErrors(page);
  await page.addInitScript(() => {
    const w = window as unknown as { __observed: Observed };
    w.__observed = { shifts: 0, mutations: [] };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
      })[]) {
        if (!entry.hadRecentInput) w.__observed.shifts += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
    addEventListener('load', () => {
      new MutationObserver((records) => {
        for (const r of records) {
          w.__observed.mutations.push({
            type: r.type,
            target: r.target === document.documentElement ? 'HTML' : r.target.nodeName,
            added: [...r.addedNodes].map((n) => n.nodeName),
            removed: [...r.removedNodes].map((n) => n.nodeName),
            attribute: r.attributeName,
          });
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
  });
  await page.setViewportSize({ width: 1100, height: 760 });
  await page.goto(site.origin + FRONT_PATH, { waitUntil: 'load' });
  return page;
}

const observed = (page: Page) =>
  page.evaluate(() => (window as unknown as { __observed: Observed }).__observed);

interface DomNode {
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: (DomNode & { shadowRootType?: string })[];
  backendNodeId: number;
}

/** The badges as DevTools sees them (it pierces closed shadow roots, which the page's scripts cannot). */
async function badgesOf(page: Page): Promise<{ hosts: number; mode: string | undefined; badges: string[] }> {
  const cdp = await b.context.newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const hosts: DomNode[] = [];
    const walk = (node: DomNode) => {
      if (node.nodeName === 'BACKSTORY-BADGES') hosts.push(node);
      for (const child of node.children ?? []) walk(child);
    };
    walk(root);
    const shadow = hosts[0]?.shadowRoots?.[0];
    const badges: string[] = [];
    for (const child of shadow?.children ?? []) {
      if (child.nodeName !== 'SPAN' || (child.attributes ?? []).includes('hidden')) continue;
      // Drawn on screen: it has a box.
      const box = await cdp.send('DOM.getBoxModel', { backendNodeId: child.backendNodeId }).catch(() => null);
      if (box) badges.push((child.children ?? []).map((c) => c.nodeValue ?? '').join(''));
    }
    return { hosts: hosts.length, mode: shadow?.shadowRootType, badges };
  } finally {
    await cdp.detach();
  }
}

async function setPaused(paused: boolean) {
  const options = await openExtensionPage(b, 'options');
  const reply = await options.evaluate(
    (p) => chrome.runtime.sendMessage({ type: 'setSitePaused', data: { site: '127.0.0.1', paused: p } }),
    paused,
  );
  expect(reply).toMatchObject({ ok: true });
  await options.close();
}

beforeAll(async () => {
  site = await serveRoutes({
    ...demoRoutes(),
    [FRONT_PATH]: path.join(ROOT, 'tests/fixtures/e2e/front-page.html'),
  });
  b = await launchWithExtension();
  for (const p of demoPages()) await (await visit(b, site.origin + p.path)).page.close();
  const seed = await visit(b, site.origin + SEED_PATH);
  expect(seed.view).toBe('ready');
  // The tab stays open: the popup and the side panel show the context of a tab that is there.
  seedTab = seed.tabId;
}, 180_000);

afterAll(async () => {
  await b?.close();
  await site?.close();
});

describe('in-page badges', () => {
  it('are off by default: no host at all on a front page whose headlines the cache knows', async () => {
    const page = await openFront();
    await page.waitForTimeout(SETTLE_MS);
    expect(await page.locator('backstory-badges').count()).toBe(0);
    expect((await observed(page)).mutations).toEqual([]);
    await page.close();
  });

  it('are turned on with the options switch (docs/options.png)', async () => {
    const options = await openExtensionPage(b, 'options');
    watchErrors(options);
    await options.setViewportSize({ width: 820, height: 1000 });
    const toggle = options.getByRole('switch', { name: /Show badges beside headlines/ });
    await expect.poll(() => toggle.isEnabled()).toBe(true);
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    await options.getByText(/Badges are on/).waitFor();
    const stored = await options.evaluate(() => chrome.storage.local.get('inPageBadges'));
    expect(stored).toEqual({ inPageBadges: true });
    await options.screenshot({ path: path.join(DOCS, 'options.png'), fullPage: true });
    await options.close();
  });

  it('draw a badge beside each known headline in a closed shadow root, with no layout shift and no change to the page (docs/badges.png)', async () => {
    const page = await openFront();
    await page.locator('backstory-badges').waitFor({ state: 'attached', timeout: 15_000 });
    // Let the badges settle (placed in the next frame), then look.
    await page.waitForTimeout(300);
    const drawn = await badgesOf(page);
    expect(drawn.hosts).toBe(1);
    expect(drawn.mode).toBe('closed');
    // One badge per known headline; the headlines of stories never read get none.
    expect(drawn.badges).toHaveLength(KNOWN.length);
    for (const label of drawn.badges) expect(label).toMatch(/^You read this( · \d+ earlier parts?)?$/);
    expect(drawn.badges.some((label) => /earlier part/.test(label))).toBe(true);
    // The page's scripts see an empty host.
    expect(
      await page.evaluate(() => document.querySelector('backstory-badges')?.shadowRoot ?? null),
    ).toBeNull();
    const { shifts, mutations } = await observed(page);
    expect(shifts).toBe(0);
    // The only change to the page after it loaded: Backstory's host, added once to the root element.
    expect(mutations).toEqual([
      { type: 'childList', target: 'HTML', added: ['BACKSTORY-BADGES'], removed: [], attribute: null },
    ]);
    // Scrolling and resizing move nothing in the page either.
    await page.mouse.wheel(0, 200);
    await page.setViewportSize({ width: 900, height: 760 });
    await page.waitForTimeout(300);
    await page.setViewportSize({ width: 1100, height: 760 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    expect((await observed(page)).mutations).toHaveLength(1);
    await page.screenshot({
      path: path.join(DOCS, 'badges.png'),
      clip: { x: 0, y: 0, width: 1100, height: 520 },
    });
    await page.close();
  });

  it('are never drawn on a paused site', async () => {
    await setPaused(true);
    try {
      const page = await openFront();
      await page.waitForTimeout(SETTLE_MS);
      expect(await page.locator('backstory-badges').count()).toBe(0);
      expect((await observed(page)).mutations).toEqual([]);
      await page.close();
    } finally {
      await setPaused(false);
    }
  });

  it('stop when turned off again', async () => {
    const options = await openExtensionPage(b, 'options');
    const toggle = options.getByRole('switch', { name: /Show badges beside headlines/ });
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await toggle.click();
    await options.getByText(/Badges are off/).waitFor();
    await options.close();
    const page = await openFront();
    await page.waitForTimeout(SETTLE_MS);
    expect(await page.locator('backstory-badges').count()).toBe(0);
    await page.close();
  });
});

describe('screenshots for the README', () => {
  it('the popup and the side panel on the seed article (docs/popup.png, docs/sidepanel.png, docs/sidepanel-dark.png)', async () => {
    const popup = await openExtensionPage(b, 'popup', seedTab);
    watchErrors(popup);
    // The popup as the reader sees it.
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.getByRole('heading', { level: 1, name: /Get the Conflict Solved/ }).waitFor();
    await popup.screenshot({ path: path.join(DOCS, 'popup.png') });
    await popup.close();
    const panel = await openExtensionPage(b, 'sidepanel', seedTab);
    watchErrors(panel);
    await panel.setViewportSize({ width: 380, height: 900 });
    await panel.getByRole('heading', { level: 1, name: /Get the Conflict Solved/ }).waitFor();
    await panel.screenshot({ path: path.join(DOCS, 'sidepanel.png') });
    await panel.emulateMedia({ colorScheme: 'dark' });
    await panel.screenshot({ path: path.join(DOCS, 'sidepanel-dark.png') });
    await panel.close();
  });

  it('logs no errors from the extension', async () => {
    // The worker is still there and answering: nothing above broke it.
    expect(new URL((await currentWorker(b)).url()).host).toBe(b.extensionId);
    expect(pageErrors).toEqual([]);
  });
});
