/**
 * Date strings as news pages write them: ISO 8601 values from metadata, and human dates in the text in the
 * languages of the news we read ("27. Juni 2025", "27.06.2025", "June 27, 2025", "27 juin 2025", "2025年6月27日").
 * Values are kept as written: a date with its time and offset stays in its own offset, never converted to UTC.
 * Pure string logic: no DOM.
 */

/** The oldest year accepted for a news date. */
export const MIN_YEAR = 1990;

export interface DateOptions {
  /** Dates after this instant (plus one day of timezone slack) are rejected. Defaults to the current time. */
  now?: Date;
  /** Page language (BCP 47), used to read ambiguous numeric dates such as 06/07/2025. */
  lang?: string | null;
}

/** A date found in a text. */
export interface TextDate {
  /** YYYY-MM-DD. */
  value: string;
  /** Offsets of the expression in the text (UTF-16, end exclusive). */
  start: number;
  end: number;
  /** How the date was written: with a month name, numeric, or CJK. */
  kind: 'named' | 'numeric' | 'iso' | 'cjk';
  /** The other reading of an ambiguous numeric date (06/07/2025: day-month and month-day both valid). */
  alt?: string;
}

const MONTHS: Record<string, number> = {};
function addMonths(names: string): void {
  names.split(' ').forEach((group, i) => {
    for (const name of group.split('|')) if (name) MONTHS[name] = i + 1;
  });
}
// One group per month (January … December), names separated by "|".
addMonths(
  'january|jan february|feb march|mar april|apr may june|jun july|jul august|aug september|sept|sep october|oct november|nov december|dec',
);
addMonths(
  'januar|jänner|jän|jaenner februar|feber märz|maerz|mär|mrz april mai juni juli august september oktober|okt november dezember|dez',
);
addMonths(
  'janvier|janv février|fevrier|févr|fevr|fév mars avril|avr mai juin juillet|juil août|aout septembre octobre novembre décembre|decembre|déc',
);
addMonths(
  'enero|ene febrero marzo abril|abr mayo junio julio agosto|ago septiembre|setiembre octubre noviembre diciembre|dic',
);
addMonths(
  'gennaio|genn febbraio marzo aprile maggio|magg giugno luglio agosto settembre|sett ottobre|ott novembre dicembre',
);
addMonths(
  'janeiro fevereiro|fev março|marco abril maio junho julho agosto setembro outubro novembro dezembro',
);
addMonths('januari februari maart|mrt april mei juni juli augustus september oktober november december');
addMonths(
  'января|январь|янв февраля|февраль|фев марта|март апреля|апрель|апр мая|май июня|июнь|июн июля|июль|июл августа|август|авг сентября|сентябрь|сен октября|октябрь|окт ноября|ноябрь|ноя декабря|декабрь|дек',
);
addMonths(
  'stycznia|styczeń lutego|luty marca|marzec kwietnia|kwiecień maja|maj czerwca|czerwiec lipca|lipiec sierpnia|sierpień września|wrzesień października|październik listopada|listopad grudnia|grudzień',
);
addMonths(
  'ledna|leden února|únor března|březen dubna|duben května|květen června|červen července|červenec srpna|srpen září října|říjen listopadu prosince|prosinec',
);
addMonths('січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня');
addMonths('januar februar marts april maj juni juli august september oktober november december');
addMonths('januari februari mars april maj juni juli augusti september oktober november december');
addMonths('ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık');
addMonths(
  'január február március április május június július augusztus szeptember október november december',
);

const MONTH_RE = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .map((m) => m.replace(/\./g, '\\.'))
  .join('|');

