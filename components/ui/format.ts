/** Formatting for the reader: dates in their locale (day kept as the page wrote it), counts in English. */

/** `locale` undefined = the reader's locale (the browser's UI language). */
export type Locale = string | undefined;

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
export function formatDate(iso: string | null | undefined, locale: Locale = undefined): string | null {
  if (!iso) return null;
  const value = iso.trim();
  try {
    const day = DAY.exec(value);
    if (day) {
      const date = utcDate(Number(day[1]), Number(day[2]), Number(day[3]));
      if (!date || date.getUTCDate() !== Number(day[3])) return null;
      return new Intl.DateTimeFormat(locale, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        timeZone: 'UTC',
      }).format(date);
    }
    const month = MONTH.exec(value);
    if (month) {
      const date = utcDate(Number(month[1]), Number(month[2]), 1);
      if (!date) return null;
      return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
        date,
      );
    }
    if (YEAR.test(value)) return value;
  } catch {
    // An invalid locale tag: fall through.
  }
  return null;
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

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function daysApartLabel(days: number | null): string | null {
  if (days === null || !Number.isFinite(days)) return null;
  const n = Math.abs(Math.round(days));
  if (n === 0) return 'Same day';
  return `${plural(n, 'day', 'days')} apart`;
}

/** "a, b and c" */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
