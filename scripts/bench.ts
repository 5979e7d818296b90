/**
 * `npm run bench`: size and speed figures.
 *   - the content script's bundle sizes (gzip): the gate, and the reader it loads, from the Chrome build;
 *   - extraction time per page (median, p95) over the shared extraction DEV pages, readPage next to plain
 *     Readability on the same documents (Node + linkedom, the CLI's path);
 *   - the content script's main-thread time per page in Debian's Chromium with the built extension (from a
 *     Chrome trace: the gate, and the reader module where the gate loads it), on the extraction DEV pages and the project's non-article fixtures, next to plain
 *     Readability run in the same pages;
 *   - link time per article (median, p95) over the shared linking DEV sets (Dexie on fake-indexeddb);
 *   - `popup`: the popup's time from navigation start to its first frame with the tab's context (the
 *     `backstory:painted` mark), on a warm worker in Chromium, next to the 100 ms goal;
 *   - `scale`: ingest, related lookup, popup cold start, bytes and heap at 100,000 generated stories in
 *     Chromium on the extension's own IndexedDB (scripts/scale/run.ts).
 *   - `parts` (only when asked for): what each part of the content script's work costs a page alone, from an
 *     empty content script to the captured page's message, and the built script in the same run
 *     (scripts/lib/content-parts.ts).
 * The shared data sets are read from ../shared when present; a figure that needs them is skipped otherwise.
 * BENCH_PAGES=1 prints the content script's figure for each page, stretch by stretch (the evaluation, the idle
 * detection, the capture's steps, the message).
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { parseHTML } from 'linkedom';
import type { Page } from 'playwright-core';
import { readHtml } from '../cli/io';
import { analyzeArticle } from '../core/nlp/analyze';
import { BackstoryDB } from '../lib/db/schema';
import { type CorpusLine, linkCorpus } from '../lib/link-corpus';
import { readPage } from '../page/read-page';
import { contentScriptParts, FLOOR_SCRIPT, traceContentScript } from './lib/content-parts';
import {
  type ExtensionBrowser,
  inPageScript,
  launchWithExtension,
  OFF_MACHINE,
  openPopupByClick,
  tabIdOf,
  visit,
  waitForTab,
} from './lib/extension-browser';
import { feedsSpeed } from './lib/feeds-bench';
import { quantiles } from './lib/quantiles';
import { demoPages, demoRoutes, ROOT, SEED_PATH, serveRoutes } from './lib/serve';
import { scriptCost, startTrace } from './lib/trace';
import { runScale } from './scale/run';

const SHARED = path.resolve(ROOT, '../shared');

const ms = (x: number) => `${x.toFixed(1)} ms`;

function bundleSize(): void {
  const dir = path.join(ROOT, process.env.BACKSTORY_OUT ?? '.output', 'chrome-mv3');
  if (!existsSync(path.join(dir, 'manifest.json')))
    execSync('npx wxt build', { cwd: ROOT, stdio: 'inherit' });
  const size = (name: string) => {
    const bytes = readFileSync(path.join(dir, name));
    return `${(bytes.length / 1024).toFixed(1)} KB minified, ${(gzipSync(bytes).length / 1024).toFixed(1)} KB gzip`;
  };
  const [gate, reader] = ['page-gate.js', 'page-reader.js'].map((f) => readFileSync(path.join(dir, f)));
  const both = gzipSync(Buffer.concat([gate!, reader!])).length / 1024;
  console.log(
    `content script: the gate ${size('page-gate.js')}; the reader it loads where a page may be an article ${size('page-reader.js')}; both ${both.toFixed(1)} KB gzip`,
  );
  console.log(
    `background worker: ${size('background.js')}; its text kit (NLP, HTML and feed readers, loaded when first needed): ${size('text-kit.js')}`,
  );
}

function extractionSpeed(): void {
  const dir = path.join(SHARED, 'data/extraction/html');
  if (!existsSync(dir)) {
    console.log('extraction time: skipped (../shared/data/extraction not found)');
    return;
  }
  const truth = JSON.parse(
    readFileSync(path.join(SHARED, 'data/extraction/ground-truth.json'), 'utf8'),
  ) as Record<string, { url?: string }>;
  const ours: number[] = [];
  const plain: number[] = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.html.gz'))
    .sort()) {
    const id = f.replace(/\.html\.gz$/, '');
    const html = readHtml(path.join(dir, f));
    const url = truth[id]?.url ?? `https://example.org/${id}`;
    const docA = parseHTML(html).document as unknown as Document;
    let t = performance.now();
    readPage(docA, url);
    ours.push(performance.now() - t);
    const docB = parseHTML(html).document as unknown as Document;
    t = performance.now();
    new Readability(docB.cloneNode(true) as Document).parse();
    plain.push(performance.now() - t);
  }
  const a = quantiles(ours);
  const b = quantiles(plain);
  console.log(
    `extraction per page (Node, linkedom, n=${a.n}): readPage median ${ms(a.median)} p95 ${ms(a.p95)}; ` +
      `plain Readability median ${ms(b.median)} p95 ${ms(b.p95)}`,
  );
}

async function linkSpeed(file: string): Promise<void> {
  const p = path.join(SHARED, 'data/linking', file);
  if (!existsSync(p)) {
    console.log(`link time (${file}): skipped (../shared/data/linking not found)`);
    return;
  }
  const lines = readFileSync(p, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as CorpusLine);
  const analyseTimes: number[] = [];
  for (const l of lines) {
    const t = performance.now();
    analyzeArticle({
      title: l.title ?? '',
      text: l.text ?? '',
      publishedAt: l.publishedAt ?? null,
      lang: l.lang ?? null,
    });
    analyseTimes.push(performance.now() - t);
  }
  const db = new BackstoryDB(`bench-${file}`, { indexedDB, IDBKeyRange });
  const times: number[] = [];
  await linkCorpus(db, lines, { onIngested: (_l, took) => times.push(took) });
  const q = quantiles(times);
  const a = quantiles(analyseTimes);
  console.log(
    `link per article (${file}, n=${q.n}, analysis + store + link on fake-indexeddb): median ${ms(q.median)} p95 ${ms(q.p95)}` +
      ` (analysis alone: median ${ms(a.median)} p95 ${ms(a.p95)})`,
  );
  await db.delete();
}

/**
 * The content script in Debian's Chromium with the built extension: main-thread time of the extension's
 * scripts per page, from a Chrome trace, next to plain Readability run in the same page.
 */
