// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMessage, type MessageCatalog, placeholdersOf } from '@/core/i18n/format';

const root = join(__dirname, '../../../../public/_locales');
const locales = readdirSync(root);
const load = (locale: string) =>
  JSON.parse(readFileSync(join(root, locale, 'messages.json'), 'utf8')) as MessageCatalog;
const en = load('en');

describe('formatMessage (the browser rules for messages.json)', () => {
  it.each([
    [{ message: 'plain' }, [], 'plain'],
    [{ message: '$1 of $2' }, ['3', '7'], '3 of 7'],
    [{ message: '$COUNT$ stories', placeholders: { count: { content: '$1' } } }, ['5'], '5 stories'],
    [{ message: 'costs $$5' }, [], 'costs $5'],
    [{ message: 'from $SITE$', placeholders: { site: { content: 'here' } } }, [], 'from here'],
    [{ message: '$missing$' }, [], '$missing$'],
  ])('%j with %j → %s', (entry, subs, expected) => {
    expect(formatMessage(entry, subs)).toBe(expected);
  });
  it('an unknown key is empty, as in the browser', () => {
    expect(formatMessage(undefined)).toBe('');
  });
});

describe('the shipped locales', () => {
  it('include English and German', () => {
    expect(locales).toEqual(expect.arrayContaining(['en', 'de']));
  });
  it.each(locales.filter((l) => l !== 'en'))(
    '%s has every English key, no other, with the same placeholders',
    (locale) => {
      const other = load(locale);
      expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
      for (const [key, entry] of Object.entries(en)) {
        expect({ key, placeholders: placeholdersOf(other[key] as (typeof en)[string]) }).toEqual({
          key,
          placeholders: placeholdersOf(entry),
        });
        expect(other[key]?.message.trim(), key).not.toBe('');
      }
    },
  );
});
