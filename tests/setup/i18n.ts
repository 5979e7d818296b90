// WXT's fake browser has no i18n: tests read the English catalogue with the browser's own message rules.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatMessage, type MessageCatalog } from '@/core/i18n/format';
import en from '@/public/_locales/en/messages.json';

const catalog = en as MessageCatalog;
fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) => {
  if (key === '@@ui_locale') return 'en';
  if (key === '@@bidi_dir') return 'ltr';
  const subs =
    substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return formatMessage(catalog[key], subs);
}) as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => 'en';