async function chromiumSpeed(): Promise<void> {
  const dir = path.join(SHARED, 'data/extraction/html');
  if (!existsSync(dir)) {
    console.log('content script in Chromium: skipped (../shared/data/extraction not found)');
    return;
  }
  if (!existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) {
    console.log('content script in Chromium: skipped (no /usr/bin/chromium; apt-get install -y chromium)');
    return;
  }
  // Each page is served at the path of the address it was saved from (or written for), so detection sees the
  // address a reader's browser would show; on a clash, a path of its own.
  const routes: Record<string, string | Buffer> = {};
  /** The path (and query) to visit; the server routes by path. */
  const pathOf = (url: string | undefined, fallback: string): string => {
    try {
      const u = new URL(url ?? '');
      if (routes[u.pathname] === undefined) return u.pathname + u.search;
    } catch {
      // Not an address: the fallback path.
    }
    return fallback;
  };
  const routeOf = (visit: string) => visit.replace(/\?.*$/, '');
  const truth = JSON.parse(
    readFileSync(path.join(SHARED, 'data/extraction/ground-truth.json'), 'utf8'),
  ) as Record<string, { url?: string }>;
  const articles: string[] = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.html.gz'))
    .sort()) {
    const id = f.replace(/\.html\.gz$/, '');
    const route = pathOf(truth[id]?.url, `/extraction/${id}`);
    routes[routeOf(route)] = Buffer.from(readHtml(path.join(dir, f)), 'utf8');
    articles.push(route);
  }
  const others: string[] = [];
  const fixtures = path.join(ROOT, 'tests/fixtures/pages');
  const urls = JSON.parse(readFileSync(path.join(fixtures, 'urls.json'), 'utf8')) as {
    pages: Record<string, string>;
    nonArticles: Record<string, string>;
    multi: Record<string, { url: string }>;
  };
  const urlOf = (name: string): string | undefined =>
    name.startsWith('non-articles/')
      ? urls.nonArticles[name.slice(13)]
      : name.startsWith('multi/')
        ? urls.multi[name.slice(6)]?.url
        : urls.pages[name];
  // The non-article pages: the project's fixtures written after home pages, section fronts, search, shop,
  // video, docs, forum, login and profile pages. (The article fixtures are covered by the DEV pages.)
  const nonArticle = (f: string) =>
    f.startsWith('non-articles/') ||
    ['home.html', 'search.html', 'shop.html', 'multi/section-front.html'].includes(f);
  for (const f of readdirSync(fixtures, { recursive: true })
    .map(String)
    .filter((x) => x.endsWith('.html') && nonArticle(x))) {
    const route = pathOf(urlOf(f.replace(/\.html$/, '')), `/fixtures/${f}`);
    routes[routeOf(route)] = path.join(fixtures, f);
    others.push(route);
  }
  const site = await serveRoutes(routes);
  const b = await launchWithExtension();
  // The saved pages name their sites' images and scripts: nothing may leave this machine.
  await b.context.route(OFF_MACHINE, (route) => route.abort());
  // The content script's own files (the gate and the reader it loads): Chrome's trace is browser-wide, so the
  // service worker's work (reading the captured page, the alarms) would otherwise be counted as the page's.
  const prefix = inPageScript(b.extensionId);
  const readabilityJs = path.join(ROOT, 'node_modules/@mozilla/readability/Readability.js');
  const ours: Record<'article' | 'not-article', number[]> = { article: [], 'not-article': [] };
  // The same stretches on the main thread's CPU clock (trace `tdur`), when the trace gives it.
  const oursCpu: Record<'article' | 'not-article', number[]> = { article: [], 'not-article': [] };
  const plain: number[] = [];
  let longTasks = 0;
  let longest = 0;
  let skipped = 0;
  const unread: string[] = [];
  const misread: string[] = [];
  try {
    for (const route of [...articles, ...others]) {
      const page = await b.context.newPage();
      const cdp = await b.context.newCDPSession(page);
      const stop = await startTrace(cdp);
      await page.goto(site.origin + route, { waitUntil: 'load', timeout: 30_000 }).catch(() => undefined);
      if (page.url() !== site.origin + route) {
        // The page's own script or meta refresh sent it elsewhere (and that was blocked): no figure.
        skipped++;
        await stop();
        await cdp.detach().catch(() => undefined);
        await page.close();
        continue;
      }
      const rec = await waitForTab(b, await tabIdOf(b, page.url()), 60_000).catch((error: Error) => {
        console.error(`  ${route}: ${error.message}`);
        return null;
      });
      const cost = scriptCost(await stop(), prefix);
      if (!rec) {
        unread.push(route);
        await cdp.detach().catch(() => undefined);
        await page.close();
        continue;
      }
      // Each page counts as what it is (a DEV article, a non-article fixture); what Backstory made of it is checked.
      const isArticlePage = articles.includes(route);
      ours[isArticlePage ? 'article' : 'not-article'].push(cost.totalMs);
      if (cost.cpuMs !== null) oursCpu[isArticlePage ? 'article' : 'not-article'].push(cost.cpuMs);
      if (isArticlePage !== (rec.view === 'ready' || rec.view === 'error')) misread.push(route);
      longTasks += cost.longTasks;
      longest = Math.max(longest, cost.longestMs);
      if (process.env.BENCH_PAGES)
        console.log(
          `  ${route}: ${ms(cost.totalMs)} in all${cost.cpuMs === null ? '' : `, ${ms(cost.cpuMs)} on the CPU`} (${cost.stretches.map((x) => `${x.name} ${x.ms.toFixed(1)}`).join(', ')}), long tasks ${cost.longTasks}, view ${rec.view}`,
        );
      if (articles.includes(route)) {
        try {
          await page.addScriptTag({ path: readabilityJs });
          plain.push(
            await page.evaluate(() => {
              const R = (globalThis as unknown as { Readability: typeof Readability }).Readability;
              const t = performance.now();
              new R(document.cloneNode(true) as Document).parse();
              return performance.now() - t;
            }),
          );
        } catch {
          // A page's own CSP may refuse the injected script: that page has no plain figure.
        }
      }
      await cdp.detach();
      await page.close();
    }
  } finally {
    await b.close();
  }
  let floor: Record<'article' | 'not-article' | 'articleCpu' | 'not-articleCpu', number[]>;
  try {
    floor = await contentScriptFloor(site.origin, articles, others);
  } finally {
    await site.close();
  }
  const a = quantiles(ours.article);
  const n = quantiles(ours['not-article']);
  const p = quantiles(plain);
  console.log(
    `content script main-thread time in Chromium (trace): article pages median ${ms(a.median)} p95 ${ms(a.p95)} (n=${a.n}); ` +
      `non-article pages median ${ms(n.median)} p95 ${ms(n.p95)} (n=${n.n}); longest stretch ${ms(longest)}; ` +
      `long tasks (>50 ms) with extension code: ${longTasks}; pages that navigated away: ${skipped}; ` +
      `pages not read within 60 s: ${unread.length}; pages whose article/non-article reading disagrees: ${misread.length}` +
      (misread.length ? ` (${misread.join(', ')})` : ''),
  );
  const ca = quantiles(oursCpu.article);
  const cn = quantiles(oursCpu['not-article']);
  if (ca.n || cn.n)
    console.log(
      `the same stretches on the main thread's CPU clock (trace thread time: without the time the thread waited ` +
        `for one of this machine's ${os.cpus().length} cores): article pages median ${ms(ca.median)} p95 ${ms(ca.p95)} ` +
        `(n=${ca.n}); non-article pages median ${ms(cn.median)} p95 ${ms(cn.p95)} (n=${cn.n})`,
    );
  console.log(`plain Readability in the same pages: median ${ms(p.median)} p95 ${ms(p.p95)} (n=${p.n})`);
  const fa = quantiles(floor.article);
  const fn = quantiles(floor['not-article']);
  const fac = quantiles(floor.articleCpu);
  const fnc = quantiles(floor['not-articleCpu']);
  console.log(
    `the floor in the same pages, a content script that only waits for an idle callback and reads one meta tag: ` +
      `article pages median ${ms(fa.median)} p95 ${ms(fa.p95)} (n=${fa.n}); non-article pages median ${ms(fn.median)} ` +
      `p95 ${ms(fn.p95)} (n=${fn.n})` +
      (fac.n || fnc.n
        ? `; on the CPU clock: article pages median ${ms(fac.median)}, non-article pages median ${ms(fnc.median)}`
        : ''),
  );
}

