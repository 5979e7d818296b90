/**
 * `npm run bench -- parts`: what each part of the content script's work costs a page in Chromium, each part
 * measured alone. One throwaway extension per part (same matches, same document_idle, a background that only
 * listens) is loaded over the same pages and traced as `npm run bench -- chromium` traces Backstory's script, on the
 * main thread's CPU clock. The parts (from `dom` on, each doing what the one before it does and one thing more
 * where that is how the content script works):
 *   - empty: a content script of one statement that does nothing (what Chromium charges for running one at all);
 *   - floor-sync: read one meta tag, at document_idle, without waiting for an idle callback;
 *   - floor: wait for an idle callback, read one meta tag (the least any reader of pages does);
 *   - gate: page/gate.ts's look at the page (the content script's gate: plainly not an article?), at document_idle;
 *   - address: page/detect.ts's urlSignals of the page's address, and nothing else: no DOM, no idle callback
 *     (the cold cost of a few lines of plain JavaScript in a new isolated world);
 *   - dom: the first call of each DOM interface the detection uses (tags by name, attributes, a selector query,
 *     paragraphs' text), once each, on the page itself, without the detection's logic;
 *   - detection: page/detect.ts's detectArticle, as the content script runs it;
 *   - capture: the detection, then, on a page it takes for an article, page/capture.ts's capture of the page's
 *     lean HTML;
 *   - capture-plain: the same, the page serialised as one outerHTML and made lean afterwards, for comparison;
 *   - message: the same as capture, and the captured HTML sent to the background (one runtime message);
 *   - message-20k / message-80k: an idle callback that sends a message of 20,000 / 80,000 characters of markup
 *     made in the script (not read from the page), to tell the message's fixed cost from its cost per character;
 *   - product: Backstory's content script as built: .output/chrome-mv3/page-gate.js and the reader module it loads,
 *     page-reader.js (skipped when not built).
 * PARTS_N (default 40) DEV article pages, then the project's non-article fixtures; PARTS=capture,message runs
 * those parts only.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { readHtml } from '../../cli/io';
import { EXTENSION_DIR, launchWithExtension, OFF_MACHINE } from './extension-browser';
import { quantiles } from './quantiles';
import { ROOT, serveRoutes } from './serve';
import { scriptCost, startTrace } from './trace';

const IDLE = (body: string) => `requestIdleCallback(() => { ${body} }, { timeout: 2000 });`;
const SEND = (html: string) =>
  `chrome.runtime.sendMessage({ type: 'part', html: ${html} }).catch(() => undefined);`;

/** The floor: a content script that only waits for an idle callback and reads one meta tag. */
export const FLOOR_SCRIPT = IDLE(`void document.querySelector('meta[property="og:type"]');`);

/** A line of markup, repeated to make a message of a given length without serialising the page. */
const LINE = '<p class="x"><a href="/a/b">Some “words”</a></p>\n';
const MARKUP = JSON.stringify(LINE);
const MARKUP_CHARS = LINE.length;

/** A content script already built, and the files it loads from the extension (web-accessible). */
export interface BuiltPart {
  script: string;
  files?: Record<string, string>;
}

/**
 * Each part's content script: source bundled with esbuild (imports from the project resolve), or a function that
 * gives a script already built (null when there is none).
 */
