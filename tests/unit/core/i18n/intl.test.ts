import { describe, expect, it } from 'vitest';
import { conjunctionFormat, dateTimeFormat, numberFormat, pluralRules } from '@/core/i18n/intl';

describe('cached Intl formatters', () => {
  it('returns the same formatter for the same locale and options', () => {
    const options = { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' } as const;
    expect(dateTimeFormat('en', options)).toBe(dateTimeFormat('en', { ...options }));
    expect(numberFormat('de')).toBe(numberFormat('de'));
    expect(pluralRules('en')).toBe(pluralRules('en'));
    expect(conjunctionFormat('en')).toBe(conjunctionFormat('en'));
  });

  it.each([
    [
      'locale',
      () => dateTimeFormat('de', { month: 'long', timeZone: 'UTC' }),
      () => dateTimeFormat('en', { month: 'long', timeZone: 'UTC' }),
    ],
    [
      'options',
      () => dateTimeFormat('en', { month: 'long', timeZone: 'UTC' }),
      () => dateTimeFormat('en', { month: 'short', timeZone: 'UTC' }),
    ],
    ['kind', () => numberFormat('en') as unknown, () => pluralRules('en') as unknown],
  ])('keeps formatters apart by %s', (_what, a, b) => {
    expect(a()).not.toBe(b());
  });

  it('formats as a fresh formatter does', () => {
    const date = new Date(Date.UTC(2025, 5, 27));
    const options = { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' } as const;
    for (const locale of ['en', 'de', 'ar', 'ja'])
      expect(dateTimeFormat(locale, options).format(date)).toBe(
        new Intl.DateTimeFormat(locale, options).format(date),
      );
    expect(numberFormat('de').format(1234.5)).toBe('1.234,5');
    expect(conjunctionFormat('en').format(['a', 'b', 'c'])).toBe('a, b, and c');
  });

  it('throws on an invalid locale tag every time, caching nothing for it', () => {
    expect(() => numberFormat('not a locale!')).toThrow(RangeError);
    expect(() => numberFormat('not a locale!')).toThrow(RangeError);
  });

  it('stays bounded under many locales', () => {
    const first = numberFormat('en-US');
    for (let i = 0; i < 100; i++) numberFormat(`en-x-k${i}`);
    // The cache was emptied on the way: a new formatter, equal in behaviour.
    const again = numberFormat('en-US');
    expect(again).not.toBe(first);
    expect(again.format(1000)).toBe(first.format(1000));
  });
});