/**
 * What any content script costs in these pages, traced the same way: an extension whose content script (same
 * matches, same run_at) only waits for an idle callback and reads one meta tag, the least a reader of pages does.
 */
async function contentScriptFloor(
  origin: string,
  articles: string[],
  others: string[],
): Promise<Record<'article' | 'not-article' | 'articleCpu' | 'not-articleCpu', number[]>> {
  const times = await traceContentScript(
    origin,
    [
      ...articles.map((route) => ({ route, article: true })),
      ...others.map((route) => ({ route, article: false })),
    ],
    {
      name: 'Content script floor',
      script: FLOOR_SCRIPT,
      // The idle callback of a loaded page in a quiet tab runs within a few tens of milliseconds.
      waitMs: 1_000,
    },
  );
  return {
    article: times.article.wall,
    'not-article': times.other.wall,
    articleCpu: times.article.cpu,
    'not-articleCpu': times.other.cpu,
  };
}

/** The popup's goal: painted with the tab's context within 100 ms of the click, on a warm worker. */
const POPUP_GOAL_MS = 100;

/**
 * The popup in Debian's Chromium with the built extension, opened as a reader opens it: a click on the toolbar
 * button for the seed article's tab (CDP Extensions.triggerAction), after the demo corpus and the seed article
 * were read, so the worker is warm. For each of POPUP_N opens (default 30; 3 more first, not counted):
 *   - click → painted: from the click to the `backstory:painted` mark (set after the first frame that shows the
 *     tab's view), the issue's figure;
 *   - click → navigation: what the browser takes to create the popup before any of Backstory's code can run;
 *   - navigation → painted: Backstory's share (loading its scripts, asking for the view, the first frame).
 */
