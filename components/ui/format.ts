/**
 * Formatting for the reader, in the language the text is shown in (lib/i18n.ts `displayLocale`): dates (the
 * day kept as the page wrote it), numbers, lists, and the coarse dates of the timeline (weeks, seasons…).
 */

import { conjunctionFormat, dateTimeFormat, numberFormat } from '@/core/i18n/intl';
import type { EntityType } from '@/core/model';
import { displayLocale, t, tp } from '@/lib/i18n';

/** `locale` undefined = the reader's locale (the browser's UI language, see `displayLocale`). */
export type Locale = string | undefined;

/** The locale to format with: the one asked for, else the reader's. */
export function localeOf(locale: Locale): string {
  return locale ?? displayLocale();
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})/;
const MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^(\d{4})$/;

function utcDate(year: number, month: number, day: number): Date | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  return Number.isNaN(date.getTime()) || date.getUTCMonth() !== month - 1 ? null : date;
}

/**
 * Formats an as-written ISO date ("2025-06-27T23:40:00-04:00", "2025-06-27", "2025-06", "2025") for display.
 * The calendar day is taken from the string itself, never converted to the reader's time zone, so an article
 * dated the 27th in New York still reads "Jun 27, 2025" in Tokyo. Returns null when the string is no date.
 */
export function formatDate(
  iso: string | null | undefined,
  locale: Locale = undefined,
  dayStyle: 'short' | 'long' = 'short',
): string | null {
  if (!iso) return null;
  const value = iso.trim();
  try {
    const day = DAY.exec(value);
    if (day) {
      const date = utcDate(Number(day[1]), Number(day[2]), Number(day[3]));
      if (!date || date.getUTCDate() !== Number(day[3])) return null;
      return dateTimeFormat(localeOf(locale), {
        year: 'numeric',
        month: dayStyle,
        day: 'numeric',
        timeZone: 'UTC',
      }).format(date);
    }
    const month = MONTH.exec(value);
    if (month) {
      const date = utcDate(Number(month[1]), Number(month[2]), 1);
      if (!date) return null;
      return dateTimeFormat(localeOf(locale), {
        year: 'numeric',
        month: 'long',
        timeZone: 'UTC',
      }).format(date);
    }
    if (YEAR.test(value)) return value;
  } catch {
    // An invalid locale tag: fall through.
  }
  return null;
}

/** A number in the reader's locale ("1,234", "1.234"). */
export function formatNumber(n: number, locale: Locale = undefined): string {
  try {
    return numberFormat(localeOf(locale)).format(n);
  } catch {
    return String(n);
  }
}

/**
 * A value for `<time datetime>`: the as-written string when it is a valid HTML date/time form, else the
 * date part, else undefined.
 */
export function machineDate(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const value = iso.trim();
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value) || /^\d{4}-W\d{2}$/.test(value)) return value;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value)) return value;
  return DAY.exec(value)?.[0];
}

/** Days in a month and in a year, on average (the Gregorian calendar's). */
const MONTH_DAYS = 30.436875;
const YEAR_DAYS = 365.2425;

/**
 * How far apart two stories are, in the unit a reader counts in: days up to 59 ("12 days apart"), then months up
 * to two years ("5 months apart"), then years ("7 years apart", not "2,573 days apart").
 */
export function daysApartLabel(days: number | null): string | null {
  if (days === null || !Number.isFinite(days)) return null;
  const n = Math.abs(Math.round(days));
  if (n === 0) return t('relatedSameDay');
  if (n < 60) return tp('relatedDaysApart', n);
  if (n < 730) return tp('relatedMonthsApart', Math.round(n / MONTH_DAYS));
  return tp('relatedYearsApart', Math.round(n / YEAR_DAYS));
}

/** "a, b and c", in the reader's language. */
export function joinNames(names: readonly string[], locale: Locale = undefined): string {
  if (names.length <= 1) return names[0] ?? '';
  try {
    return conjunctionFormat(localeOf(locale)).format(names);
  } catch {
    return names.join(', ');
  }
}

const WEEK = /^(\d{4})-W(\d{2})$/;
const SEASON = /^(\d{4})-(SP|SU|FA|AU|WI)$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const DECADE = /^(\d{3})X$/;

function seasonLabel(season: string, year: string): string {
  switch (season) {
    case 'SP':
      return t('dateSpring', year);
    case 'SU':
      return t('dateSummer', year);
    case 'WI':
      return t('dateWinter', year);
    default:
      return t('dateAutumn', year);
  }
}

/**
 * A TIMEX3-style date of the timeline as the reader reads it, true to its precision: "June 11, 2025",
 * "June 2025", "Week 23, 2018", "Spring 2018", "Q2 2018", "2010s", "2018"; null when it is none of these.
 */
export function timexLabel(value: string, locale: Locale = undefined): string | null {
  if (DAY.test(value) && value.length === 10) return formatDate(value, locale, 'long');
  if (MONTH.test(value)) return formatDate(value, locale);
  if (YEAR.test(value)) return value;
  let m = WEEK.exec(value);
  if (m) return t('dateWeek', Number(m[2]), m[1]!);
  m = SEASON.exec(value);
  if (m) return seasonLabel(m[2]!, m[1]!);
  m = QUARTER.exec(value);
  if (m) return t('dateQuarter', m[2]!, m[1]!);
  m = DECADE.exec(value);
  if (m) return t('dateDecade', `${m[1]}0`);
  return null;
}

/** A date or a range of dates ("2018–2019") of the timeline; `fallback` when the date has no known form. */
export function timexRangeLabel(
  start: string,
  end: string | undefined,
  fallback: string,
  locale: Locale = undefined,
): string {
  const from = timexLabel(start, locale);
  if (from === null) return fallback || start;
  if (!end || end === start) return from;
  const to = timexLabel(end, locale);
  return to === null ? from : `${from}–${to}`;
}

/** "Person", "Organisation", "Place". */
export function entityTypeLabel(type: EntityType): string {
  switch (type) {
    case 'person':
      return t('entityPerson');
    case 'organization':
      return t('entityOrganization');
    default:
      return t('entityPlace');
  }
}
