/**
 * Debian's Chromium with the built extension loaded, driven by playwright-core (no browser download).
 * Used by the e2e suite, `npm start` and `npm run bench`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page, type Worker } from 'playwright-core';
import { ROOT } from './serve';

/** The extension APIs used inside `evaluate` callbacks (they run in the extension, not in Node). */
export interface ChromeInPage {
  tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}
declare const chrome: ChromeInPage;

export const EXTENSION_DIR = path.join(ROOT, process.env.BACKSTORY_OUT ?? '.output', 'chrome-mv3');

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /**
   * Requests Backstory's own contexts (its worker, popup, side panel, options and other pages) made to any host but
   * this machine, since launch. Default settings must leave it empty (issue "Trust"): `close()` fails if not.
   */
  offMachine: string[];
  close(): Promise<void>;
}

/**
 * Requests that would leave this machine: every http(s) request not to 127.0.0.1. The extension's own files
 * (the content script's reader module, fetched by the page) and the browser's schemes stay allowed.
 */
export const OFF_MACHINE = /^https?:\/\/(?!127\.0\.0\.1[:/])/;

/** Scripts of the extension that run in a web page: the content script's gate and the reader it loads. */
export const inPageScript = (extensionId: string) => (url: string) =>
  url === `chrome-extension://${extensionId}/page-gate.js` ||
  url === `chrome-extension://${extensionId}/page-reader.js`;