async function popupSpeed(): Promise<void> {
  if (!existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) {
    console.log('popup paint in Chromium: skipped (no /usr/bin/chromium; apt-get install -y chromium)');
    return;
  }
  const n = Math.max(20, Number(process.env.POPUP_N) || 30);
  const site = await serveRoutes(demoRoutes());
  let ours: PopupTimes;
  let floor: PopupTimes;
  // Headed on a display when asked (e.g. `BENCH_HEADED=1 xvfb-run -a npm run bench -- popup`); headless otherwise.
  const headless = !(process.env.BENCH_HEADED && process.env.DISPLAY);
  const b = await launchWithExtension({ headless });
  try {
    for (const p of demoPages()) await (await visit(b, site.origin + p.path)).page.close();
    const seed = await visit(b, site.origin + SEED_PATH);
    if (seed.view !== 'ready') throw new Error(`the seed article was read as "${seed.view}"`);
    await seed.page.bringToFront();
    ours = await timePopup(b, seed.page, n);
  } finally {
    await b.close();
  }
  // The floor on this machine: an extension whose popup is one line of static text, timed the same way.
  const controlDir = controlExtension();
  const control = await launchWithExtension({ extensionDir: controlDir, headless });
  try {
    const page = await control.context.newPage();
    await page.goto(site.origin + SEED_PATH);
    await page.bringToFront();
    floor = await timePopup(control, page, n);
  } finally {
    await control.close();
    rmSync(controlDir, { recursive: true, force: true });
    await site.close();
  }
  const q = quantiles(ours.total);
  const nav = quantiles(ours.browserPart);
  const own = quantiles(ours.ours);
  const f = quantiles(floor.total);
  console.log(
    `popup painted with the tab's context (Chromium, warm worker, a click on the toolbar button, n=${q.n}, ` +
      `views: ${[...ours.states].join(', ')}): click → painted median ${ms(q.median)} p95 ${ms(q.p95)} ` +
      `(click → the popup's navigation, the browser's part: median ${ms(nav.median)}; navigation → painted, ` +
      `Backstory's part: median ${ms(own.median)} p95 ${ms(own.p95)}); goal ≤ ${POPUP_GOAL_MS} ms: ` +
      (q.p95 <= POPUP_GOAL_MS
        ? 'met'
        : q.median <= POPUP_GOAL_MS
          ? 'met at the median, not at p95'
          : 'missed'),
  );
  console.log(
    `the floor in the same browser, a popup of one line of static text and no other code (n=${f.n}): click → ` +
      `painted median ${ms(f.median)} p95 ${ms(f.p95)}; Backstory's popup adds median ${ms(q.median - f.median)}`,
  );
}

