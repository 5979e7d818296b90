/**
 * The content script's side of the message protocol (lib/messaging.ts), on the browser's own promise-based
 * API — `browser` in Firefox, `chrome` in Chrome MV3 — rather than webextension-polyfill. The content script
 * runs on every page the reader opens, so it carries no polyfill and no framework runtime: evaluating them
 * cost more main-thread time than detecting the article (see docs/measurements.md).
 *
 * A page that is not an article costs no message at all: the content script keeps its detection in a handle
 * on its own isolated world's global (invisible to the page), and the background reads it with
 * scripting.executeScript when the reader opens the popup on that tab, which grants activeTab for it
 * (lib/background/page-bridge.ts). The background never hears of the non-news pages a reader visits.
 *
 * Only types come from lib/messaging.ts, so the envelopes stay the one protocol the background validates.
 */
import type { Envelope, MessageData, MessageType } from '@/lib/messaging';
import { cutAt } from '../core/text/cut';

/** What the content script decided about the page at `url`. */
export interface PageDetection {
  url: string;
  isArticle: boolean;
  signals: string[];
}

/** The content script's handle, at `globalThis[PAGE_READER_GLOBAL]` in the extension's isolated world. */
export interface PageReaderHandle {
  /**
   * Reads the current address now if it was not read yet (an article is captured and sent), and says what it is.
   * The gate's handle (entrypoints/page-gate.ts) answers once it has loaded the reader.
   */
  readNow(): PageDetection | null | Promise<PageDetection | null>;
}

export const PAGE_READER_GLOBAL = '__backstoryPageReader';

interface NativeRuntime {
  id?: string;
  sendMessage(message: unknown): Promise<unknown>;
  getURL(path: string): string;
}
type NativeApi = { runtime?: NativeRuntime } | undefined;

/** The extension runtime of this content script, or null when the extension was unloaded or updated. */
export function contentRuntime(): NativeRuntime | null {
  const g = globalThis as { browser?: NativeApi; chrome?: NativeApi };
  const runtime = g.browser?.runtime ?? g.chrome?.runtime;
  return runtime?.id ? runtime : null;
}

/** The reader (entrypoints/page-reader.ts), a web-accessible module the gate loads (entrypoints/page-gate.ts). */
export const READER_SCRIPT = '/page-reader.js';

/**
 * The reader's address for this content script: in Chrome a per-session address (the manifest's use_dynamic_url),
 * so that no page can probe for the extension. Null when the extension was unloaded or updated.
 */
export function readerScriptUrl(): string | null {
  try {
    return contentRuntime()?.getURL(READER_SCRIPT) ?? null;
  } catch {
    return null;
  }
}

/** Fire and forget: the background may be restarting or the extension updating; the next visit retries. */
export function postToBackground<K extends MessageType>(type: K, data: MessageData<K>): void {
  const runtime = contentRuntime();
  if (!runtime) return;
  try {
    runtime.sendMessage({ type, data } satisfies Envelope<K>).catch(() => undefined);
  } catch {
    // The extension context is gone (extension reloaded): nothing to tell.
  }
}

/**
 * Captures above this many characters go in parts, one message per task: the browser serialises a message on
 * the page's main thread (about 40 ms per million characters in Chromium on the project's machine), so one
 * message of a huge page would be a long task. A real article page's capture fits in one message.
 */
export const CAPTURE_PART_CHARS = 250_000;

/**
 * Sends an article page's captured HTML: one `pageCaptured` message, or `pageCapturedPart` messages that the
 * background puts together (lib/background/capture-parts.ts), giving the page its main thread back between two.
 */
export function postCapture(
  url: string,
  html: string,
  schedule: (step: () => void) => void,
  partChars = CAPTURE_PART_CHARS,
): void {
  if (html.length <= partChars) {
    postToBackground('pageCaptured', { url, html });
    return;
  }
  const upload = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  let start = 0;
  let index = 0;
  const send = () => {
    const part = cutAt(html.slice(start), partChars) || html.slice(start, start + 2);
    start += part.length;
    postToBackground('pageCapturedPart', {
      url,
      upload,
      index: index++,
      last: start >= html.length,
      html: part,
    });
    if (start < html.length) schedule(send);
  };
  // The capture's last step made the HTML: the first part waits for a task of its own.
  schedule(send);
}

export function installPageReader(handle: PageReaderHandle): void {
  (globalThis as Record<string, unknown>)[PAGE_READER_GLOBAL] = handle;
}
