/**
 * The browser closed and started again on the same profile, as a reader's browser is every day: what was stored
 * is still there, and the new service worker reads a new article, loading the text kit (lib/text-kit/load.ts)
 * from what the browser kept of the worker's scripts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEXT_KIT_GLOBAL } from '../../lib/text-kit';
import {
  currentWorker,
  type ExtensionBrowser,
  launchWithExtension,
  openExtensionPage,
  readStore,
  visit,
} from '../../scripts/lib/extension-browser';
import { demoRoutes, SEED_PATH, type Site, serveRoutes } from '../../scripts/lib/serve';
import { collectPageErrors } from './lib/extension-errors';
import { generateArticle } from './lib/generated-articles';

const AFTER_PATH = '/courier/after-browser-restart';

let site: Site;
let profile: string;
let b: ExtensionBrowser | undefined;
const errors: string[] = [];

beforeAll(async () => {
  site = await serveRoutes({
    ...demoRoutes(),
    [AFTER_PATH]: Buffer.from(generateArticle(11, `http://127.0.0.1${AFTER_PATH}`).html, 'utf8'),
  });
  profile = mkdtempSync(path.join(os.tmpdir(), 'backstory-restart-'));
});

afterAll(async () => {
  await b?.close();
  await site?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('A browser restart', () => {
  it('keeps the stories, and the new worker reads a new article with the text kit', async () => {
    // First run: the seed article is read and stored.
    b = await launchWithExtension({ userDataDir: profile });
    const first = await visit(b, site.origin + SEED_PATH);
    collectPageErrors(first.page, errors);
    expect(first.view).toBe('ready');
    const before = await readStore<{ url: string; urls: string[] }>(b, 'stories');
    expect(before.flatMap((s) => s.urls)).toContain(site.origin + SEED_PATH);
    await b.close();

    // The same profile again: a new browser process, a new worker.
    b = await launchWithExtension({ userDataDir: profile });
    const worker = await currentWorker(b);
    const kitAtStart = await worker.evaluate((name) => name in globalThis, TEXT_KIT_GLOBAL);
    // The worker did not install again (no `install` event, so no import of the kit then): the kit it loads below
    // comes from the scripts the browser kept from the installation, the path a reader's browser takes daily.
    expect(kitAtStart).toBe(false);
    const after = await readStore<{ url: string }>(b, 'stories');
    expect(after.map((s) => s.url).sort()).toEqual(before.map((s) => s.url).sort());

    const next = await visit(b, site.origin + AFTER_PATH);
    collectPageErrors(next.page, errors);
    expect(next.view).toBe('ready');
    expect(await (await currentWorker(b)).evaluate((name) => name in globalThis, TEXT_KIT_GLOBAL)).toBe(true);
    const stories = await readStore<{ urls: string[]; entityKeys: string[] }>(b, 'stories');
    const story = stories.find((s) => s.urls.includes(site.origin + AFTER_PATH));
    expect(story?.entityKeys.length).toBeGreaterThan(0);

    // The popup shows the new article's context.
    const popup = await openExtensionPage(b, 'popup', next.tabId);
    collectPageErrors(popup, errors);
    await popup.locator('.context').waitFor();
    console.log(
      `browser restart: ${before.length} stories kept; text kit in the new worker at its start: ${kitAtStart ? 'yes' : 'no'}; new article read with ${story?.entityKeys.length} entity keys`,
    );
    expect(errors).toEqual([]);
  }, 120_000);
});
