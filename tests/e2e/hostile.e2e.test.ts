/**
 * Hostile pages (issue "Trust"), in Debian's Chromium with the built extension: a page of 50,000 links, JSON-LD
 * nested 10,000 levels deep, a 3 MB JSON-LD block, an article of 2 MB of text, a page whose bytes match neither
 * its server's nor its own declared encoding, and an article whose title, description, author and teasers carry
 * HTML and script payloads, with teasers to javascript: and data: URLs (tests/e2e/lib/hostile-pages.ts).
 *
 * For each page: no error of the extension's (in the page, its content script's world included, and in the
 * service worker); the page is read (stored as a story, not an error); no payload runs, in the page or in the
 * popup and side panel opened for its tab (a payload calls a binding the test exposes; an inline handler that
 * the extension pages' CSP blocks is reported too); the popup and side panel show the payloads as text and link
 * only to http(s) addresses; no stored teaser has a javascript: or data: URL; and the content script stays
 * bounded: its main-thread time from a Chrome trace (scripts/lib/trace.ts, as `npm run bench` measures it). A
 * setTimeout(0) chain in the page from its load event gives the page's longest unresponsive stretch, printed
 * only: on these pages the browser's own layout blocks longer than Backstory does (the same 50,000-link page
 * without the extension: a 2.7 s gap; the 2 MB text: ~270 ms), so that gap says little about the extension.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionBrowser,
  inPageScript,
  launchWithExtension,
  openExtensionPage,
  readStore,
  tabIdOf,
  waitForTab,
} from '../../scripts/lib/extension-browser';
import { type Site, serveRoutes } from '../../scripts/lib/serve';
import { scriptCost, startTrace } from '../../scripts/lib/trace';
import { keepLocal } from './lib/browsers';
import { watchPage, watchWorkers } from './lib/extension-errors';
import { type HostilePage, hostilePages, PWNED, payload } from './lib/hostile-pages';

/**
 * The content script's main-thread work on one hostile page (Chrome trace): its longest single stretch and its
 * total. The capture is serialised and sent in steps (page/capture.ts, lib/content-messaging.ts postCapture), so
 * on a quiet machine no stretch passes 25 ms on these pages (the budget of a task is 50 ms) and the whole is
 * under 60 ms; before the steps, the 50,000-link page took 237 ms in one task. The bounds leave room for a
 * loaded machine (CI on two cores) and still fail on one unbounded step: a whole-page serialisation of the
 * 50,000 links, or a 3 MB JSON-LD block parsed or serialised at once, takes 100 ms and more here.
 */
const MAX_STRETCH_MS = 100;
const MAX_TOTAL_MS = 400;
/** The page-side probe's global. */
const TICKS = '__backstoryTicks';

let b: ExtensionBrowser;
let site: Site;
let pages: HostilePage[];
const errors: string[] = [];
/** Every call of the payload binding (or CSP report of a blocked payload): where it ran, and what. */
const pwned: string[] = [];

/**
 * In every page (extension pages included), before its scripts: a setTimeout(0) chain from the load event for
 * 5 s (the longest gap between two ticks), and a report of any CSP violation through the payload binding.
 */
function probe(names: { ticks: string; pwned: string }): void {
  const w = window as unknown as Record<string, unknown>;
  const state = { maxGap: 0, ticks: 0, done: false };
  w[names.ticks] = state;
  addEventListener('load', () => {
    const end = performance.now() + 5000;
    let last = performance.now();
    const tick = () => {
      const t = performance.now();
      state.maxGap = Math.max(state.maxGap, t - last);
      state.ticks++;
      last = t;
      if (t < end) setTimeout(tick, 0);
      else state.done = true;
    };
    setTimeout(tick, 0);
  });
  document.addEventListener('securitypolicyviolation', (e) => {
    const report = w[names.pwned] as ((where: string) => void) | undefined;
    report?.(`csp ${e.violatedDirective} ${e.sample}`);
  });
}

