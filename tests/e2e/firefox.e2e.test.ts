/**
 * The Firefox build (.output/firefox-mv2) in Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi:
 * the content script reads pages and the MV2 background stores them in IndexedDB. Firefox does not let BiDi open
 * moz-extension:// pages, so the store is read from the profile's IndexedDB file (a copy, with Python's sqlite3:
 * row counts per object store); the popup and side panel are covered in Chromium.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRoutes, ROOT, SEED_PATH, type Site, serveRoutes } from '../../scripts/lib/serve';
import { STRICT_CSP } from './lib/strict-csp';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const EXTENSION = path.join(ROOT, process.env.BACKSTORY_OUT ?? '.output', 'firefox-mv2');
const ready = existsSync(FIREFOX) && existsSync(path.join(EXTENSION, 'manifest.json'));
if (!ready)
  console.warn(`Firefox e2e skipped: needs ${FIREFOX} (apt-get install firefox-esr) and a Firefox build`);

/** Rows per object store of the extension's IndexedDB, read from a copy of the profile's database file. */
function storeCounts(profile: string): Record<string, number> {
  const script = `
import glob, json, os, shutil, sqlite3, sys, tempfile
out = {}
for f in glob.glob(os.path.join(sys.argv[1], 'storage/default/moz-extension*/idb/*.sqlite')):
    d = tempfile.mkdtemp()
    for ext in ('', '-wal'):
        if os.path.exists(f + ext): shutil.copy(f + ext, os.path.join(d, 'db.sqlite' + ext))
    c = sqlite3.connect(os.path.join(d, 'db.sqlite'))
    for name, n in c.execute('select s.name, (select count(*) from object_data d where d.object_store_id = s.id) from object_store s'):
        out[name] = out.get(name, 0) + n
    c.close()
    shutil.rmtree(d)
print(json.dumps(out))`;
  return JSON.parse(execFileSync('python3', ['-c', script, profile]).toString()) as Record<string, number>;
}

/** An article served with a Content-Security-Policy that allows no script (tests/e2e/lib/strict-csp.ts). */
const STRICT_PATH = '/business/ecb-cuts-rates-strict';

async function until<T>(read: () => T, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!ready)('Backstory in Firefox (firefox-esr, MV2)', () => {
  let browser: Browser;
  let site: Site;
  let profile: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    site = await serveRoutes(
      {
        ...demoRoutes(),
        '/library/hours': path.join(ROOT, 'tests/fixtures/e2e/plain-page.html'),
        [STRICT_PATH]: path.join(ROOT, 'demo/pages/2025-06-05-ecb-cuts-rates.html'),
      },
      { [STRICT_PATH]: { 'content-security-policy': STRICT_CSP } },
    );
    profile = mkdtempSync(path.join(os.tmpdir(), 'backstory-firefox-'));
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: profile,
    });
    await browser.installExtension(EXTENSION);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('reads an article page: the background stores the story, its headlines and its thread', async () => {
    const page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(site.origin + SEED_PATH, { waitUntil: 'load' });
    const counts = await until(
      () => storeCounts(profile),
      // The story is written before its headlines and the tab's final state (lib/background/handlers.ts), so the
      // wait is for all of them: one read between the writes would see the story without its teasers.
      (c) =>
        (c.stories ?? 0) >= 1 &&
        (c.teasers ?? 0) >= 17 &&
        (c.threads ?? 0) >= 1 &&
        (c.entities ?? 0) > 5 &&
        (c.tabs ?? 0) >= 1,
    );
    expect(counts.stories).toBe(1);
    expect(counts.teasers).toBeGreaterThanOrEqual(17);
    expect(counts.threads).toBe(1);
    expect(counts.entities).toBeGreaterThan(5);
    await page.close();
  }, 60_000);

  it("reads an article whose page allows no script (its CSP), as the extension's scripts are not the page's", async () => {
    const before = storeCounts(profile);
    const page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(site.origin + STRICT_PATH, { waitUntil: 'load' });
    const counts = await until(
      () => storeCounts(profile),
      (c) => (c.stories ?? 0) > (before.stories ?? 0),
    );
    expect(counts.stories).toBe((before.stories ?? 0) + 1);
    await page.close();
  }, 60_000);

  it('sends nothing for a page that is not an article', async () => {
    const before = storeCounts(profile);
    const page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`${site.origin}/library/hours`, { waitUntil: 'load' });
    await new Promise((r) => setTimeout(r, 3000));
    expect(storeCounts(profile)).toEqual(before);
    await page.close();
  }, 60_000);

  it('raises no error in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
