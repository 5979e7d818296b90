/**
 * Feeds and following in the built extension (Debian's Chromium): a feed served on 127.0.0.1 is added through
 * the options page, fetched by the worker with a conditional request, and its item becomes a stub linked to the
 * article the reader follows: it shows in the popup's related list, in a notification and on the badge.
 *
 * What this cannot cover: Chrome's own permission prompt. In headless Chromium `permissions.request` opens a
 * prompt nobody can answer (the promise stays pending: checked). So the test grants 127.0.0.1 the way a reader
 * can outside the prompt — chrome://extensions → Details → Site access → add a site (developerPrivate
 * .addHostPermission, the call that page makes) — and then the options page's own `permissions.request` in the
 * click resolves `true` without a prompt, as Chrome does for a site the reader already allowed. The refusal path
 * ("permission not granted", nothing fetched) is covered by tests/integration/feeds.test.ts. The feed server
 * also answers with `Access-Control-Allow-Origin: *`, so a fetch would work even without host access.
 *
 * Discovery: the demo's section front (not an article: its content script sends nothing) and the seed article
 * advertise feeds; the popup offers them and "Follow" stores one, fetching nothing. Backfill: the provider's
 * address is a stored setting whose default is Bing News; the test points it at a search-feed server on
 * 127.0.0.1 through the `setBackfillSettings` message (the same validated path the options page uses), turns
 * the switch on in the options page, and clicks "Find more coverage" in the popup.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackfillStory, backfillQuery } from '../../core/feeds/backfill';
import {
  clickAction,
  currentWorker,
  type ExtensionBrowser,
  launchWithExtension,
  openExtensionPage,
  readStore,
  visit,
} from '../../scripts/lib/extension-browser';
import { demoPages, demoRoutes, SEED_PATH, type Site, serveRoutes } from '../../scripts/lib/serve';

declare const chrome: {
  developerPrivate: { addHostPermission(id: string, host: string): Promise<void> };
  notifications: { getAll(): Promise<Record<string, unknown>> };
  action: { getBadgeText(details: object): Promise<string> };
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> };
};

interface StoredStory {
  id: number;
  url: string;
  title: string;
  description: string | null;
  publishedTs: number;
  source: string;
  threadId: string;
  text: string;
}

let b: ExtensionBrowser;
let site: Site;
let feedServer: Server;
let feedUrl = '';
const feedRequests: IncomingHttpHeaders[] = [];
let feedXml = '';
let seed: { page: Page; tabId: number; view: string };
let seedStory: StoredStory;
let searchServer: Server;
let searchOrigin = '';
const searchRequests: { url: URL; headers: IncomingHttpHeaders }[] = [];
/** The publisher's address of the search answer's item on the seed story (behind a click redirect). */
const SEARCH_ITEM = 'https://eastwire.example/asia/2018/summit-talks-resume';

const ETAG = '"wire-1"';
const escapeXml = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

beforeAll(async () => {
  site = await serveRoutes(demoRoutes());
  // The feed, with validators: 304 when the reader's copy is current.
  feedServer = createServer((req, res) => {
    feedRequests.push(req.headers);
    const cors = { 'access-control-allow-origin': '*' };
    if (req.headers['if-none-match'] === ETAG) {
      res.writeHead(304, { ...cors, etag: ETAG });
      res.end();
      return;
    }
    res.writeHead(200, { ...cors, 'content-type': 'application/rss+xml; charset=utf-8', etag: ETAG });
    res.end(feedXml);
  });
  await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/wire/feed.xml`;

  // The search-feed provider: an RSS answer whose first item is on the seed story, behind a click redirect.
  searchServer = createServer((req, res) => {
    const url = new URL(req.url ?? '/', searchOrigin);
    searchRequests.push({ url, headers: req.headers });
    const redirect = `${searchOrigin}/news/apiclick.aspx?tid=7&url=${encodeURIComponent(SEARCH_ITEM)}`;
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    res.end(
      `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Search</title>` +
        `<item><title>${escapeXml(seedStory.title)}</title><link>${escapeXml(redirect)}</link>` +
        `<description>${escapeXml(seedStory.description ?? seedStory.text.slice(0, 300))}</description>` +
        `<pubDate>${new Date(seedStory.publishedTs + 7_200_000).toUTCString()}</pubDate></item>` +
        `<item><title>Allotment society wins the county marrow show again</title>` +
        `<link>https://valeherald.example/life/marrows</link></item></channel></rss>`,
    );
  });
  await new Promise<void>((resolve) => searchServer.listen(0, '127.0.0.1', resolve));
  searchOrigin = `http://127.0.0.1:${(searchServer.address() as AddressInfo).port}`;

  b = await launchWithExtension();
  for (const p of demoPages().filter((d) => d.kind === 'article'))
    (await visit(b, site.origin + p.path)).page.close();
  seed = await visit(b, site.origin + SEED_PATH);
  const stories = await readStore<StoredStory>(b, 'stories');
  seedStory = stories.find((s) => s.url.endsWith(SEED_PATH))!;

  // Another paper's wire item on the same story: its title and summary only.
  const itemUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/wire/2018/trump-kim-talks`;
  feedXml = readFileSync('tests/fixtures/feeds/rss2.xml', 'utf8').replace(
    /<item>/,
    `<item><title>${escapeXml(seedStory.title)}</title><link>${itemUrl}</link>` +
      `<pubDate>${new Date(seedStory.publishedTs + 3_600_000).toUTCString()}</pubDate>` +
      `<description>${escapeXml(seedStory.description ?? seedStory.text.slice(0, 300))}</description></item><item>`,
  );

  // The reader allows 127.0.0.1 in chrome://extensions (site access): see the header comment.
  const extensions = await b.context.newPage();
  await extensions.goto(`chrome://extensions/?id=${b.extensionId}`);
  await extensions.evaluate(
    (id) => chrome.developerPrivate.addHostPermission(id, 'http://127.0.0.1/*'),
    b.extensionId,
  );
  await extensions.close();
}, 120_000);