const L = '\\p{L}';
// "27. Juni 2025", "27 juin 2025", "1er juin 2025", "27 de junio de 2025", "27th June, 2025", "27-Jun-2025"
const DAY_MONTH_YEAR = new RegExp(
  `(?<![\\p{L}\\p{N}])(\\d{1,2})(?:\\.|er|st|nd|rd|th|º)?[\\s\\u00a0-]*(?:de\\s+)?(${MONTH_RE})(?![${L}])\\.?,?[\\s\\u00a0-]*(?:de\\s+|del\\s+)?'?(\\d{4})(?!\\d)`,
  'giu',
);
// "June 27, 2025", "Jun. 27th 2025", "Juni 27, 2025"
const MONTH_DAY_YEAR = new RegExp(
  `(?<![${L}])(${MONTH_RE})(?![${L}])\\.?[\\s\\u00a0]+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)\\.?,?[\\s\\u00a0]+(\\d{4})(?!\\d)`,
  'giu',
);
// 2025-06-27, 2025/06/27, 2025.06.27
const ISO_DATE = /(?<![\d./-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])/g;
// 27.06.2025, 27.6.25, 27/06/2025, 06/27/2025, 27-06-2025
// A two-digit "year" followed by ":mm" is an hour ("06. 04. 11:27").
const NUMERIC_DATE = /(?<![\d./-])(\d{1,2})([./-])\s?(\d{1,2})\2\s?(\d{4}|\d{2}(?![:.]\d))(?![\d]|\.\d)/g;
// Hungarian and similar: 2020. 06. 04.
const YMD_SPACED = /(?<![\d.])(\d{4})\.\s(\d{1,2})\.\s?(\d{1,2})\.?(?!\d)/g;
// 2025年6月27日, 2025년 6월 27일
const CJK_DATE = /(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?/g;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** YYYY-MM-DD when the parts make a real date between 1990 and `now` (one day of slack), else null. */
export function makeDate(year: number, month: number, day: number, now: Date = new Date()): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const value = `${year}-${pad(month)}-${pad(day)}`;
  return isPlausibleDay(value, now) ? value : null;
}

/** True when a YYYY-MM-DD day is between 1990-01-01 and the day after `now` (UTC). */
export function isPlausibleDay(day: string, now: Date = new Date()): boolean {
  const year = Number(day.slice(0, 4));
  if (!(year >= MIN_YEAR)) return false;
  const limit = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
  return day <= limit;
}

function twoDigitYear(yy: number, now: Date): number {
  const century = 2000 + yy;
  return century <= now.getUTCFullYear() ? century : 1900 + yy;
}

/** Whether the language writes numeric dates month first (en-US style). */
function monthFirst(lang: string | null | undefined): boolean {
  if (!lang) return false;
  const l = lang.toLowerCase();
  return l === 'en' || l === 'en-us' || l.startsWith('en-us') || l === 'en-ca' || l === 'en-ph';
}

/**
 * Every date with day precision in a text, in text order. Dates before 1990 or after `now` are left out.
 */
export function findDates(text: string, options: DateOptions = {}): TextDate[] {
  const now = options.now ?? new Date();
  const found: TextDate[] = [];
  const push = (
    value: string | null,
    start: number,
    end: number,
    kind: TextDate['kind'],
    alt?: string | null,
  ): void => {
    if (value && !found.some((d) => start < d.end && end > d.start))
      found.push(alt && alt !== value ? { value, start, end, kind, alt } : { value, start, end, kind });
  };
  for (const m of text.matchAll(CJK_DATE)) {
    push(makeDate(Number(m[1]), Number(m[2]), Number(m[3]), now), m.index, m.index + m[0].length, 'cjk');
  }
  for (const m of text.matchAll(DAY_MONTH_YEAR)) {
    const month = MONTHS[m[2]!.toLowerCase()];
    if (month)
      push(makeDate(Number(m[3]), month, Number(m[1]), now), m.index, m.index + m[0].length, 'named');
  }
  for (const m of text.matchAll(MONTH_DAY_YEAR)) {
    const month = MONTHS[m[1]!.toLowerCase()];
    if (month)
      push(makeDate(Number(m[3]), month, Number(m[2]), now), m.index, m.index + m[0].length, 'named');
  }
  for (const m of text.matchAll(ISO_DATE)) {
    push(makeDate(Number(m[1]), Number(m[3]), Number(m[4]), now), m.index, m.index + m[0].length, 'iso');
  }
  for (const m of text.matchAll(YMD_SPACED)) {
    push(makeDate(Number(m[1]), Number(m[2]), Number(m[3]), now), m.index, m.index + m[0].length, 'iso');
  }
  for (const m of text.matchAll(NUMERIC_DATE)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const yearText = m[4]!;
    // Two-digit years only with dots (German "27.06.25"); slashes with two digits are too ambiguous.
    if (yearText.length === 2 && m[2] !== '.') continue;
    const year = yearText.length === 2 ? twoDigitYear(Number(yearText), now) : Number(yearText);
    let value: string | null;
    if (m[2] === '.') value = makeDate(year, b, a, now);
    else if (a > 12) value = makeDate(year, b, a, now);
    else if (b > 12) value = makeDate(year, a, b, now);
    else {
      const mdy = makeDate(year, a, b, now);
      const dmy = makeDate(year, b, a, now);
      const first = monthFirst(options.lang);
      value = first ? mdy : dmy;
      push(value, m.index, m.index + m[0].length, 'numeric', first ? dmy : mdy);
      continue;
    }
    push(value, m.index, m.index + m[0].length, 'numeric');
  }
  return found.sort((x, y) => x.start - y.start);
}

