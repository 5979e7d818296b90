/**
 * Feed dates, kept as written: RFC 822 / 2822 ("Tue, 10 Jun 2003 04:00:00 GMT", "+0200", "EST") as in RSS, and
 * ISO 8601 / RFC 3339 / W3C-DTF as in Atom, dc:date and JSON Feed. The result is ISO 8601 in the offset the
 * feed wrote ("2003-06-10T04:00:00+02:00"; seconds always written, fractions dropped), never shifted to UTC,
 * so the day stays the publisher's day. A day without a time stays a day ("2003-06-10"). Anything that cannot be read exactly gives undefined, never a
 * guess: impossible days, a year before 1900, a year or month without a day.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Zone names with one meaning: RFC 822's own, and the common ones feeds write. IST, for one, has three. */
const ZONES: Record<string, string> = {
  UT: 'Z',
  UTC: 'Z',
  GMT: 'Z',
  Z: 'Z',
  EST: '-05:00',
  EDT: '-04:00',
  CST: '-06:00',
  CDT: '-05:00',
  MST: '-07:00',
  MDT: '-06:00',
  PST: '-08:00',
  PDT: '-07:00',
  AKST: '-09:00',
  AKDT: '-08:00',
  HST: '-10:00',
  WET: '+00:00',
  WEST: '+01:00',
  BST: '+01:00',
  CET: '+01:00',
  CEST: '+02:00',
  MET: '+01:00',
  MEST: '+02:00',
  EET: '+02:00',
  EEST: '+03:00',
  MSK: '+03:00',
  JST: '+09:00',
  KST: '+09:00',
  AEST: '+10:00',
  AEDT: '+11:00',
  NZST: '+12:00',
  NZDT: '+13:00',
};

const pad = (n: number) => String(n).padStart(2, '0');

function day(year: number, month: number, dayOfMonth: number): string | undefined {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || dayOfMonth < 1) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return dayOfMonth > days ? undefined : `${year}-${pad(month)}-${pad(dayOfMonth)}`;
}

function time(h: string, m: string, s: string | undefined): string | undefined {
  const [hh, mm, ss] = [Number(h), Number(m), s === undefined ? 0 : Number(s)];
  return hh > 23 || mm > 59 || ss > 59 ? undefined : `${pad(hh)}:${pad(mm)}:${pad(ss)}`;
}

/** "+0200", "+02:00", "+02", "z" → "+02:00" or "Z"; undefined for an impossible offset. */
function numericOffset(raw: string): string | undefined {
  if (/^z$/i.test(raw)) return 'Z';
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(raw);
  if (!m) return undefined;
  const [hh, mm] = [Number(m[2]), Number(m[3] ?? 0)];
  if (hh > 23 || mm > 59) return undefined;
  if (m[1] === '-' && hh === 0 && mm === 0) return 'Z'; // RFC 2822's "-0000": UTC, local offset unknown
  return `${m[1]}${pad(hh)}:${pad(mm)}`;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

const RFC822 = new RegExp(
  [
    '^(?:[a-z]{3,9}\\.?,?\\s*)?', // day name, ignored
    '(\\d{1,2})[\\s-]+([a-z]{3,9})\\.?[\\s-]+(\\d{4}|\\d{2})', // 10 Jun 2003
    '(?:,?\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?', // 04:00:00
    '(?:\\s*(?:(?:GMT|UTC)(?=[+-]))?([+-]\\d{2}:?\\d{2}|[a-z]{1,5}))?)?$', // +0200, GMT, EST
  ].join(''),
  'i',
);

function fromIso(s: string): string | undefined {
  const m = ISO.exec(s);
  if (!m) return undefined;
  const d = day(Number(m[1]), Number(m[2]), Number(m[3]));
  if (!d || m[4] === undefined) return d;
  const t = time(m[4], m[5]!, m[6]); // fractions of a second are dropped, as in core/metadata/dates
  if (!t) return undefined;
  if (m[8] === undefined) return `${d}T${t}`;
  const offset = numericOffset(m[8]);
  return offset ? `${d}T${t}${offset}` : undefined;
}

function fromRfc822(s: string): string | undefined {
  const m = RFC822.exec(s);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase()) + 1;
  const monthName = m[2]!.toLowerCase();
  // "Jun", "June", "Sept" are months; "Junk" is not.
  if (
    !month ||
    !/^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/.test(
      monthName,
    )
  )
    return undefined;
  let year = Number(m[3]);
  if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900;
  const d = day(year, month, Number(m[1]));
  if (!d || m[4] === undefined) return d;
  const t = time(m[4], m[5]!, m[6]);
  if (!t) return undefined;
  const zone = m[7];
  if (zone === undefined) return `${d}T${t}`;
  const offset = /^[+-]/.test(zone) ? numericOffset(zone) : ZONES[zone.toUpperCase()];
  if (/^[+-]/.test(zone) && !offset) return undefined;
  // An unknown or ambiguous zone name: the day as written is still right, the instant is not known.
  return offset ? `${d}T${t}${offset}` : d;
}

/** A feed's date as ISO 8601 in its own offset, or undefined when it cannot be read exactly. */
export function parseFeedDate(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  const s = raw
    .replace(/\([^)]*\)\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!s) return undefined;
  return /^\d{4}-/.test(s) ? fromIso(s) : fromRfc822(s);
}