afterAll(async () => {
  await b?.close();
  await site?.close();
  await new Promise<void>((resolve) => (feedServer ? feedServer.close(() => resolve()) : resolve()));
  await new Promise<void>((resolve) => (searchServer ? searchServer.close(() => resolve()) : resolve()));
});

async function optionsStatus(options: Page, pattern: RegExp): Promise<string> {
  const status = options.locator('.feeds-section [role="status"]');
  await expect.poll(() => status.innerText(), { timeout: 20_000 }).toMatch(pattern);
  return status.innerText();
}

describe('feeds and following, in Chromium', () => {
  it('follows the seed story from the popup', async () => {
    const popup = await openExtensionPage(b, 'popup', seed.tabId);
    const toggle = popup.getByRole('button', { name: 'Follow this story' });
    await toggle.click();
    await popup.getByRole('button', { name: 'Following this story' }).waitFor();
    const follows = await readStore<{ threadId: string }>(b, 'follows');
    expect(follows.map((f) => f.threadId)).toEqual([seedStory.threadId]);
    await popup.close();
  });

  it('adds the feed on the options page, fetches it, links the item, notifies and badges', async () => {
    const options = await openExtensionPage(b, 'options');
    await options.getByRole('switch', { name: 'Fetch the feeds I add' }).click();
    await optionsStatus(options, /Feeds are on/);
    expect(feedRequests).toHaveLength(0); // turning feeds on fetches nothing by itself

    await options.getByLabel('Feed address').fill(feedUrl);
    await options.getByRole('button', { name: 'Add feed' }).click();
    await optionsStatus(options, /Added 127\.0\.0\.1/);
    await options.getByRole('button', { name: 'Check now' }).click();
    await optionsStatus(options, /Checked 1 feed: [1-9]\d* new items?/);
    expect(feedRequests).toHaveLength(1);
    expect(feedRequests[0]?.['if-none-match']).toBeUndefined();
    expect(feedRequests[0]?.cookie).toBeUndefined();
    await expect
      .poll(() => options.locator('.feed-item').innerText())
      .toMatch(/The Daily Ledger — World[\s\S]*new items/);

    // The item is a stub in the seed's thread.
    const stories = await readStore<StoredStory>(b, 'stories');
    const stub = stories.find((s) => s.url.endsWith('/wire/2018/trump-kim-talks'));
    expect(stub).toMatchObject({ source: 'feed', text: '', threadId: seedStory.threadId });

    // A notification for the followed thread, and the badge.
    const worker = await currentWorker(b);
    const notifications = await worker.evaluate(() => chrome.notifications.getAll());
    expect(Object.keys(notifications)).toEqual([`backstory-follow:${seedStory.threadId}`]);
    const news = await worker.evaluate(() => chrome.action.getBadgeText({}));
    expect(news).toMatch(/^[1-9]/);
    // The seed's tab shows an article (with related stories): the followed news shows there too.
    const tabBadge = (tabId: number) =>
      worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    expect(await tabBadge(seed.tabId)).toBe(news);

    // The popup lists it among the related stories.
    const popup = await openExtensionPage(b, 'popup', seed.tabId);
    await popup.locator('#related').waitFor();
    await expect.poll(() => popup.locator('#related').innerText()).toContain(seedStory.title);
    const links = await popup
      .locator('#related a')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toContain(stub!.url);
    // Looking at the thread: the news are seen; the tab shows its related stories' count again.
    await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
    const related = (await readStore<StoredStory & { related: unknown[] }>(b, 'stories')).find(
      (s) => s.id === seedStory.id,
    )!.related.length;
    await expect.poll(() => tabBadge(seed.tabId)).toBe(String(related));
    await popup.close();

    // Asked again: a conditional request, answered 304.
    await options.getByRole('button', { name: 'Check now' }).click();
    await optionsStatus(options, /Checked 1 feed: 0 new items/);
    expect(feedRequests).toHaveLength(2);
    expect(feedRequests[1]?.['if-none-match']).toBe(ETAG);
    await options.reload();
    await expect.poll(() => options.locator('.feed-item').innerText()).toMatch(/not modified/);
    await options.close();
  });
});

