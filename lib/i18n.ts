import { browser } from 'wxt/browser';
import type messages from '@/public/_locales/en/messages.json';

/** A key of `public/_locales/en/messages.json`: English is the reference every other locale must match. */
export type MessageKey = keyof typeof messages;

/**
 * All text the reader sees goes through here: `browser.i18n.getMessage` in the reader's browser language
 * (English and German ship; English where a message is missing). Numbers are substituted as text.
 */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  return browser.i18n.getMessage(key, substitutions.length ? substitutions.map(String) : undefined) || key;
}

/** The browser's UI language (`en-US`, `de`…), for dates and numbers formatted with Intl. */
export function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

/** Sets `lang` and `dir` on an extension page from the locale in use (right-to-left locales get `rtl`). */
export function applyLocale(doc: Document): void {
  doc.documentElement.lang = browser.i18n.getMessage('@@ui_locale').replace('_', '-') || 'en';
  doc.documentElement.dir = browser.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
}
