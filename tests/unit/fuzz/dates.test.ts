// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOf, findDates, isPlausibleDay, makeDate, parseDateValue } from '@/core/metadata/dates';
import { dateFromUrl } from '@/core/metadata/url';
import { extractDates } from '@/core/nlp/dates';
import { holds, isPlausibleIsoDay, isValidDateValue, LATEST_DAY, mixed, NOW } from './property';

const DATE_BITS = [
  '2025',
  '2024',
  '1989',
  '2026',
  '1999',
  '20250627',
  '06',
  '6',
  '27',
  '31',
  '00',
  '13',
  '99',
  '-',
  '/',
  '.',
  ' ',
  ':',
  'T',
  'Z',
  'z',
  '+02:00',
  '-04',
  '+0530',
  '+99:99',
  '12:30',
  '23:59:60',
  '.123',
  ',',
  'GMT',
  'Fri, ',
  'June ',
  'Juni ',
  'juin ',
  '27. ',
  'Mar ',
  'de ',
  '年',
  '月',
  '日',
  'am ',
  'Updated ',
  '1750000000',
  '1750000000000',
];
const TEXT_BITS = [
  ...DATE_BITS,
  'in ',
  'on ',
  'last ',
  'next ',
  'week',
  'year',
  'month',
  'Monday',
  'weekend',
  'since ',
  'between ',
  ' and ',
  'the 1990s',
  'Q2 ',
  'summer ',
  'earlier',
  'ago',
  'two ',
  'days ',
  'yesterday',
  'now',
  '. ',
  '\n',
  'He said ',
];

const dateish = mixed(DATE_BITS, 12);
const langs = fc.constantFrom(undefined, null, 'en', 'en-US', 'de', 'fr', 'ja', 'xx-invalid');

