/**
 * The in-page badges setting's key in storage.local (off when absent). No imports: the content script reads it
 * with the browser's own storage API (lib/badges/content.ts), without webextension-polyfill.
 */
export const BADGES_SETTING_KEY = 'inPageBadges';
