import { describe, expect, it } from 'vitest';
import { daysApartLabel, formatDate, machineDate } from '@/components/ui/format';
import { safeHref } from '@/components/ui/safe-href';

describe('safeHref', () => {
  it.each([
    ['https://news.example/a?b=1#c', 'https://news.example/a?b=1#c'],
    ['http://news.example', 'http://news.example/'],
    ['  https://news.example/x  ', 'https://news.example/x'],
  ])('keeps %s', (url, expected) => {
    expect(safeHref(url)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    '\tjavascript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,hi',
    'file:///etc/passwd',
    'chrome://settings',
    'ftp://x.example/',
    '//news.example/a',
    '/a',
    'https://user:pass@news.example/',
    '',
    null,
    undefined,
  ])('drops %s', (url) => {
    expect(safeHref(url)).toBeUndefined();
  });
});

describe('formatDate', () => {
  it.each([
    ['2025-06-27T22:40:00-04:00', 'Jun 27, 2025'],
    ['2025-06-27T00:30:00+09:00', 'Jun 27, 2025'],
    ['2025-06-27', 'Jun 27, 2025'],
    ['2025-06', 'June 2025'],
    ['2025', '2025'],
  ])('%s keeps the day as written', (iso, expected) => {
    expect(formatDate(iso, 'en-US')).toBe(expected);
  });

  it('follows the locale', () => {
    expect(formatDate('2025-06-27T22:40:00-04:00', 'de-DE')).toBe('27. Juni 2025');
  });

  it.each([null, '', 'yesterday', '2025-02-30', '2025-13'])('gives null for %s', (iso) => {
    expect(formatDate(iso, 'en-US')).toBeNull();
  });
});

describe('machineDate', () => {
  it.each([
    ['2025-06-27T22:40:00-04:00', '2025-06-27T22:40:00-04:00'],
    ['2025-06-27T22:40:00.123Z', '2025-06-27T22:40:00.123Z'],
    ['2025-06', '2025-06'],
    ['2018', '2018'],
    ['2018-W23', '2018-W23'],
    ['2025-06-27 at noon', '2025-06-27'],
    ['soon', undefined],
  ])('%s → %s', (iso, expected) => {
    expect(machineDate(iso)).toBe(expected);
  });
});

describe('daysApartLabel', () => {
  it.each([
    [null, null],
    [0, 'Same day'],
    [1, '1 day apart'],
    [-1, '1 day apart'],
    [12, '12 days apart'],
    [59, '59 days apart'],
    [60, '2 months apart'],
    [400, '13 months apart'],
    [730, '2 years apart'],
    [2189, '6 years apart'],
    [2573, '7 years apart'],
    [Number.NaN, null],
  ])('%s → %s', (days, expected) => {
    expect(daysApartLabel(days)).toBe(expected);
  });
});