export const PARTS: Record<string, string | (() => BuiltPart | null)> = {
  empty: 'void 0;',
  'floor-sync': `void document.querySelector('meta[property="og:type"]');`,
  floor: FLOOR_SCRIPT,
  gate: `import { plainlyNotArticle } from '@/page/gate';
    globalThis.__plain = plainlyNotArticle(document, document.URL);`,
  address: `import { urlSignals } from '@/page/detect';
    globalThis.__signals = urlSignals(location.href);`,
  dom: IDLE(`
    const d = document;
    const meta = d.getElementsByTagName('meta')[0];
    if (meta) { meta.getAttribute('property'); meta.getAttribute('content'); }
    const script = d.getElementsByTagName('script')[0];
    if (script) { script.getAttribute('type'); void script.textContent; }
    new URL(location.href).searchParams.forEach(() => undefined);
    const body = d.body;
    if (body) {
      const link = body.querySelectorAll('h2 a[href], h3 a[href], h4 a[href], a[href] h2, a[href] h3, a[href] h4')[0];
      if (link) { void link.parentElement; link.closest('article, main'); }
      void body.getElementsByTagName('article').length;
      body.querySelector('main, [role="main"]');
      const p = body.getElementsByTagName('p')[0];
      if (p) { (p.textContent ?? '').trim(); p.getAttribute('class'); }
    }`),
  detection: `import { detectArticle } from '@/page/detect';
    ${IDLE('detectArticle(document, location.href);')}`,
  capture: `import { detectArticle } from '@/page/detect';
    import { capturePage, nextTask } from '@/page/capture';
    ${IDLE('if (detectArticle(document, location.href).isArticle) nextTask(() => capturePage(document, (html) => { globalThis.__captured = html.length; }));')}`,
  // For comparison: the same page serialised as one outerHTML and made lean afterwards (long scripts included).
  'capture-plain': `import { detectArticle } from '@/page/detect';
    import { leanHtml } from '@/core/html/lean';
    import { nextTask } from '@/page/capture';
    ${IDLE('if (detectArticle(document, location.href).isArticle) nextTask(() => { globalThis.__captured = leanHtml(document.documentElement.outerHTML).length; });')}`,
  message: `import { detectArticle } from '@/page/detect';
    import { capturePage, nextTask } from '@/page/capture';
    ${IDLE(`if (detectArticle(document, location.href).isArticle) nextTask(() => capturePage(document, (html) => nextTask(() => { ${SEND('html')} })));`)}`,
  'message-20k': IDLE(SEND(`${MARKUP}.repeat(${Math.round(20_000 / MARKUP_CHARS)})`)),
  'message-80k': IDLE(SEND(`${MARKUP}.repeat(${Math.round(80_000 / MARKUP_CHARS)})`)),
  // Backstory's content script as built, in the same run as its parts (none when the extension was not built):
  // the gate, and the reader it loads as a web-accessible module.
  product: () => {
    const [gate, reader] = ['page-gate.js', 'page-reader.js'].map((f) => path.join(EXTENSION_DIR, f));
    return existsSync(gate!) && existsSync(reader!)
      ? { script: readFileSync(gate!, 'utf8'), files: { 'page-reader.js': readFileSync(reader!, 'utf8') } }
      : null;
  },
};