const ISO_VALUE =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?/i;

/**
 * Reads a machine date (meta content, JSON-LD, `<time datetime>`) as written: "2025-06-27",
 * "2025-06-27T14:40:00-04:00", "2025-06-27T18:40:00Z". Falls back to a human date in the string
 * ("Fri, 27 Jun 2025 18:40:00 GMT", "27.06.2025"). Returns null when there is no plausible day.
 */
export function parseDateValue(raw: string | null | undefined, options: DateOptions = {}): string | null {
  if (!raw) return null;
  const s = raw.trim();
  if (!s) return null;
  const now = options.now ?? new Date();
  const m = ISO_VALUE.exec(s);
  if (m) {
    const day = makeDate(Number(m[1]), Number(m[2]), Number(m[3]), now);
    if (day) {
      if (m[4] === undefined) return day;
      const hh = Number(m[4]);
      const mm = Number(m[5]);
      const ss = m[6] === undefined ? 0 : Number(m[6]);
      if (hh > 23 || mm > 59 || ss > 59) return day;
      let offset = m[7] ?? '';
      if (/^[+-]\d{2}$/.test(offset)) offset = `${offset}:00`;
      else if (/^[+-]\d{4}$/.test(offset)) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
      else if (offset.toLowerCase() === 'z') offset = 'Z';
      // Real offsets run from −12:00 to +14:00 in whole minutes; anything else keeps the day only.
      const o = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
      if (o && (Number(o[3]) > 59 || Number(o[2]) * 60 + Number(o[3]) > (o[1] === '+' ? 14 * 60 : 12 * 60)))
        return day;
      const value = `${day}T${pad(hh)}:${pad(mm)}:${pad(ss)}${offset}`;
      // The day is checked as written; the instant may still lie ahead (a western offset): then no time either.
      const t = offset ? Date.parse(value) : Number.NaN;
      if (!Number.isNaN(t) && t > now.getTime() + 86_400_000) return null;
      return value;
    }
  }
  // Epoch seconds or milliseconds (some analytics metas).
  if (/^\d{10}(\d{3})?$/.test(s)) {
    const ms = s.length === 10 ? Number(s) * 1000 : Number(s);
    const iso = new Date(ms).toISOString();
    return isPlausibleDay(iso.slice(0, 10), now) ? iso.replace('.000Z', 'Z') : null;
  }
  return findDates(s, options)[0]?.value ?? null;
}

/** The day part (YYYY-MM-DD) of a value returned by parseDateValue. */
export function dayOf(value: string): string {
  return value.slice(0, 10);
}

const MODIFIED_CUE =
  /(?:updated?|last\s+modified|modified|revised|aktualisiert|zuletzt\s+(?:geändert|aktualisiert)|geändert|stand|mis\s+à\s+jour|actualizado|actualización|aggiornato|atualizado|bijgewerkt|обновлено|更新)\s*(?:am|on|at|le|el|il|em|op|:|-|\|)?\s*[:-]?\s*$/iu;
const PUBLISHED_CUE =
  /(?:published|posted|erschienen|veröffentlicht|publiziert|erstellt|mise?\s+en\s+ligne|publié|publicado|pubblicato|gepubliceerd|опубликовано|datum|date|vom|from|am|on|le)\s*(?:am|on|at|le|el|il|em|op|:|-|\|)?\s*[:-]?\s*$/iu;

/** Whether the words just before a date in a text say it is an update ("Aktualisiert am", "Updated:"). */
export function isModifiedCue(before: string): boolean {
  return MODIFIED_CUE.test(before.slice(-40));
}

/** Whether the words just before a date in a text say it is the publication ("Veröffentlicht am", "Published"). */
export function isPublishedCue(before: string): boolean {
  return PUBLISHED_CUE.test(before.slice(-40));
}
