/** The real FeedsClient (components/options/feeds-section.tsx): the permission prompt and the messages. */
import { browser } from 'wxt/browser';
import type { FeedsClient } from '@/components/options/feeds-section';
import { sendMessage } from '@/lib/messaging';

/** "https://example.org/*" for each feed's site, once each. */
export function originsOf(feedUrls: readonly string[]): string[] {
  return [...new Set(feedUrls.map((u) => `${new URL(u).origin}/*`))];
}

export function createFeedsClient(saveFile: (name: string, blob: Blob) => void): FeedsClient {
  return {
    list: () => sendMessage('listFeeds', {}),
    setEnabled: (enabled) => sendMessage('setFeedsEnabled', { enabled }),
    requestOrigins: (feedUrls) => browser.permissions.request({ origins: originsOf(feedUrls) }),
    persistStorage: async () => (await globalThis.navigator?.storage?.persist?.()) ?? false,
    add: (url) => sendMessage('addFeed', { url }),
    remove: (id) => sendMessage('removeFeed', { id }),
    importOpml: (text) => sendMessage('importOpml', { text }),
    exportOpml: () => sendMessage('exportOpml', {}),
    checkNow: () => sendMessage('pollFeeds', {}),
    saveFile,
  };
}