describe('feed discovery and backfill, in Chromium', () => {
  it("offers a front page's and an article's feeds in the popup and follows one with a click", async () => {
    const before = feedRequests.length;
    const front = await visit(b, `${site.origin}/world`);
    expect(front.view).toBe('not-article');
    // The reader clicks the toolbar button on the front page: activeTab lets the background read its feed links.
    await clickAction(b, front.page);
    const popup = await openExtensionPage(b, 'popup', front.tabId);
    await popup.getByRole('heading', { name: 'Feeds on this site' }).waitFor();
    await popup.getByRole('button', { name: 'Follow the feed Global Wire — World' }).click();
    await expect
      .poll(() => popup.locator('#site-feeds [role="status"]').innerText())
      .toMatch(/^Following Global Wire — World\./);
    const feeds = await readStore<{ url: string; title: string; siteUrl?: string }>(b, 'feeds');
    expect(feeds).toContainEqual(
      expect.objectContaining({ url: `${site.origin}/world/rss.xml`, title: 'Global Wire — World' }),
    );
    expect(feedRequests.length).toBe(before); // following fetches nothing by itself
    await popup.reload();
    await popup.getByRole('heading', { name: 'Not a news article' }).waitFor();
    await popup.waitForTimeout(500);
    expect(await popup.locator('#site-feeds').count()).toBe(0); // followed: no longer offered
    await popup.close();
    await front.page.close();

    // The seed article's feed, found in its captured HTML.
    const article = await openExtensionPage(b, 'popup', seed.tabId);
    await article.getByRole('button', { name: 'Follow the feed World news' }).waitFor();
    await article.close();
  });

  it('finds more coverage of the seed story on request, through the provider set for the test', async () => {
    const popupBefore = await openExtensionPage(b, 'popup', seed.tabId);
    await popupBefore.locator('#related').waitFor();
    expect(await popupBefore.getByRole('button', { name: 'Find more coverage' }).count()).toBe(0); // off
    await popupBefore.close();

    const options = await openExtensionPage(b, 'options');
    const template = `${searchOrigin}/news/search?format=rss&q={query}&setlang={lang}`;
    const set = await options.evaluate(
      (urlTemplate) =>
        chrome.runtime.sendMessage({ type: 'setBackfillSettings', data: { enabled: false, urlTemplate } }),
      template,
    );
    expect(set.ok).toBe(true);
    await options.reload();
    await options.getByRole('switch', { name: 'Offer “Find more coverage” on stories' }).click();
    await expect
      .poll(() => options.locator('[aria-labelledby="backfill-heading"] [role="status"]').innerText())
      .toMatch(/More coverage is on/);
    expect(searchRequests).toHaveLength(0); // turning it on sends nothing
    await options.close();

    const popup = await openExtensionPage(b, 'popup', seed.tabId);
    await popup.getByRole('button', { name: 'Find more coverage' }).click();
    const status = popup.locator('.more-coverage [role="status"]');
    await expect.poll(() => status.innerText(), { timeout: 20_000 }).toMatch(/new stor(y|ies) stored/);
    expect(searchRequests).toHaveLength(1);
    const request = searchRequests[0]!;
    const story = (await readStore<StoredStory & BackfillStory>(b, 'stories')).find(
      (s) => s.id === seedStory.id,
    )!;
    const expected = backfillQuery(story);
    expect(request.url.searchParams.get('q')).toBe(expected.query);
    expect(request.url.searchParams.get('setlang')).toBe(expected.lang);
    expect(request.headers.cookie).toBeUndefined();
    expect(request.headers.referer).toBeUndefined();
    expect(await status.innerText()).toContain(`for “${expected.query}”`);

    // The item is a stub under the publisher's own address, linked to the story: the related list shows it.
    const stub = (await readStore<StoredStory>(b, 'stories')).find((s) => s.url === SEARCH_ITEM);
    expect(stub).toMatchObject({ source: 'feed', text: '' });
    await expect
      .poll(() =>
        popup.locator('#related a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href)),
      )
      .toContain(SEARCH_ITEM);
    await popup.close();
  });
});
