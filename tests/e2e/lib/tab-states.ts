/**
 * Waits for the background's tab records (IndexedDB `tabs`) of many tabs at once with one reader: a poll of
 * the store per interval for all waiting tabs, instead of one per tab (which would compete with the worker's
 * own work).
 */
import { type ExtensionBrowser, readStore } from '../../../scripts/lib/extension-browser';

export interface TabState {
  tabId: number;
  url: string;
  view: string;
  storyId: number | null;
  message?: string;
}

interface Waiter {
  tabId: number;
  accept: (rec: TabState) => boolean;
  resolve: (rec: TabState) => void;
  reject: (e: Error) => void;
  deadline: number;
}

export function tabStates(b: ExtensionBrowser, intervalMs = 150) {
  const waiters = new Set<Waiter>();
  let running = false;

  async function loop() {
    running = true;
    try {
      while (waiters.size) {
        const recs = await readStore<TabState>(b, 'tabs').catch(() => null);
        for (const w of [...waiters]) {
          const rec = recs?.find((r) => r.tabId === w.tabId);
          if (rec && w.accept(rec)) {
            waiters.delete(w);
            w.resolve(rec);
          } else if (Date.now() > w.deadline) {
            waiters.delete(w);
            w.reject(new Error(`tab ${w.tabId}: no matching record (last: ${JSON.stringify(rec ?? null)})`));
          }
        }
        await new Promise((r) => setTimeout(r, intervalMs));
      }
    } finally {
      running = false;
    }
  }

  return {
    /** Resolves with the tab's record once `accept` takes it (default: any record). */
    wait(
      tabId: number,
      accept: (rec: TabState) => boolean = () => true,
      timeoutMs = 60_000,
    ): Promise<TabState> {
      return new Promise<TabState>((resolve, reject) => {
        waiters.add({ tabId, accept, resolve, reject, deadline: Date.now() + timeoutMs });
        if (!running) void loop();
      });
    },
  };
}

/** A record that says the background is done with the page. */
export const settled = (rec: TabState) => rec.view !== 'analysing';
