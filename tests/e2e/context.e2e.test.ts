/**
 * The context a reader gets, in the built extension (.output/chrome-mv3) in Debian's Chromium: the seed article
 * after the demo corpus — its timeline with sources, its who's-who with roles — a look-up of text selected in
 * the page, and an article served twice with another title and text ("since you last read"). Screenshots go
 * to docs/ (timeline.png, lookup.png, changed-since.png), referenced from the README.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChromeInPage,
  type ExtensionBrowser,
  launchWithExtension,
  openExtensionPage,
  visit,
} from '../../scripts/lib/extension-browser';
import { demoPages, demoRoutes, ROOT, SEED_PATH, type Site, serveRoutes } from '../../scripts/lib/serve';
import { collectPageErrors } from './lib/extension-errors';

declare const chrome: ChromeInPage;

const DOCS = path.join(ROOT, 'docs');
const CHANGING_PATH = '/world/2025/05/30/manitoba-wildfires-update';

let b: ExtensionBrowser;
let site: Site;
let seed: { page: Page; tabId: number; view: string };
const pageErrors: string[] = [];
/** The changing article's route: its bytes are swapped between the two visits. */
const routes: Record<string, string | Buffer> = {};

function watchErrors(page: Page) {
  collectPageErrors(page, pageErrors);
}

/** A corpus article under its own address, first as published, then corrected (new title, a changed paragraph). */
function changingArticle(version: 1 | 2): Buffer {
  const file = demoPages().find((p) => p.file.endsWith('2025-05-29-manitoba-wildfires.html'))!.file;
  let html = readFileSync(file, 'utf8').replaceAll(
    'https://meridianpost.example/world/2025/05/29/manitoba-wildfires-state-of-emergency',
    `https://meridianpost.example${CHANGING_PATH}`,
  );
  if (version === 2) {
    html = html
      .replaceAll(
        'Manitoba Declares State of Emergency as Wildfires Force Thousands From Their Homes',
        'Manitoba Wildfires: 21,000 Evacuated as Emergency Widens',
      )
      .replace(
        'Forecasters held out little hope of relief.',
        'Update: the evacuation grew to about 21,000 people overnight, officials said on Friday. Forecasters held out little hope of relief.',
      );
  }
  return Buffer.from(html);
}

beforeAll(async () => {
  Object.assign(routes, demoRoutes(), { [CHANGING_PATH]: changingArticle(1) });
  site = await serveRoutes(routes);
  b = await launchWithExtension();
  for (const p of demoPages()) {
    const v = await visit(b, site.origin + p.path);
    await v.page.close();
  }
  seed = await visit(b, site.origin + SEED_PATH);
  watchErrors(seed.page);
});

afterAll(async () => {
  await b?.close();
  await site?.close();
});