describe('metadata dates (core/metadata/dates.ts)', () => {
  it('parseDateValue: never throws; a value is a real day from 1990 to a day after now, with a valid time', async () => {
    await holds(
      fc.tuple(dateish, langs),
      ([raw, lang]) => {
        const value = parseDateValue(raw, { now: NOW, lang });
        if (value === null) return true;
        expect(isValidDateValue(value), value).toBe(true);
        expect(dayOf(value) <= LATEST_DAY).toBe(true);
      },
      300,
    );
  });

  /** Machine dates as metadata writes them: ISO day, time, seconds, fraction and offset, some out of range. */
  const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
  const isoish = fc
    .tuple(
      fc.oneof(
        fc.tuple(fc.integer({ min: 1985, max: 2027 }), two(13), two(32)).map((p) => p.join('-')),
        // Around now, where the future check decides.
        fc.constantFrom('2025-06-26', '2025-06-27', '2025-06-28', '2025-06-29'),
      ),
      fc.constantFrom('T', ' ', 't', ''),
      two(25),
      two(61),
      fc.option(two(61)),
      fc.constantFrom('', 'Z', '+00:00', '-04:00', '+05:30', '+14:00', '-12:00', '+0200', '-07'),
      fc.option(fc.tuple(fc.constantFrom('+', '-'), two(99), fc.constantFrom('', ':'), two(99))),
    )
    .map(([day, sep, hh, mi, ss, offset, odd]) => {
      const tail = odd ? `${odd[0]}${odd[1]}${odd[2]}${odd[3]}` : offset;
      return `${day}${sep}${hh}:${mi}${ss === null ? '' : `:${ss}`}${tail}`;
    });

  it('parseDateValue on ISO-like values: the day as written is real and not after the day after now', async () => {
    await holds(
      isoish,
      (raw) => {
        const value = parseDateValue(raw, { now: NOW });
        if (value !== null) expect(isPlausibleIsoDay(dayOf(value)), `${raw} → ${value}`).toBe(true);
      },
      300,
    );
  });

  // Was a bug: the offset was copied without a range check ('+99:99' gave a value Date.parse cannot read).
  it('parseDateValue on ISO-like values: a value with a time is a valid ISO date-time', async () => {
    await holds(
      isoish,
      (raw) => {
        const value = parseDateValue(raw, { now: NOW });
        if (value !== null) expect(isValidDateValue(value), `${raw} → ${value}`).toBe(true);
      },
      300,
    );
  });

  // Was a bug: the future check compared the day as written, so a western offset could lie two days ahead.
  it('parseDateValue on ISO-like values: the instant is at most a day after now', async () => {
    await holds(
      isoish,
      (raw) => {
        const value = parseDateValue(raw, { now: NOW });
        const t = value === null ? Number.NaN : Date.parse(value);
        if (!Number.isNaN(t)) expect(t, `${raw} → ${value}`).toBeLessThanOrEqual(NOW.getTime() + 86_400_000);
      },
      300,
    );
  });

  it('findDates: days in range, offsets within the text, in order, never overlapping', async () => {
    await holds(
      fc.tuple(mixed(TEXT_BITS, 30), langs),
      ([text, lang]) => {
        const found = findDates(text, { now: NOW, lang });
        let end = 0;
        for (const d of found) {
          expect(isPlausibleIsoDay(d.value), d.value).toBe(true);
          // The other reading of an ambiguous numeric date, when the reader gives one.
          const alt = (d as { alt?: string }).alt;
          if (alt !== undefined) expect(isPlausibleIsoDay(alt), alt).toBe(true);
          expect(d.start).toBeGreaterThanOrEqual(end);
          expect(d.end).toBeGreaterThan(d.start);
          expect(d.end).toBeLessThanOrEqual(text.length);
          end = d.end;
        }
      },
      200,
    );
  });

  it('makeDate and isPlausibleDay agree on any integers', async () => {
    await holds(
      fc.tuple(
        fc.integer({ min: 1900, max: 2100 }),
        fc.integer({ min: -1, max: 14 }),
        fc.integer({ min: -1, max: 33 }),
      ),
      ([y, m, d]) => {
        const value = makeDate(y, m, d, NOW);
        if (value !== null) {
          expect(isPlausibleIsoDay(value), value).toBe(true);
          expect(isPlausibleDay(value, NOW)).toBe(true);
        }
      },
      300,
    );
  });

  it('dateFromUrl: a plausible day or null, for any URL-ish string', async () => {
    const path = mixed(
      ['/', '2025', '2019', '06', '6', '27', '31', '-', '_', '.', 'news', '20250627', '1999', '/12/'],
      10,
    );
    await holds(
      fc.tuple(fc.constantFrom('https://news.example', 'http://x', 'not a url', ''), path),
      ([origin, p]) => {
        const value = dateFromUrl(origin + p, NOW);
        if (value !== null) expect(isPlausibleIsoDay(value), value).toBe(true);
      },
      200,
    );
  });
});

/** The TIMEX-style values extractDates returns (see its doc comment). */
const TIMEX =
  /^(?:\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2})?)?)?|\d{3}|\d{4}-(?:Q[1-4]|H[12]|SP|SU|FA|WI)|\d{4}-W\d{2}(?:-WE)?|PRESENT_REF|PAST_REF|FUTURE_REF)$/;

describe('dates in article text (core/nlp/dates.ts)', () => {
  const refs = fc.constantFrom(
    '2025-06-27',
    '2025-06-27T18:40:00-04:00',
    '2018-01-01',
    '2025',
    '',
    'garbage',
  );

  it('extractDates: never throws; mentions are the text at their offsets, in order, with TIMEX values', async () => {
    await holds(
      fc.tuple(mixed(TEXT_BITS, 30), refs),
      ([text, ref]) => {
        const mentions = extractDates(text, ref);
        let end = 0;
        for (const m of mentions) {
          expect(text.slice(m.start, m.end)).toBe(m.text);
          expect(m.start).toBeGreaterThanOrEqual(end);
          end = m.end;
          expect(m.value, `${m.text} → ${m.value}`).toMatch(TIMEX);
          if (m.valueEnd !== undefined) expect(m.valueEnd).toMatch(TIMEX);
          const day = /^(\d{4}-\d{2}-\d{2})/.exec(m.value)?.[1];
          if (day) expect(new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10), m.value).toBe(day);
        }
      },
      150,
    );
  });
});
