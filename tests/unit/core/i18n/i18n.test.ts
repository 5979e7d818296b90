/**
 * lib/i18n.ts over other catalogues than the tests' English one: German, a language with more plural forms, a
 * right-to-left one; and the browser's case where the UI language has no catalogue (English text then).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatDate, formatNumber, joinNames, timexLabel } from '@/components/ui/format';
import { formatMessage, type MessageCatalog } from '@/core/i18n/format';
import { applyLocale, displayLocale, t, tAround, tp } from '@/lib/i18n';
import de from '@/public/_locales/de/messages.json';
import en from '@/public/_locales/en/messages.json';

const original = {
  getMessage: fakeBrowser.i18n.getMessage,
  getUILanguage: fakeBrowser.i18n.getUILanguage,
};

/** The browser with `catalog` in use and `ui` as its UI language. */
function useCatalog(catalog: MessageCatalog, ui: string) {
  fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) =>
    formatMessage(
      catalog[key],
      subs === undefined ? [] : Array.isArray(subs) ? subs : [subs],
    )) as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => ui;
}

afterEach(() => {
  fakeBrowser.i18n.getMessage = original.getMessage;
  fakeBrowser.i18n.getUILanguage = original.getUILanguage;
});

describe('German', () => {
  it('text, plurals and numbers come from the German catalogue', () => {
    useCatalog(de as MessageCatalog, 'de-DE');
    expect(t('contextFollow')).toBe('Diesem Thema folgen');
    expect(tp('contextMentions', 1)).toBe('1 Erwähnung');
    expect(tp('contextMentions', 4)).toBe('4 Erwähnungen');
    expect(tp('optionsStories', 12345)).toBe('12.345 Artikel');
    expect(tp('optionsExported', 2, 'x.json')).toBe('2 Artikel in x.json exportiert.');
    expect(formatNumber(1234567)).toBe('1.234.567');
  });

  it('dates and lists in German, also when the UI language is another (Chromium --lang=de says en-US)', () => {
    useCatalog(de as MessageCatalog, 'en-US');
    expect(displayLocale()).toBe('de');
    expect(formatDate('2025-06-27')).toBe('27. Juni 2025');
    expect(joinNames(['Kim', 'Moon', 'Trump'])).toBe('Kim, Moon und Trump');
    expect(timexLabel('2018-SP')).toBe('Frühjahr 2018');
    expect(timexLabel('2018-W23')).toBe('KW 23/2018');
    expect(timexLabel('201X')).toBe('2010er-Jahre');
    expect(timexLabel('2018-Q2')).toBe('2. Quartal 2018');
    expect(timexLabel('2025-06')).toBe('Juni 2025');
  });

  it('keeps a regional UI language that matches the text (de-AT)', () => {
    useCatalog(de as MessageCatalog, 'de-AT');
    expect(displayLocale()).toBe('de-AT');
    expect(formatDate('2025-01-05')).toBe('5. Jän. 2025');
  });

  it('sets lang and dir on the page', () => {
    useCatalog(de as MessageCatalog, 'en-US');
    applyLocale(document);
    expect([document.documentElement.lang, document.documentElement.dir]).toEqual(['de', 'ltr']);
  });

  it('splits a sentence around its marked-up part', () => {
    useCatalog(de as MessageCatalog, 'de');
    const [before, after] = tAround('cardsHelp');
    expect(before).toMatch(/^Standardmäßig aus\..* Dafür sendet es $/);
    expect(after).toMatch(/^ \(zum Beispiel „Kim Jong Un“\)/);
  });
});

describe('a UI language without a catalogue', () => {
  it('shows English text with English counts and dates', () => {
    useCatalog(en as MessageCatalog, 'fr-FR');
    expect(displayLocale()).toBe('en');
    // French would call 0 singular ("0 story"); the English text needs "0 stories".
    expect(tp('searchStories', 0)).toBe('0 stories');
    expect(formatDate('2025-06-27')).toBe('Jun 27, 2025');
  });
});

describe('plural forms beyond one and other', () => {
  const polish: MessageCatalog = {
    localeLanguage: { message: 'pl' },
    searchStories_one: { message: '$1 artykuł' },
    searchStories_few: { message: '$1 artykuły' },
    searchStories_other: { message: '$1 artykułu' },
  };

  it('picks the form Intl.PluralRules gives, and _other when the catalogue lacks it', () => {
    useCatalog(polish, 'pl');
    expect(tp('searchStories', 1)).toBe('1 artykuł');
    expect(tp('searchStories', 3)).toBe('3 artykuły');
    // Polish says "many" for 5; this catalogue has no _many: _other.
    expect(new Intl.PluralRules('pl').select(5)).toBe('many');
    expect(tp('searchStories', 5)).toBe('5 artykułu');
  });
});

describe('right to left', () => {
  it('gives an Arabic or Hebrew page dir=rtl', () => {
    for (const lang of ['ar', 'he-IL']) {
      useCatalog({ localeLanguage: { message: lang.slice(0, 2) } }, lang);
      applyLocale(document);
      expect([document.documentElement.lang, document.documentElement.dir]).toEqual([lang, 'rtl']);
    }
  });
});
