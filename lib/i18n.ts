import { browser } from 'wxt/browser';
import { numberFormat, pluralRules } from '@/core/i18n/intl';
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

/**
 * The plural messages: a base whose `<base>_one` and `<base>_other` keys both exist (browser.i18n has no
 * plurals). A locale whose language has more forms (`_few`, `_many`) may add them; `_other` is the fallback.
 */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer B}_one` ? (`${B}_other` extends MessageKey ? B : never) : never;
}[MessageKey];

/**
 * A count in the reader's language: `<base>_<form>` for the plural form of `n` (Intl.PluralRules in the
 * catalogue's language), with `n` formatted as the first substitution and `more` after it.
 */
export function tp(base: PluralBase, n: number, ...more: (string | number)[]): string {
  const locale = displayLocale();
  let form: string = 'other';
  let count = String(n);
  try {
    form = pluralRules(locale).select(n);
    count = numberFormat(locale).format(n);
  } catch {
    // An invalid locale tag: the English form and digits.
  }
  const subs = [count, ...more.map(String)];
  // A form this catalogue lacks (`_few` in a language without it) is the empty string: `_other` then.
  const message = browser.i18n.getMessage as (key: string, substitutions: string[]) => string;
  return message(`${base}_${form}`, subs) || message(`${base}_other`, subs) || base;
}

/**
 * The language of the catalogue in use (`en`, `de`): the browser shows English where the reader's language has
 * no catalogue, and counts and dates then follow the text.
 */
export function messageLanguage(): string {
  return t('localeLanguage') || 'en';
}

/**
 * The locale for dates, numbers and plural forms: the browser's UI language (`de-AT`, `en-GB`) when the text is
 * shown in its language, else the catalogue's language, so a sentence and its date never mix languages.
 */
export function displayLocale(): string {
  const ui = uiLanguage();
  const messages = messageLanguage();
  return ui.toLowerCase().split(/[-_]/)[0] === messages.toLowerCase() ? ui.replace('_', '-') : messages;
}

/** The browser's UI language (`en-US`, `de`…), for dates and numbers formatted with Intl. */
export function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

/** Languages written right to left (their primary subtags). */
const RTL = new Set(['ar', 'ckb', 'dv', 'fa', 'he', 'ps', 'sd', 'ug', 'ur', 'yi']);

/**
 * Sets `lang` and `dir` on an extension page from the language its text is in (`displayLocale`: Chromium started
 * with `--lang=de` shows the German catalogue while `@@ui_locale` still says en_US); right-to-left languages get
 * `dir="rtl"`, which the logical CSS properties of the pages follow.
 */
export function applyLocale(doc: Document): void {
  const locale = displayLocale();
  doc.documentElement.lang = locale;
  doc.documentElement.dir = RTL.has(locale.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
}

/**
 * A sentence around one marked-up part, its `$1` (a `<strong>`, a link): the text before and after it, so the
 * translation keeps the whole sentence and its word order.
 */
export function tAround(key: MessageKey): [string, string] {
  const mark = '\uE000';
  const [before = '', after = ''] = t(key, mark).split(mark);
  return [before, after];
}