interface PopupTimes {
  /** Click → painted, click → the popup's navigation, navigation → painted (ms). */
  total: number[];
  browserPart: number[];
  ours: number[];
  states: Set<string>;
}

/** Opens the popup `n` times (3 more first, not counted) by a click on the toolbar button, up to its paint mark. */
async function timePopup(b: ExtensionBrowser, page: Page, n: number): Promise<PopupTimes> {
  const out: PopupTimes = { total: [], browserPart: [], ours: [], states: new Set() };
  for (let i = 0; i < n + 3; i++) {
    const popup = await openPopupByClick(b, page).catch((e: Error) => {
      throw new Error(`open ${i}: ${e.message}`);
    });
    let mark: [number, number, string] | null = null;
    for (const deadline = Date.now() + 10_000; !mark && Date.now() < deadline; ) {
      mark = await popup
        .evaluate<[number, number, string] | null>(
          `(() => { const m = performance.getEntriesByName('backstory:painted')[0]; return m ? [performance.timeOrigin, m.startTime, String(m.detail && m.detail.state)] : null; })()`,
        )
        .catch(() => null);
      if (!mark) await new Promise((r) => setTimeout(r, 10));
    }
    await popup.close();
    if (!mark) throw new Error('the popup never painted a view');
    if (i < 3) continue;
    const [origin, at, state] = mark;
    out.total.push(origin + at - popup.clickedAt);
    out.browserPart.push(origin - popup.clickedAt);
    out.ours.push(at);
    out.states.add(state);
  }
  return out;
}

/**
 * A throwaway MV3 extension whose popup is one line of static text: a service worker that does nothing, and a
 * script that sets the same paint mark after its first frame, as Backstory's popup does (components/state).
 */
function controlExtension(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backstory-popup-floor-'));
  const files: Record<string, string> = {
    'manifest.json': JSON.stringify({
      manifest_version: 3,
      name: 'Popup floor',
      version: '1.0',
      action: { default_popup: 'popup.html' },
      background: { service_worker: 'bg.js' },
    }),
    'bg.js': '',
    'popup.html': '<!doctype html><meta charset="utf-8"><p>Static text.</p><script src="popup.js"></script>',
    'popup.js':
      "requestAnimationFrame(() => setTimeout(() => performance.mark('backstory:painted', { detail: { state: 'control' } }), 0));",
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const SECTIONS: Record<string, () => void | Promise<void>> = {
  size: bundleSize,
  extraction: extractionSpeed,
  chromium: chromiumSpeed,
  // What each part of the content script's work costs alone (scripts/lib/content-parts.ts); not in a plain run.
  parts: () => contentScriptParts(SHARED),
  link: async () => {
    await linkSpeed('allsides.jsonl');
    await linkSpeed('t17-threads.jsonl');
  },
  // The popup's first frame with data after the click, warm worker (goal ≤ 100 ms).
  popup: popupSpeed,
  // The store at 100,000 stories in Chromium (scripts/scale/run.ts); SCALE_N=10000 for a quick run.
  scale: runScale,
  // Feed items parsed and linked as stubs per second, 10,000 generated items (scripts/lib/feeds-bench.ts).
  feeds: feedsSpeed,
};

/** `npm run bench` runs every section; `npm run bench -- chromium link` runs those only. */
async function main() {
  const wanted = process.argv.slice(2).filter((a) => a !== '--');
  for (const name of wanted.length ? wanted : Object.keys(SECTIONS).filter((s) => s !== 'parts')) {
    const section = SECTIONS[name];
    if (!section) throw new Error(`unknown bench section "${name}" (${Object.keys(SECTIONS).join(', ')})`);
    await section();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
