/**
 * The in-page badges setting's key in storage.local (off when absent). No imports: the content script's gate and
 * reader read it with the browser's own storage API (badgesOn below), without webextension-polyfill.
 */
export const BADGES_SETTING_KEY = 'inPageBadges';

interface StorageApi {
  storage?: { local?: { get(key: string): Promise<Record<string, unknown>> } };
}

/** Whether the in-page badges are on, read from storage.local on the browser's own API; false when it cannot be read. */
export function badgesOn(): Promise<boolean> {
  const g = globalThis as { browser?: StorageApi; chrome?: StorageApi };
  const local = (g.browser?.storage ? g.browser : g.chrome)?.storage?.local;
  if (!local) return Promise.resolve(false);
  return local
    .get(BADGES_SETTING_KEY)
    .then((items) => items?.[BADGES_SETTING_KEY] === true)
    .catch(() => false);
}
