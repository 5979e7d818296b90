// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { findDates, isModifiedCue, isPublishedCue, parseDateValue } from '../../../../core/metadata/dates';

const now = new Date('2025-07-01T12:00:00Z');

describe('parseDateValue', () => {
  it.each([
    ['2025-06-27', '2025-06-27'],
    ['2025-06-27T18:40:00Z', '2025-06-27T18:40:00Z'],
    ['2025-06-27T14:40:00-04:00', '2025-06-27T14:40:00-04:00'],
    ['2025-06-27T23:30:00+0200', '2025-06-27T23:30:00+02:00'],
    ['2025-06-27 08:05', '2025-06-27T08:05:00'],
    ['2021-11-09T07:15:00.000Z', '2021-11-09T07:15:00Z'],
    ['20250627', '2025-06-27'],
    ['Fri, 27 Jun 2025 18:40:00 GMT', '2025-06-27'],
    ['27.06.2025', '2025-06-27'],
    ['1750963200', '2025-06-26T18:40:00Z'],
  ])('%s → %s', (raw, expected) => {
    expect(parseDateValue(raw, { now })).toBe(expected);
  });

  it.each([['2026-01-01'], ['1989-12-31'], ['2025-02-30'], [''], ['not a date']])('rejects %s', (raw) => {
    expect(parseDateValue(raw, { now })).toBeNull();
  });

  it('keeps the offset: never converts to UTC', () => {
    expect(parseDateValue('2025-06-27T23:50:00-05:00', { now })).toBe('2025-06-27T23:50:00-05:00');
  });
});

describe('findDates', () => {
  it.each([
    ['Veröffentlicht am 27. Juni 2025 um 10:00', '2025-06-27', 'de'],
    ['Stand: 27.06.2025', '2025-06-27', 'de'],
    ['27.6.25, 14:03 Uhr', '2025-06-27', 'de'],
    ['Posted June 27, 2025 at 6:40 pm', '2025-06-27', 'en'],
    ['Jun. 27th, 2025', '2025-06-27', 'en'],
    ['publié le 27 juin 2025', '2025-06-27', 'fr'],
    ['1er juin 2025', '2025-06-01', 'fr'],
    ['27 de junio de 2025', '2025-06-27', 'es'],
    ['27 giugno 2025', '2025-06-27', 'it'],
    ['27 juni 2025', '2025-06-27', 'nl'],
    ['27 июня 2025', '2025-06-27', 'ru'],
    ['2025年6月27日', '2025-06-27', 'ja'],
    ['05/06/2025', '2025-05-06', 'en-us'],
    ['05/06/2025', '2025-06-05', 'de'],
    ['27/06/2025', '2025-06-27', 'en-us'],
    ['2025/06/27', '2025-06-27', 'en'],
    ['Olvasói szavazás 2020. 06. 04. 11:27', '2020-06-04', 'hu'],
    ['2020. 6. 4.', '2020-06-04', 'hu'],
  ])('%s → %s (%s)', (text, expected, lang) => {
    expect(findDates(text, { now, lang })[0]?.value).toBe(expected);
  });

  it('finds nothing in version numbers, prices or future dates', () => {
    expect(findDates('version 1.2.3, costs 12.50, see you on 12 August 2031', { now })).toEqual([]);
  });

  it('does not read an hour after a day and a month as a two-digit year', () => {
    expect(findDates('am 06. 04. 11:27 Uhr', { now, lang: 'de' })).toEqual([]);
  });

  it('gives the other reading of an ambiguous numeric date', () => {
    expect(findDates('11/01/2021', { now, lang: 'de' })[0]).toMatchObject({
      value: '2021-01-11',
      alt: '2021-11-01',
    });
    expect(findDates('11/01/2021', { now, lang: 'en' })[0]).toMatchObject({
      value: '2021-11-01',
      alt: '2021-01-11',
    });
    // Unambiguous: no other reading.
    expect(findDates('27/06/2025', { now, lang: 'de' })[0]?.alt).toBeUndefined();
    expect(findDates('06.11.2021', { now, lang: 'de' })[0]?.alt).toBeUndefined();
  });

  it('returns dates in text order with offsets', () => {
    const text = 'Erstellt am 3. Mai 2024, aktualisiert am 05.05.2024';
    const found = findDates(text, { now, lang: 'de' });
    expect(found.map((d) => d.value)).toEqual(['2024-05-03', '2024-05-05']);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe('3. Mai 2024');
  });
});

describe('isModifiedCue', () => {
  it.each([
    ['Aktualisiert am ', true],
    ['Updated: ', true],
    ['zuletzt geändert ', true],
    ['Veröffentlicht am ', false],
    ['By Jane Doe · ', false],
  ])('%s → %s', (before, expected) => {
    expect(isModifiedCue(before)).toBe(expected);
  });
});

describe('isPublishedCue', () => {
  it.each([
    ['Mise en ligne ', true],
    ['mis en ligne le ', true],
    ['Erstellt am ', true],
    ['Veröffentlicht am ', true],
    ['Enregistrements ', false],
  ])('%s → %s', (before, expected) => {
    expect(isPublishedCue(before)).toBe(expected);
  });
});

describe('parseDateValue: offsets and instants', () => {
  const now = new Date('2025-06-27T12:00:00Z');
  it.each([
    ['a real offset is kept as written', '2025-06-26T23:30:00-05:00', '2025-06-26T23:30:00-05:00'],
    ['+14:00 is the largest real offset', '2025-06-27T08:00:00+14:00', '2025-06-27T08:00:00+14:00'],
    ['an impossible offset keeps the day only', '2025-06-26T10:00:00+99:99', '2025-06-26'],
    ['+24:00 keeps the day only', '2025-06-26T10:00:00+2400', '2025-06-26'],
    ['an instant more than a day ahead is refused', '2025-06-28T23:59:59-12:00', null],
  ])('%s', (_name, raw, expected) => {
    expect(parseDateValue(raw, { now })).toBe(expected);
  });
});
