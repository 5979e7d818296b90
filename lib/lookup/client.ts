/** The real LookupSource (components/lookup/lookup-switch.tsx) for the side panel and the popup. */
import type { LookupSource } from '@/components/lookup/lookup-switch';
import { sendMessage } from '@/lib/messaging';
import { lookupFromSearch, onPendingLookup, takePendingLookup } from './pending';

export interface LookupSourceOptions {
  /** The page's query string; defaults to `location.search`. */
  search?: string;
  /** Take the look-up the background left in storage (the side panel); the popup only reads `?lookup=`. */
  pending?: boolean;
}

export function createLookupSource(options: LookupSourceOptions = {}): LookupSource {
  const search = options.search ?? globalThis.location?.search ?? '';
  const pending = options.pending ?? true;
  return {
    async initial() {
      const fromUrl = lookupFromSearch(search);
      if (fromUrl !== null) return fromUrl;
      return pending ? ((await takePendingLookup())?.query ?? null) : null;
    },
    subscribe: (onLookup) => (pending ? onPendingLookup((l) => onLookup(l.query)) : () => undefined),
    lookup: (query) => sendMessage('lookup', { query }),
  };
}