/** This machine: the test servers (127.0.0.1, localhost) and the browser's own schemes. */
export function onThisMachine(url: string): boolean {
  if (/^(chrome-extension|data|blob|about|chrome):/.test(url)) return true;
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

export async function launchWithExtension(
  options: {
    headless?: boolean /** Another build to load (the scale bench's copy); default .output/chrome-mv3. */;
    extensionDir?: string;
    /** More Chromium switches, e.g. `--lang=de` for the extension's German catalogue (tests/e2e/i18n.e2e.test.ts). */
    args?: string[];
    /** The caller turns a network feature on against a real host on purpose (none does in the tests). */
    allowNetwork?: boolean;
    /**
     * A browser profile of the caller's, kept when the browser closes (a browser restart: tests/e2e/restart.e2e.test.ts).
     * By default a fresh profile, deleted on close.
     */
    userDataDir?: string;
  } = {},
): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const userDataDir = options.userDataDir ?? mkdtempSync(path.join(os.tmpdir(), 'backstory-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: options.headless ?? true,
    viewport: { width: 1200, height: 900 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
      // Lets the tests click the toolbar button through CDP (Extensions.triggerAction, see clickAction).
      '--enable-unsafe-extension-debugging',
      ...(options.args ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const offMachine: string[] = [];
  // Requests of the extension's contexts: its pages (by their frame) and its service worker.
  context.on('request', (r) => {
    let ours = !!r.serviceWorker()?.url().startsWith(`chrome-extension://${extensionId}/`);
    try {
      ours ||= r.frame().url().startsWith(`chrome-extension://${extensionId}/`);
    } catch {
      // A request of a service worker has no frame.
    }
    if (ours && !onThisMachine(r.url())) offMachine.push(r.url());
  });
  return {
    context,
    worker,
    extensionId,
    offMachine,
    async close() {
      await context.close();
      if (!options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
      if (offMachine.length && !options.allowNetwork)
        throw new Error(`Backstory made requests off this machine: ${offMachine.slice(0, 10).join(', ')}`);
    },
  };
}

/**
 * Stops the extension's service worker, as the browser does after 30 s idle (CDP ServiceWorker.stopAllWorkers over
 * `cdp`, a session of any page). Waits up to 3 s for Playwright to report the close, which it does not always do
 * (Playwright may keep listing the stopped worker: `npm run bench -- scale` tells a new worker by its time origin).
 */
export async function stopWorkers(context: BrowserContext, cdp: CDPSession): Promise<void> {
  const current = context.serviceWorkers()[0];
  const closed = current ? new Promise<void>((res) => current.once('close', () => res())) : Promise.resolve();
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await Promise.race([closed, new Promise((res) => setTimeout(res, 3000))]);
}

/** The current service worker (the browser may have restarted it). */
export async function currentWorker(b: ExtensionBrowser): Promise<Worker> {
  return b.context.serviceWorkers()[0] ?? (await b.context.waitForEvent('serviceworker'));
}

export async function tabIdOf(b: ExtensionBrowser, url: string): Promise<number> {
  const worker = await currentWorker(b);
  const id = await worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? null;
  }, url);
  if (id === null) throw new Error(`No tab shows ${url}`);
  return id;
}

/** Reads one object store of the extension's IndexedDB from the service worker. */
export async function readStore<T>(b: ExtensionBrowser, store: string): Promise<T[]> {
  const worker = await currentWorker(b);
  return worker.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('backstory');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            resolve([]);
            return;
          }
          const req = db.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result as T[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  );
}

/**
 * How long after a page loaded Backstory is taken not to have found an article there: the content script reads
 * the page at idle (well under a second after load) and an article's record appears as soon as it is sent.
 */
export const NOT_ARTICLE_AFTER_MS = 4000;

/** Waits until the background has finished with the tab's page (ready, not-article or error). */
export async function waitForTab(
  b: ExtensionBrowser,
  tabId: number,
  timeoutMs = 20_000,
): Promise<{ view: string; storyId: number | null }> {
  const deadline = Date.now() + timeoutMs;
  const quietAfter = Date.now() + NOT_ARTICLE_AFTER_MS;
  for (;;) {
    const rec = (await readStore<{ tabId: number; view: string; storyId: number | null }>(b, 'tabs')).find(
      (t) => t.tabId === tabId,
    );
    if (rec && rec.view !== 'analysing') return rec;
    // A page that is not an article sends nothing: no record well after the page went idle means just that.
    if (!rec && Date.now() > quietAfter) return { view: 'not-article', storyId: null };
    if (Date.now() > deadline) throw new Error(`Tab ${tabId} was not analysed within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens a page and waits until Backstory has read it. */
export async function visit(
  b: ExtensionBrowser,
  url: string,
): Promise<{ page: Page; tabId: number; view: string }> {
  const page = await b.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const tabId = await tabIdOf(b, page.url());
  const rec = await waitForTab(b, tabId);
  return { page, tabId, view: rec.view };
}

/**
 * Clicks Backstory's toolbar button for `page`'s tab, as the reader does (CDP Extensions.triggerAction): the
 * browser grants activeTab for that tab, which is what lets the background read a page that is not an article
 * (lib/background/page-bridge.ts). Opening popup.html as a page of its own, as the tests do, grants nothing.
 */
export async function clickAction(b: ExtensionBrowser, page: Page): Promise<void> {
  const session = await browserSession(b, 'clickAction');
  try {
    await triggerAction(session, b, page, 'clickAction');
  } finally {
    await session.detach();
  }
}

/** A CDP session on the browser itself (targets, extensions), not on one page. */
async function browserSession(b: ExtensionBrowser, who: string): Promise<CDPSession> {
  const browser = b.context.browser();
  if (!browser) throw new Error(`${who}: no browser behind the context`);
  return browser.newBrowserCDPSession();
}

/** Clicks the toolbar button for `page`'s tab (CDP Extensions.triggerAction); returns Date.now() at the click. */
async function triggerAction(
  session: CDPSession,
  b: ExtensionBrowser,
  page: Page,
  who: string,
): Promise<number> {
  const { targetInfos } = await session.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tab = targetInfos.find((t) => t.type === 'tab' && t.url === page.url());
  if (!tab) throw new Error(`${who}: no tab at ${page.url()}`);
  const clickedAt = Date.now();
  await session.send('Extensions.triggerAction', { id: b.extensionId, targetId: tab.targetId });
  return clickedAt;
}

/** The popup the browser opened for a click on the toolbar button, driven over CDP. */
export interface ClickedPopup {
  /** Date.now() just before the click was sent. */
  clickedAt: number;
  /** Evaluates an expression in the popup and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

/**
 * Clicks the toolbar button for `page`'s tab and waits for the popup the browser opens (a real action popup,
 * not popup.html in a tab): what `npm run bench -- popup` times from the click. Playwright does not surface
 * action popups, so the popup target is reached over the browser's CDP session (Target.sendMessageToTarget).
 */
export async function openPopupByClick(
  b: ExtensionBrowser,
  page: Page,
  timeoutMs = 10_000,
): Promise<ClickedPopup> {
  const session = await browserSession(b, 'openPopupByClick');
  const popups: string[] = [];
  const onTarget = (e: { targetInfo: { targetId: string; url: string } }) => {
    if (e.targetInfo.url.startsWith(`chrome-extension://${b.extensionId}/popup.html`))
      popups.push(e.targetInfo.targetId);
  };
  session.on('Target.targetCreated', onTarget);
  session.on('Target.targetInfoChanged', onTarget);
  await session.send('Target.setDiscoverTargets', { discover: true });
  const clickedAt = await triggerAction(session, b, page, 'openPopupByClick');
  const deadline = Date.now() + timeoutMs;
  while (popups.length === 0) {
    if (Date.now() > deadline) throw new Error('openPopupByClick: no popup opened');
    await new Promise((r) => setTimeout(r, 5));
  }
  const targetId = popups[0]!;
  const { sessionId } = await session.send('Target.attachToTarget', { targetId, flatten: false });
  type Reply = { id?: number; result?: { result?: { value?: unknown } }; error?: unknown };
  let nextId = 1;
  const replies = new Map<number, (reply: Reply) => void>();
  session.on('Target.receivedMessageFromTarget', (e) => {
    if (e.sessionId !== sessionId) return;
    const reply = JSON.parse(e.message) as Reply;
    if (reply.id !== undefined) replies.get(reply.id)?.(reply);
  });
  return {
    clickedAt,
    async evaluate<T>(expression: string): Promise<T> {
      const id = nextId++;
      const reply = await new Promise<Reply>((resolve) => {
        replies.set(id, resolve);
        void session.send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({
            id,
            method: 'Runtime.evaluate',
            params: { expression, returnByValue: true },
          }),
        });
      });
      if (reply.error) throw new Error(`popup: ${JSON.stringify(reply.error)}`);
      return reply.result?.result?.value as T;
    },
    async close() {
      await session.send('Target.closeTarget', { targetId }).catch(() => undefined);
      // Gone before the next click, so that click opens a popup of its own.
      for (const until = Date.now() + 5_000; Date.now() < until; ) {
        const { targetInfos: now } = await session.send('Target.getTargets');
        if (!now.some((t) => t.targetId === targetId)) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await session.detach().catch(() => undefined);
    },
  };
}

/** Opens the popup (or side panel) page for a tab, as a tab of its own. */
export async function openExtensionPage(
  b: ExtensionBrowser,
  name: 'popup' | 'sidepanel' | 'options',
  tabId?: number,
): Promise<Page> {
  const page = await b.context.newPage();
  const query = tabId === undefined ? '' : `?tab=${tabId}`;
  await page.goto(`chrome-extension://${b.extensionId}/${name}.html${query}`);
  return page;
}