function watchExtensionPage(page: Page): void {
  page.on('pageerror', (e) => errors.push(`${page.url()}: pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: console: ${m.text()}`);
  });
}

interface PanelCheck {
  text: string;
  badLinks: string[];
  links: number;
  /** Elements made from a payload: an <img src=x>, an <svg onload>, a <script> naming the binding, any on* attribute. */
  payloadElements: string[];
}

/** Opens the popup or side panel for a tab and reads what it shows once it rendered the tab's story. */
async function openPanel(
  name: 'popup' | 'sidepanel',
  tabId: number,
  expectText: string,
): Promise<PanelCheck> {
  const page = await openExtensionPage(b, name, tabId);
  watchExtensionPage(page);
  await page
    .waitForFunction((t) => document.body.innerText.includes(t), expectText, { timeout: 20_000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
  const check = await page.evaluate((binding) => {
    const links = [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href);
    const payloadElements = [...document.querySelectorAll('*')]
      .filter(
        (el) =>
          (el.tagName === 'IMG' && el.getAttribute('src') === 'x') ||
          (el.tagName.toLowerCase() === 'svg' && el.hasAttribute('onload')) ||
          (el.tagName === 'SCRIPT' && (el.textContent ?? '').includes(binding)) ||
          [...el.attributes].some((a) => /^on/i.test(a.name)),
      )
      .map((el) => el.outerHTML.slice(0, 120));
    return {
      text: document.body.innerText,
      links: links.length,
      badLinks: links.filter((h) => !/^https?:\/\//i.test(h)),
      payloadElements,
    };
  }, PWNED);
  await page.close();
  return check;
}

beforeAll(async () => {
  const routes: Record<string, Buffer> = {};
  site = await serveRoutes(routes);
  pages = hostilePages(site.origin);
  for (const p of pages) routes[p.path] = p.body;
  b = await launchWithExtension();
  await keepLocal(b.context);
  await b.context.exposeBinding(PWNED, (source, where: string) => {
    pwned.push(`${source.page?.url() ?? '?'}: ${where}`);
  });
  await b.context.addInitScript(probe, { ticks: TICKS, pwned: PWNED });
  await watchWorkers(b.context, errors);
});

afterAll(async () => {
  await b?.close();
  await site?.close();
});

describe('Hostile pages', () => {
  it('the payload watch sees a payload that runs, in a page and in the popup', async () => {
    const page = await b.context.newPage();
    await page.goto(`${site.origin}/not-a-page`);
    await page.evaluate((html) => {
      document.body.insertAdjacentHTML('beforeend', html);
    }, payload('control-page'));
    await page.waitForTimeout(300);
    const popup = await openExtensionPage(b, 'popup');
    await popup.evaluate((html) => {
      document.body.insertAdjacentHTML('beforeend', html);
    }, payload('control-popup'));
    await popup.waitForTimeout(300);
    await Promise.all([page.close(), popup.close()]);
    const seen = pwned.splice(0);
    expect(seen.some((s) => s.includes('control-page:img'))).toBe(true);
    // The popup's CSP blocks the inline handler: the attempt is reported as a violation.
    expect(seen.some((s) => s.startsWith('chrome-extension://') && /csp|control-popup/.test(s))).toBe(true);
  });

  it('hostile pages: no error, no payload run, payloads shown as text, only http(s) links, the content script stays bounded', {
    // About 80 s on 2 cores: six pages of up to 3.7 MB, each read in the background.
    timeout: 240_000,
  }, async () => {
    const prefix = inPageScript(b.extensionId);
    const problems: string[] = [];
    for (const hp of pages) {
      const started = Date.now();
      const url = site.origin + hp.path;
      const page = await b.context.newPage();
      const watch = await watchPage(b.context, page, b.extensionId, errors);
      const stop = await startTrace(watch.cdp);
      await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
      const detection = await watch.readByContentScript(30_000);
      const tabId = await tabIdOf(b, page.url());
      const rec = await waitForTab(b, tabId, 90_000);
      await page.waitForFunction(
        (n) => (window as unknown as Record<string, { done: boolean }>)[n]?.done,
        TICKS,
        {
          timeout: 30_000,
        },
      );
      const ticks = await page.evaluate(
        (n) => (window as unknown as Record<string, { maxGap: number; ticks: number }>)[n]!,
        TICKS,
      );
      const cost = scriptCost(await stop(), prefix);
      await watch.detach();

      let shown = '';
      if (hp.kind === 'script payloads') {
        for (const name of ['popup', 'sidepanel'] as const) {
          const panel = await openPanel(name, tabId, hp.titleText);
          shown = panel.text;
          if (!panel.text.includes(`<img src=x onerror="window.${PWNED}`))
            problems.push(`${name}: the title's payload is not shown as text`);
          if (panel.payloadElements.length)
            problems.push(`${name}: elements from payloads: ${panel.payloadElements.join(' | ')}`);
          if (panel.badLinks.length)
            problems.push(`${name}: links that are not http(s): ${panel.badLinks.join(', ')}`);
          if (!panel.links) problems.push(`${name}: no links at all (the story's own link is expected)`);
        }
      } else {
        const panel = await openPanel('popup', tabId, hp.titleText);
        if (!panel.text.includes(hp.titleText))
          problems.push(`${hp.kind} popup: the page's story is not shown`);
        if (panel.badLinks.length)
          problems.push(`${hp.kind} popup: links that are not http(s): ${panel.badLinks.join(', ')}`);
        if (panel.payloadElements.length)
          problems.push(`${hp.kind} popup: unexpected elements: ${panel.payloadElements.join(' | ')}`);
      }
      if (!detection?.isArticle)
        problems.push(`${hp.kind}: the content script did not take it for an article`);
      if (rec.view !== 'ready') problems.push(`${hp.kind}: tab view ${rec.view}, not ready`);
      if (cost.longestMs > MAX_STRETCH_MS)
        problems.push(`${hp.kind}: the content script ran ${cost.longestMs.toFixed(0)} ms at a stretch`);
      if (cost.totalMs > MAX_TOTAL_MS)
        problems.push(`${hp.kind}: the content script ran ${cost.totalMs.toFixed(0)} ms in all`);
      console.log(
        `hostile: ${hp.kind} (${(hp.body.length / 1e3).toFixed(0)} kB): view ${rec.view}; content script ${cost.totalMs.toFixed(1)} ms ` +
          `main thread, longest ${cost.longestMs.toFixed(1)} ms, long tasks ${cost.longTasks}; page's longest gap ` +
          `${ticks.maxGap.toFixed(0)} ms over ${ticks.ticks} ticks; payload runs ${pwned.length}; errors ${errors.length}; ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s` +
          (shown
            ? `; popup/side panel text shows the payload: ${shown.includes('onerror=') ? 'yes' : 'no'}`
            : ''),
      );
      await page.close();
    }

    const stories = await readStore<{ url: string; title: string }>(b, 'stories');
    const teasers = await readStore<{ url: string; title: string }>(b, 'teasers');
    const badTeasers = teasers.filter((t) => !/^https?:\/\//i.test(t.url)).map((t) => t.url);
    const payloadStory = stories.find((s) => s.url.endsWith('/payload-harbour-vote'));
    console.log(
      `hostile: ${pages.length} pages, ${stories.length} stories stored, ${teasers.length} teasers stored ` +
        `(${badTeasers.length} not http(s)); payload runs ${pwned.length}; errors of ours ${errors.length}`,
    );
    expect(payloadStory?.title).toContain('<img src=x onerror=');
    expect(badTeasers).toEqual([]);
    expect(teasers.length).toBeGreaterThan(0);
    expect(pwned).toEqual([]);
    expect(errors).toEqual([]);
    expect(problems).toEqual([]);
  });
});
