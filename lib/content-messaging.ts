/**
 * The content script's side of the message protocol (lib/messaging.ts), on the browser's own promise-based
 * API — `browser` in Firefox, `chrome` in Chrome MV3 — rather than webextension-polyfill. The content script
 * runs on every page the reader opens, so it carries no polyfill and no framework runtime: evaluating them
 * cost more main-thread time than detecting the article (see docs/measurements.md).
 *
 * Only types come from lib/messaging.ts, so the envelopes stay the one protocol the background validates.
 */
import type { Envelope, MessageData, MessageType } from '@/lib/messaging';

/** Background → content script: the tab's address changed without a page load (a single-page app). */
export interface LocationChanged {
  type: 'locationChanged';
  url: string;
}

interface NativeRuntime {
  id?: string;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: { addListener(callback: (message: unknown) => undefined): void };
}
type NativeApi = { runtime?: NativeRuntime } | undefined;

/** The extension runtime of this content script, or null when the extension was unloaded or updated. */
export function contentRuntime(): NativeRuntime | null {
  const g = globalThis as { browser?: NativeApi; chrome?: NativeApi };
  const runtime = g.browser?.runtime ?? g.chrome?.runtime;
  return runtime?.id ? runtime : null;
}

/** Fire and forget: the background may be restarting or the extension updating; the next visit retries. */
export function postToBackground<K extends MessageType>(
  runtime: NativeRuntime,
  type: K,
  data: MessageData<K>,
): void {
  if (!runtime.id) return;
  try {
    runtime.sendMessage({ type, data } satisfies Envelope<K>).catch(() => undefined);
  } catch {
    // The extension context is gone (extension reloaded): nothing to tell.
  }
}

export function onLocationChanged(runtime: NativeRuntime, callback: (url: string) => void): void {
  runtime.onMessage.addListener((message) => {
    const m = message as Partial<LocationChanged> | null;
    if (m?.type === 'locationChanged' && typeof m.url === 'string') callback(m.url);
    return undefined;
  });
}
