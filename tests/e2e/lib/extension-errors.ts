/**
 * Errors that come from the extension, in a page and in its service worker. Playwright's `pageerror` and
 * `console` events only cover the page's main world, so each page gets a CDP session of its own: uncaught
 * exceptions and console errors of every execution context — the content script's isolated world included —
 * whose context, script URL or stack is the extension's (chrome-extension://<id>/). The same session tells
 * whether the content script's world was created in the page at all.
 */
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { PAGE_READER_GLOBAL } from '../../../lib/content-messaging';

interface StackTrace {
  callFrames: { url: string }[];
}
interface ExceptionDetails {
  text: string;
  url?: string;
  executionContextId?: number;
  stackTrace?: StackTrace;
  exception?: { description?: string };
}

export interface PageWatch {
  cdp: CDPSession;
  /** True once the extension's isolated world (its content script) existed in this page. */
  contentScriptRan(): boolean;
  /**
   * Waits until the content script has read the page, and returns what it found: in its own world, after an
   * idle period queued behind the content script's own (it reads the page when the page is idle), asks its
   * handle — the one the background asks when the popup opens (lib/content-messaging.ts). The handle answers
   * from what the content script found; had it not read the page yet, it would read it then, the same way.
   */
  readByContentScript(timeoutMs?: number): Promise<{ url: string; isArticle: boolean } | null>;
  detach(): Promise<void>;
}

export async function watchPage(
  context: BrowserContext,
  page: Page,
  extensionId: string | null,
  sink: string[],
): Promise<PageWatch> {
  const prefix = extensionId ? `chrome-extension://${extensionId}` : '\u0000none';
  const cdp = await context.newCDPSession(page);
  const ours = new Set<number>();
  let ran = false;
  const fromUs = (contextId: number | undefined, urls: (string | undefined)[], text: string) =>
    (contextId !== undefined && ours.has(contextId)) ||
    urls.some((u) => !!u && u.startsWith(prefix)) ||
    text.includes(prefix);
  cdp.on('Runtime.executionContextCreated', (e) => {
    if (e.context.origin.startsWith(prefix)) {
      ours.add(e.context.id);
      ran = true;
    }
  });
  cdp.on('Runtime.exceptionThrown', (e) => {
    const d = e.exceptionDetails as ExceptionDetails;
    const text = `${d.text} ${d.exception?.description ?? ''}`;
    const urls = [d.url, ...(d.stackTrace?.callFrames.map((f) => f.url) ?? [])];
    if (fromUs(d.executionContextId, urls, text)) sink.push(`${page.url()}: uncaught: ${text.trim()}`);
  });
  cdp.on('Runtime.consoleAPICalled', (e) => {
    if (e.type !== 'error' && e.type !== 'assert') return;
    const text = e.args.map((a) => a.description ?? String(a.value ?? '')).join(' ');
    const urls = e.stackTrace?.callFrames.map((f) => f.url) ?? [];
    if (fromUs(e.executionContextId, urls, text)) sink.push(`${page.url()}: console.${e.type}: ${text}`);
  });
  cdp.on('Log.entryAdded', (e) => {
    if (e.entry.level !== 'error') return;
    if (
      fromUs(
        undefined,
        [e.entry.url, ...(e.entry.stackTrace?.callFrames.map((f) => f.url) ?? [])],
        e.entry.text,
      )
    )
      sink.push(`${page.url()}: log: ${e.entry.text}`);
  });
  page.on('pageerror', (error) => {
    if (`${error.stack ?? ''} ${error.message}`.includes(prefix))
      sink.push(`${page.url()}: pageerror: ${error.message}`);
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Log.enable');
  return {
    cdp,
    contentScriptRan: () => ran,
    async readByContentScript(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const contextId = [...ours].at(-1);
        if (contextId !== undefined) {
          const r = await cdp
            .send('Runtime.evaluate', {
              contextId,
              awaitPromise: true,
              returnByValue: true,
              expression: `new Promise((resolve) => setTimeout(() => requestIdleCallback(() => {
                const handle = globalThis[${JSON.stringify(PAGE_READER_GLOBAL)}];
                // The gate's handle answers once it has loaded the reader (a promise); the reader's, at once.
                Promise.resolve(handle ? handle.readNow() : null).then((d) =>
                  resolve(d ? { url: d.url, isArticle: d.isArticle } : null));
              }, { timeout: 3000 }), 0))`,
            })
            .catch(() => null);
          if (r && !r.exceptionDetails)
            return (r.result.value as { url: string; isArticle: boolean } | null) ?? null;
        }
        if (Date.now() > deadline) return null;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    detach: () => cdp.detach().catch(() => undefined),
  };
}

/**
 * Plants an uncaught error in a fresh isolated world of the page whose script URL is the extension's: the
 * watcher must report it (it checks the watcher, without touching the extension).
 */
export async function plantExtensionError(watch: PageWatch, page: Page, extensionId: string): Promise<void> {
  const tree = await watch.cdp.send('Page.getFrameTree');
  const { executionContextId } = await watch.cdp.send('Page.createIsolatedWorld', {
    frameId: tree.frameTree.frame.id,
    worldName: 'planted',
  });
  await watch.cdp.send('Runtime.evaluate', {
    contextId: executionContextId,
    expression: `setTimeout(function planted() { throw new Error('planted error'); }, 0);\n//# sourceURL=chrome-extension://${extensionId}/planted.js`,
  });
  await page.waitForTimeout(100);
}

/**
 * The service worker's console errors and, from the moment this is called, its uncaught errors and unhandled
 * rejections (reported through console.error by two listeners added to the worker). A worker the browser
 * starts again later is watched too.
 */
export function watchWorkers(context: BrowserContext, sink: string[]): Promise<void> {
  const watch = async (w: Worker) => {
    w.on('console', (m) => {
      if (m.type() === 'error') sink.push(`service worker: console.error: ${m.text()}`);
    });
    await w
      .evaluate(() => {
        const g = self as unknown as { __backstoryErrorWatch?: boolean };
        if (g.__backstoryErrorWatch) return;
        g.__backstoryErrorWatch = true;
        self.addEventListener('error', (e) => console.error(`uncaught: ${(e as ErrorEvent).message}`));
        self.addEventListener('unhandledrejection', (e) =>
          console.error(`unhandled rejection: ${String((e as PromiseRejectionEvent).reason)}`),
        );
      })
      .catch(() => undefined);
  };
  context.on('serviceworker', (w) => void watch(w));
  return Promise.all(context.serviceWorkers().map(watch)).then(() => undefined);
}

/**
 * Collects into `sink` what Playwright reports of `page`'s main world: uncaught errors and console errors (an
 * extension page's own errors; a web page's content script is watched by watchPage above).
 */
export function collectPageErrors(page: Page, sink: string[]): void {
  page.on('pageerror', (e) => sink.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') sink.push(`${page.url()}: console: ${m.text()}`);
  });
}
