/** Labels for TIMEX3-style dates that stay true to their precision: "June 11, 2025", "June 2025", "2018–2019". */

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const YEAR_RE = /^(\d{4})$/;
const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const DECADE_RE = /^(\d{3})X$/;
/** TIMEX3 seasons (SP, SU, FA/AU, WI) and quarters (Q1–Q4). */
const SEASON_RE = /^(\d{4})-(SP|SU|FA|AU|WI)$/;
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;
const SEASONS: Record<string, { name: string; month: number }> = {
  SP: { name: 'Spring', month: 3 },
  SU: { name: 'Summer', month: 6 },
  FA: { name: 'Fall', month: 9 },
  AU: { name: 'Autumn', month: 9 },
  WI: { name: 'Winter', month: 12 },
};

export type Precision = 'day' | 'week' | 'month' | 'season' | 'year' | 'decade' | 'unknown';

export function precisionOf(value: string): Precision {
  if (DAY_RE.test(value)) return 'day';
  if (WEEK_RE.test(value)) return 'week';
  if (MONTH_RE.test(value)) return 'month';
  if (SEASON_RE.test(value) || QUARTER_RE.test(value)) return 'season';
  if (YEAR_RE.test(value)) return 'year';
  if (DECADE_RE.test(value)) return 'decade';
  return 'unknown';
}

function fmt(locale: string, options: Intl.DateTimeFormatOptions, y: number, m = 1, d = 1): string {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

export function dateLabel(value: string, locale = 'en-US'): string {
  let m = DAY_RE.exec(value);
  if (m) return fmt(locale, { year: 'numeric', month: 'long', day: 'numeric' }, +m[1]!, +m[2]!, +m[3]!);
  m = MONTH_RE.exec(value);
  if (m) return fmt(locale, { year: 'numeric', month: 'long' }, +m[1]!, +m[2]!);
  m = WEEK_RE.exec(value);
  if (m) return `Week ${+m[2]!}, ${m[1]}`;
  m = SEASON_RE.exec(value);
  if (m) return `${SEASONS[m[2]!]!.name} ${m[1]}`;
  m = QUARTER_RE.exec(value);
  if (m) return `Q${m[2]} ${m[1]}`;
  m = DECADE_RE.exec(value);
  if (m) return `${m[1]}0s`;
  return value;
}

export function rangeLabel(start: string, end: string | undefined, locale = 'en-US'): string {
  if (!end || end === start) return dateLabel(start, locale);
  return `${dateLabel(start, locale)}–${dateLabel(end, locale)}`;
}

/** The calendar day of an as-written ISO date-time ("2025-06-27T18:40:00-04:00" → "2025-06-27"), or null. */
export function dayOf(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(iso);
  return m ? m[1]! : null;
}

/** Epoch ms for a TIMEX value's start (for sorting and arithmetic); NaN when unknown. */
export function startTs(value: string): number {
  let m = DAY_RE.exec(value);
  if (m) return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!);
  m = MONTH_RE.exec(value);
  if (m) return Date.UTC(+m[1]!, +m[2]! - 1, 1);
  m = WEEK_RE.exec(value);
  if (m) {
    // ISO week: the week with the year's first Thursday is week 1.
    const jan4 = Date.UTC(+m[1]!, 0, 4);
    const dow = (new Date(jan4).getUTCDay() + 6) % 7;
    return jan4 - dow * 86_400_000 + (+m[2]! - 1) * 7 * 86_400_000;
  }
  m = SEASON_RE.exec(value);
  if (m) return Date.UTC(+m[1]!, SEASONS[m[2]!]!.month - 1, 1);
  m = QUARTER_RE.exec(value);
  if (m) return Date.UTC(+m[1]!, (+m[2]! - 1) * 3, 1);
  m = YEAR_RE.exec(value);
  if (m) return Date.UTC(+m[1]!, 0, 1);
  m = DECADE_RE.exec(value);
  if (m) return Date.UTC(+m[1]! * 10, 0, 1);
  return Number.NaN;
}

/** Orders TIMEX values chronologically; at one start, the coarser value first ("2018" before "2018-01-01"). */
export function compareDates(a: string, b: string): number {
  const d = startTs(a) - startTs(b);
  if (d !== 0 && !Number.isNaN(d)) return d;
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