async function bundle(source: string): Promise<string> {
  const out = await build({
    stdin: { contents: source, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'iife',
    write: false,
    alias: { '@': ROOT },
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

/** A page to load, and whether it counts as an article page. */
export interface TracedPage {
  route: string;
  article: boolean;
}

/** A script's main-thread time in each kind of page, ms: wall clock and, where the trace gives it, CPU. */
export type ScriptTimes = Record<'article' | 'other', { wall: number[]; cpu: number[] }>;

/**
 * Loads a throwaway extension whose only content script is `script` (every http(s) page, at document_idle) and
 * traces it over each page, as `npm run bench -- chromium` traces Backstory's: `waitMs` after the load, the
 * script's stretches (scripts/lib/trace.ts). A page that navigated itself away gives no figure. Used for the
 * content script's floor and for each of its parts.
 */
export async function traceContentScript(
  origin: string,
  pages: readonly TracedPage[],
  extension: {
    name: string;
    script: string;
    /** More files the script loads from the extension, web-accessible to the pages; their time counts too. */
    files?: Record<string, string>;
    background?: string;
    waitMs: number;
  },
): Promise<ScriptTimes> {
  const files = extension.files ?? {};
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backstory-traced-script-'));
  writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: extension.name,
      version: '1.0',
      background: { service_worker: 'bg.js' },
      content_scripts: [
        { matches: ['http://*/*', 'https://*/*'], js: ['script.js'], run_at: 'document_idle' },
      ],
      web_accessible_resources: Object.keys(files).length
        ? [{ resources: Object.keys(files), matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true }]
        : [],
    }),
  );
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  writeFileSync(path.join(dir, 'bg.js'), extension.background ?? '');
  writeFileSync(path.join(dir, 'script.js'), extension.script);
  const out: ScriptTimes = { article: { wall: [], cpu: [] }, other: { wall: [], cpu: [] } };
  const b = await launchWithExtension({ extensionDir: dir });
  try {
    // The saved pages name their sites' images and scripts: nothing may leave this machine.
    await b.context.route(OFF_MACHINE, (route) => route.abort());
    for (const { route, article } of pages) {
      const page = await b.context.newPage();
      const cdp = await b.context.newCDPSession(page);
      const stop = await startTrace(cdp);
      await page.goto(origin + route, { waitUntil: 'load', timeout: 30_000 }).catch(() => undefined);
      await page.waitForTimeout(extension.waitMs);
      const base = `chrome-extension://${b.extensionId}/`;
      const cost = scriptCost(
        await stop(),
        (url) => url === `${base}script.js` || Object.keys(files).some((f) => url === base + f),
      );
      if (page.url() === origin + route) {
        const times = out[article ? 'article' : 'other'];
        times.wall.push(cost.totalMs);
        if (cost.cpuMs !== null) times.cpu.push(cost.cpuMs);
      }
      await cdp.detach().catch(() => undefined);
      await page.close();
    }
  } finally {
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

export async function contentScriptParts(shared: string): Promise<void> {
  if (!existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) {
    console.log('content script parts: skipped (no /usr/bin/chromium; apt-get install -y chromium)');
    return;
  }
  const dir = path.join(shared, 'data/extraction/html');
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.html.gz'))
      .sort();
  } catch {
    console.log('content script parts: skipped (../shared/data/extraction not found)');
    return;
  }
  const routes: Record<string, string | Buffer> = {};
  const pages: TracedPage[] = [];
  for (const f of files.slice(0, Number(process.env.PARTS_N) || 40)) {
    routes[`/dev/${f}`] = Buffer.from(readHtml(path.join(dir, f)), 'utf8');
    pages.push({ route: `/dev/${f}`, article: true });
  }
  // The non-article fixtures, each at the path of the address it was written for (detection reads the address).
  const fixtures = path.join(ROOT, 'tests/fixtures/pages');
  const urls = JSON.parse(readFileSync(path.join(fixtures, 'urls.json'), 'utf8')) as {
    nonArticles: Record<string, string>;
  };
  for (const f of readdirSync(path.join(fixtures, 'non-articles')).filter((x) => x.endsWith('.html'))) {
    let route = `/non-articles/${f}`;
    try {
      const u = new URL(urls.nonArticles[f.replace(/\.html$/, '')] ?? '');
      if (routes[u.pathname] === undefined) route = u.pathname + u.search;
    } catch {
      // Not an address: the fixture's own path.
    }
    routes[route.replace(/\?.*$/, '')] = readFileSync(path.join(fixtures, 'non-articles', f));
    pages.push({ route, article: false });
  }
  const site = await serveRoutes(routes);
  try {
    console.log(
      'content script parts in Chromium, each alone, main-thread CPU time per page (median; trace thread time):',
    );
    const only = process.env.PARTS?.split(',');
    for (const [name, source] of Object.entries(PARTS).filter(([n]) => !only || only.includes(n))) {
      const built = typeof source === 'function' ? source() : { script: await bundle(source) };
      if (built === null) {
        console.log(`  ${name.padEnd(12)} skipped (no built extension: npx wxt build)`);
        continue;
      }
      // The idle callback, the capture's tasks and the message all run within 800 ms on a quiet tab.
      const cost = await traceContentScript(site.origin, pages, {
        name: `Content script part: ${name}`,
        ...built,
        background: 'chrome.runtime.onMessage.addListener(() => undefined);',
        waitMs: 800,
      });
      console.log(
        `  ${name.padEnd(12)} article pages ${quantiles(cost.article.cpu).median.toFixed(2)} ms (n=${cost.article.cpu.length}); ` +
          `non-article pages ${quantiles(cost.other.cpu).median.toFixed(2)} ms (n=${cost.other.cpu.length})`,
      );
    }
  } finally {
    await site.close();
  }
}