describe('The context of the seed article, look-ups, changes', () => {
  it('shows the timeline with the 2018–2019 summits, the June 2025 letter report and the June 11 statement, each with its source', async () => {
    expect(seed.view).toBe('ready');
    const panel = await openExtensionPage(b, 'sidepanel', seed.tabId);
    watchErrors(panel);
    await panel.setViewportSize({ width: 420, height: 900 });
    await panel.getByRole('heading', { name: /Get the Conflict Solved/ }).waitFor();
    const timeline = panel.locator('#timeline');
    const entries = timeline.locator('li.timeline-entry');
    // A long timeline first shows its latest entries (the June 11 statement among them), then all of them.
    const latest = await entries.allInnerTexts();
    expect(latest.length).toBe(12);
    expect(latest.some((t) => /June 11, 2025/.test(t))).toBe(true);
    await timeline.getByRole('button', { name: /^Show all \d+ timeline entries$/ }).click();
    const texts = await entries.allInnerTexts();
    expect(texts.length).toBeGreaterThan(latest.length);
    expect(await timeline.locator('li.timeline-entry:focus').count()).toBe(1);
    const entry = (date: RegExp, text: RegExp) => texts.find((t) => date.test(t) && text.test(t));
    // 2018–2019: the three summits, from the article itself.
    expect(entry(/2018–2019/, /met Kim three times/)).toMatch(/The Daily Ledger/);
    // The summits themselves, from the stories read before.
    expect(entry(/June 12, 2018/, /Singapore Summit/)).toMatch(/The Meridian Post/);
    expect(entry(/February 28, 2019/, /Hanoi/)).toMatch(/Harbor Times/);
    // June 2025: the report that the letter was refused.
    expect(entry(/June 2025/, /refused to accept a letter/)).toMatch(/The Daily Ledger/);
    // June 11, 2025: the White House statement, from the article; the story of that day that reports it is the
    // same happening, so it is the entry's second source rather than an entry of its own.
    expect(entry(/June 11, 2025/, /White House stated on June 11/)).toMatch(/The Daily Ledger/);
    expect(texts.filter((t) => /June 11, 2025/.test(t))).toHaveLength(1);
    const june11 = entries.filter({ hasText: /White House stated on June 11/ });
    await june11.getByRole('button', { name: /^Show all 2 sources$/ }).click();
    expect(await june11.innerText()).toMatch(/Still Open to Talking[\s\S]*Harbor Times/);
    // The article's own sentences link to themselves (text fragments).
    expect(await timeline.locator('a[href*="#:~:text="]').count()).toBeGreaterThan(0);
    // The first screenful of the timeline, as the side panel shows it.
    await timeline.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await panel.evaluate(() => window.scrollBy(0, -48));
    await panel.screenshot({ path: path.join(DOCS, 'timeline.png') });
    await panel.close();
  });

  it("shows who's who with roles", async () => {
    const popup = await openExtensionPage(b, 'popup', seed.tabId);
    watchErrors(popup);
    await popup.getByRole('heading', { name: /Get the Conflict Solved/ }).waitFor();
    const people = await popup.locator('#background .entities').first().locator('li').allInnerTexts();
    expect(people.find((t) => t.includes('Kim Jong Un'))).toMatch(/North Korean leader/);
    expect(people.find((t) => t.includes('Donald Trump'))).toMatch(/President/);
    expect(people.find((t) => t.includes('Kim Jong Un'))).toMatch(/in \d+ of your stories since/);
    await popup.close();
  });

  it('looks up text selected in the page: who it is, their stories and a timeline', async () => {
    // The reader selects "Kim Jong Un" in the article.
    const selected = await seed.page.evaluate(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = (n as Text).data.indexOf('Kim Jong Un');
        if (at < 0 || !n.parentElement?.closest('article, main, p')) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + 'Kim Jong Un'.length);
        const selection = getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return selection.toString();
      }
      return '';
    });
    expect(selected).toBe('Kim Jong Un');
    // The context menu item cannot be clicked by automation: an extension page asks the background to take the
    // same path (lib/background/lookup.ts startLookup) with the selection the menu would pass. Without a user
    // gesture Chrome does not open the side panel, so the look-up opens in a window of its own.
    const options = await openExtensionPage(b, 'options');
    const opened = b.context.waitForEvent('page', { predicate: (p) => p.url().includes('lookup=') });
    const how = await options.evaluate(
      ([query, tabId]) => chrome.runtime.sendMessage({ type: 'openLookup', data: { query, tabId } }),
      [selected, seed.tabId] as const,
    );
    expect(how).toEqual({ ok: true, value: 'window' });
    const lookup = await opened;
    watchErrors(lookup);
    await lookup.setViewportSize({ width: 420, height: 640 });
    await lookup
      .getByRole('heading', { name: /Kim Jong Un/ })
      .first()
      .waitFor();
    await lookup.locator('#lookup-stories li').first().waitFor();
    const who = await lookup.locator('#lookup-who').innerText();
    expect(who).toMatch(/Kim Jong Un/);
    expect(who).toMatch(/Person/);
    expect(who).toMatch(/North Korean leader/);
    const stories = await lookup.locator('#lookup-stories li').allInnerTexts();
    expect(stories.length).toBeGreaterThanOrEqual(5);
    expect(stories.join('\n')).toMatch(/Singapore Summit/);
    expect(stories.join('\n')).toMatch(/Get the Conflict Solved/);
    expect(stories.join('\n')).not.toMatch(/ECB|Manitoba|Champions League/);
    const more = lookup.locator('#timeline').getByRole('button', { name: /^Show all \d+ timeline entries$/ });
    if (await more.count()) await more.click();
    const timeline = await lookup.locator('#timeline').innerText();
    expect(timeline).toMatch(/2018/);
    expect(timeline).toMatch(/2025/);
    await lookup.screenshot({ path: path.join(DOCS, 'lookup.png') });
    await lookup.close();

    // An unknown phrase: a clear empty state with the next step.
    const empty = await openExtensionPage(b, 'popup');
    await empty.goto(
      `chrome-extension://${b.extensionId}/popup.html?lookup=${encodeURIComponent('Zanzibar ferry')}`,
    );
    await empty.getByText(/Nothing in your stories about/).waitFor();
    expect(await empty.locator('body').innerText()).toMatch(/Look up in Backstory/);
    await empty.close();
    await options.close();
  });

  it('shows what changed in an article since the reader last read it', async () => {
    const first = await visit(b, site.origin + CHANGING_PATH);
    expect(first.view).toBe('ready');
    await first.page.close();
    routes[CHANGING_PATH] = changingArticle(2);
    const second = await visit(b, site.origin + CHANGING_PATH);
    expect(second.view).toBe('ready');
    const popup = await openExtensionPage(b, 'popup', second.tabId);
    watchErrors(popup);
    await popup.setViewportSize({ width: 420, height: 700 });
    await popup.getByRole('heading', { name: /21,000 Evacuated/ }).waitFor();
    const since = popup.locator('#since');
    await since.getByText('What changed').waitFor();
    const text = await since.innerText();
    expect(text).toMatch(/New title:.*21,000 Evacuated/);
    expect(text).toMatch(/was: Manitoba Declares State of Emergency/);
    expect(text).toMatch(/Added:.*evacuation grew to about 21,000/);
    expect(text).toMatch(/Removed:.*Forecasters held out little hope/);
    await since.scrollIntoViewIfNeeded();
    await since.screenshot({ path: path.join(DOCS, 'changed-since.png') });
    await popup.close();
    await second.page.close();
  });

  it('logs no errors from the extension', () => {
    expect(pageErrors).toEqual([]);
  });
});
