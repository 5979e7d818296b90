/**
 * Temporal expressions in news text with TIMEX3-style values, resolved against the article's date.
 * chrono-node (English, the document date as reference, never `forwardDate`) plus rules for what it
 * misses or reads too precisely: ranges, decades, bare years, quarters, halves, seasons, ISO weeks,
 * weekends, "now" (PRESENT_REF), "recently" (PAST_REF), "a year earlier". Precision stays as written
 * ("2025-06", "2018"); yearless dates and weekdays that would land after the article move back in
 * past-tense context. The reference day is read as written (never converted to UTC).
 */

import type { ParsedResult } from 'chrono-node';
import { casual } from 'chrono-node';
import type { DateMention } from '../model';

/** A date mention that may be a range ("between 2018 and 2019"): `value` is its start, `valueEnd` its end. */
export interface DateMentionX extends DateMention {
  valueEnd?: string;
}

interface Ref {
  y: number;
  m: number;
  d: number;
  hh: number | null;
  mi: number | null;
}

function parseRef(ref: string): Ref | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(ref.trim());
  if (!m) {
    const y = /^(\d{4})(?:-(\d{2}))?$/.exec(ref.trim());
    if (!y) return null;
    return { y: +y[1]!, m: y[2] ? +y[2] : 1, d: 1, hh: null, mi: null };
  }
  return { y: +m[1]!, m: +m[2]!, d: +m[3]!, hh: m[4] ? +m[4] : null, mi: m[5] ? +m[5] : null };
}

// ---------------------------------------------------------------------------------------------------
// Calendar helpers (UTC arithmetic on calendar days, no time zones involved)

const DAY = 86_400_000;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const dayNum = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY;
function fromDayNum(n: number): { y: number; m: number; d: number } {
  const dt = new Date(n * DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}
const ymd = (y: number, m: number, d: number): string => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
function isoWeek(n: number): { y: number; w: number } {
  const dt = new Date(n * DAY);
  const wd = (dt.getUTCDay() + 6) % 7; // Monday 0
  const thursday = n - wd + 3;
  const ty = new Date(thursday * DAY).getUTCFullYear();
  const jan1 = dayNum(ty, 1, 1);
  return { y: ty, w: Math.floor((thursday - jan1) / 7) + 1 };
}
const weekValue = (n: number): string => {
  const { y, w } = isoWeek(n);
  return `${pad(y, 4)}-W${pad(w)}`;
};
const weekday = (n: number): number => new Date(n * DAY).getUTCDay(); // Sunday 0

// ---------------------------------------------------------------------------------------------------
// Rules

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const MONTH_RE =
  'jan(?:uary|\\.)?|feb(?:ruary|\\.)?|mar(?:ch|\\.)?|apr(?:il|\\.)?|may|june?|july?|aug(?:ust|\\.)?|sept?(?:ember|\\.)?|oct(?:ober|\\.)?|nov(?:ember|\\.)?|dec(?:ember|\\.)?';
const YEAR = '(?:1[6-9]|20)\\d\\d';
const ORD: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  final: 4,
  last: 4,
};
const SEASONS: Record<string, string> = {
  spring: 'SP',
  summer: 'SU',
  fall: 'FA',
  autumn: 'FA',
  winter: 'WI',
};
const SEASON_INDEX: Record<string, number> = { WI: 0, SP: 1, SU: 2, FA: 3 };
const FUTURE_CUE =
  /\b(will|shall|won['’]t|next|upcoming|scheduled|expected to|is to|are to|tomorrow|payable|expires?|matures?|deadline)\b|['’]ll\b/i;
/** Days after the article within which a yearless date is read as upcoming rather than last year's. */
const AHEAD_DAYS = 92;

const monthNum = (s: string): number => MONTHS[s.toLowerCase().replace(/\.$/, '')] ?? 0;
const quarterOf = (m: number): number => Math.floor((m - 1) / 3) + 1;
const seasonOf = (m: number): string => (m <= 2 || m === 12 ? 'WI' : m <= 5 ? 'SP' : m <= 8 ? 'SU' : 'FA');

interface Found extends DateMentionX {
  prio: number;
}

/** The sentence-ish context around [start, end) (up to the nearest sentence end on each side). */
function contextOf(text: string, start: number, end: number): { before: string; after: string } {
  let s = start;
  while (s > 0 && start - s < 160 && !/[.!?\n]/.test(text[s - 1] ?? '')) s--;
  let e = end;
  while (e < text.length && e - end < 120 && !/[.!?\n]/.test(text[e] ?? '')) e++;
  return { before: text.slice(s, start), after: text.slice(end, e) };
}

function futureContext(text: string, start: number, end: number): boolean {
  const { before, after } = contextOf(text, start, end);
  // the clause the expression sits in
  const clause =
    before
      .slice(-90)
      .split(/[;:]|,\s(?=and|but|while|although)/)
      .pop() ?? '';
  return FUTURE_CUE.test(clause) || /^\s*(will|['’]ll)\b/i.test(after);
}

function ruleMentions(text: string, ref: Ref | null): Found[] {
  const out: Found[] = [];
  const add = (start: number, end: number, value: string, prio: number, valueEnd?: string) => {
    const m: Found = { text: text.slice(start, end), start, end, value, prio };
    if (valueEnd) m.valueEnd = valueEnd;
    out.push(m);
  };
  const each = (re: RegExp, fn: (m: RegExpExecArray) => void) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) fn(m);
  };
  const refDay = ref ? dayNum(ref.y, ref.m, ref.d) : null;

  // ranges of years: "between 2018 and 2019", "from 2001 to 2005", "2018-2019", "2018–19"
  each(
    new RegExp(
      `\\b(?:between|from)\\s+(?:the\\s+years\\s+)?(${YEAR})\\s+(?:and|to|until|through|till)\\s+(${YEAR})\\b`,
      'gi',
    ),
    (m) => add(m.index, m.index + m[0].length, m[1]!, 3, m[2]!),
  );
  each(new RegExp(`(?<![\\d/-])(${YEAR})\\s*[-–—/]\\s*(${YEAR}|\\d\\d)\\b(?![-/.]\\d)`, 'g'), (m) => {
    const a = +m[1]!;
    const b = m[2]!.length === 2 ? Math.floor(a / 100) * 100 + +m[2]! : +m[2]!;
    if (b <= a || b - a > 30) return;
    add(m.index, m.index + m[0].length, String(a), 3, String(b));
  });
  // ranges of months: "between March and May 2019", "from June to August"
  each(
    new RegExp(
      `\\b(?:between|from)\\s+(${MONTH_RE})\\s*(${YEAR})?\\s+(?:and|to|until|through)\\s+(${MONTH_RE})\\s*(${YEAR})?\\b`,
      'gi',
    ),
    (m) => {
      const m1 = monthNum(m[1]!);
      const m2 = monthNum(m[3]!);
      if (!m1 || !m2) return;
      let y2 = m[4] ? +m[4] : ref?.y;
      if (y2 === undefined) return;
      if (!m[4] && ref && m2 > ref.m && !futureContext(text, m.index, m.index + m[0].length)) y2 -= 1;
      const y1 = m[2] ? +m[2] : m1 <= m2 ? y2 : y2 - 1;
      add(m.index, m.index + m[0].length, `${y1}-${pad(m1)}`, 3, `${y2}-${pad(m2)}`);
    },
  );
  // decades: "the 1990s", "the '90s", "the mid-1980s"
  each(/\b(?:the\s+)?(?:(?:early|mid|late)[-\s]?)?(1[6-9]\d|20\d)0['’]?s\b/gi, (m) =>
    add(m.index, m.index + m[0].length, m[1]!, 3),
  );
  each(/(?:\bthe\s+)?['’](\d)0s\b/gi, (m) => {
    // "the '90s" → 199; "the '10s" written after 2010 → 201
    const base = ref ? ref.y : 2000;
    const digit = +m[1]!;
    const dec = base >= 2000 && digit <= Math.floor((base % 100) / 10) ? 200 + digit : 190 + digit;
    add(m.index, m.index + m[0].length, String(dec), 3);
  });

  if (ref && refDay !== null) {
    // present, past and future references
    each(
      /\b(?:right\s+)?now\b|\bcurrently\b|\bat present\b|\bpresently\b|\bnowadays\b|\bthese days\b|\bat the moment\b/gi,
      (m) => {
        const before = text.slice(Math.max(0, m.index - 12), m.index);
        if (/\b(until|till|by|from|just)\s+$/i.test(before) && /now/i.test(m[0])) {
          if (!/\b(until|till)\s+$/i.test(before)) return;
        }
        if (/^now\s+that\b/i.test(text.slice(m.index, m.index + 10))) return;
        add(m.index, m.index + m[0].length, 'PRESENT_REF', 2);
      },
    );
    each(
      /\b(?:recently|in the past|the past)\b(?!\s+(?:\d|few|several|two|three|four|five|six|ten|year|month|week|day|decade|century|quarter))/gi,
      (m) => add(m.index, m.index + m[0].length, 'PAST_REF', 2),
    );
    each(
      /\b(?:(?:the\s+)?(?:past|last|recent)\s+(?:few|several|many)\s+|recent\s+)(?:years|months|weeks|days|quarters|decades)\b|\b(?:several|a few|few|many)\s+(?:years|months|weeks|decades)\s+ago\b/gi,
      (m) => add(m.index, m.index + m[0].length, 'PAST_REF', 2),
    );
    each(
      /\b(?:the|in the)\s+(?:near\s+|distant\s+)?future\b|\bin the coming (?:days|weeks|months|years)\b/gi,
      (m) => add(m.index, m.index + m[0].length, 'FUTURE_REF', 2),
    );
    // "last April", "last Monday": the most recent one before the article's month / week
    each(new RegExp(`\\blast\\s+(${MONTH_RE})(?![\\w.]*\\s*\\d)`, 'gi'), (m) => {
      const mo = monthNum(m[1]!);
      if (!mo) return;
      add(m.index, m.index + m[0].length, `${mo >= ref.m ? ref.y - 1 : ref.y}-${pad(mo)}`, 2);
    });
    each(/\blast\s+(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/gi, (m) => {
      const want = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].indexOf(
        m[1]!.toLowerCase(),
      );
      const monday = refDay - ((weekday(refDay) + 6) % 7);
      const n = monday - 7 + ((want + 6) % 7);
      const dd = fromDayNum(n);
      add(m.index, m.index + m[0].length, ymd(dd.y, dd.m, dd.d), 2);
    });
    each(/\b(\w+)\s+weeks?\s+ago\b/gi, (m) => {
      const nums: Record<string, number> = {
        a: 1,
        one: 1,
        two: 2,
        three: 3,
        four: 4,
        five: 5,
        six: 6,
        seven: 7,
        eight: 8,
        nine: 9,
        ten: 10,
      };
      const k = nums[m[1]!.toLowerCase()] ?? (/^\d+$/.test(m[1]!) ? +m[1]! : 0);
      if (!k) return;
      add(m.index, m.index + m[0].length, weekValue(refDay - 7 * k), 2);
    });
    each(/\b(?:earlier|later)\s+in\s+the\s+year\b|\bthe\s+full\s+year\b/gi, (m) =>
      add(m.index, m.index + m[0].length, String(ref.y), 2),
    );

    // quarters and halves
    const quarters: { start: number; y: number; q: number }[] = [];
    each(
      new RegExp(
        `\\b(?:(?:the|its|a|their|this|last|next)\\s+)?(?:(?:this|last|next)\\s+year['’]s\\s+)?(?:(${YEAR})(?:['’]s)?\\s+|fiscal\\s+(${YEAR})\\s+)?(first|second|third|fourth|1st|2nd|3rd|4th|final)[-\\s]quarter(?:\\s+of\\s+(?:fiscal\\s+)?(?:the\\s+year|(${YEAR})))?`,
        'gi',
      ),
      (m) => {
        const q = ORD[m[3]!.toLowerCase()] ?? 4;
        let y = m[1] ? +m[1] : m[2] ? +m[2] : m[4] ? +m[4] : ref.y;
        const before = text.slice(Math.max(0, m.index - 20), m.index);
        if (!m[1] && !m[2] && !m[4]) {
          if (/last year['’]s\s*$/i.test(before) || /last year['’]s/i.test(m[0])) y -= 1;
          else if (/next year['’]s/i.test(m[0])) y += 1;
          else if (/this year['’]s/i.test(m[0])) y = ref.y;
          else if (q > quarterOf(ref.m) && !futureContext(text, m.index, m.index + m[0].length)) y -= 1;
        }
        quarters.push({ start: m.index, y, q });
        add(m.index, m.index + m[0].length, `${y}-Q${q}`, 2);
      },
    );
    const lastQuarterBefore = (pos: number): { y: number; q: number } => {
      let best: { y: number; q: number } | null = null;
      for (const q of quarters) if (q.start < pos) best = q;
      if (best) return best;
      const q = quarterOf(ref.m) - 1;
      return q >= 1 ? { y: ref.y, q } : { y: ref.y - 1, q: 4 };
    };
    each(
      /\bthe\s+(?:latest|last|most recent|recent|current|same|previous|prior)?\s*(?:quarter|period)\b(?![-\s]*(?:earlier|ago))/gi,
      (m) => {
        const word = m[0].toLowerCase();
        if (word.includes('period') && !/latest|current|same/.test(word)) return;
        let { y, q } = lastQuarterBefore(m.index);
        if (/latest|last|most recent/.test(word)) {
          q = quarterOf(ref.m) - 1;
          y = ref.y;
          if (q < 1) {
            q = 4;
            y -= 1;
          }
        }
        if (/current/.test(word)) {
          y = ref.y;
          q = quarterOf(ref.m);
        } else if (/previous|prior/.test(word)) {
          q -= 1;
          if (q < 1) {
            q = 4;
            y -= 1;
          }
        }
        add(m.index, m.index + m[0].length, `${y}-Q${q}`, 2);
      },
    );
    each(
      /\b(?:the\s+)?(first|second)\s+half(?:\s+of\s+(?:fiscal\s+)?(\d{4}|the year|this year|last year|next year))?\b/gi,
      (m) => {
        const h = m[1]!.toLowerCase() === 'first' ? 1 : 2;
        const tail = (m[2] ?? '').toLowerCase();
        let y = /^\d{4}$/.test(tail)
          ? +tail
          : tail === 'last year'
            ? ref.y - 1
            : tail === 'next year'
              ? ref.y + 1
              : ref.y;
        if (!tail && h === 2 && ref.m <= 6 && !futureContext(text, m.index, m.index + m[0].length)) y -= 1;
        add(m.index, m.index + m[0].length, `${y}-H${h}`, 2);
      },
    );
    // "a year earlier", "a year ago", "year-earlier", "the year-ago quarter"
    each(
      /\b(?:a|one)\s+year\s+(?:earlier|ago|before)\b|\b(?:the\s+)?year[-\s](?:earlier|ago)(?:\s+(?:quarter|period|level|levels|figure|results))?\b/gi,
      (m) => {
        const { before, after } = contextOf(text, m.index, m.index + m[0].length);
        const ctx = before + after;
        const near = quarters.some((q) => q.start < m.index && m.index - q.start < 700);
        const quarterCtx = near || /quarter|\bperiod\b/i.test(ctx) || /quarter|period/i.test(m[0]);
        if (quarterCtx) {
          const { y, q } = lastQuarterBefore(m.index + m[0].length);
          add(m.index, m.index + m[0].length, `${y - 1}-Q${q}`, 2);
        } else add(m.index, m.index + m[0].length, String(ref.y - 1), 2);
      },
    );
    // seasons
    each(
      new RegExp(
        `\\b(?:(this|last|next|early|late|the|in)\\s+)?(?:(early|late)\\s+)?(spring|summer|fall|autumn|winter)\\b(?:\\s+(?:of\\s+)?(${YEAR}))?`,
        'gi',
      ),
      (m) => {
        const det = (m[1] ?? '').toLowerCase();
        const s = SEASONS[m[3]!.toLowerCase()]!;
        if (!det && !m[4]) return;
        if (m[3] === 'fall' && !m[4] && !/this|last|next|the|in/.test(det)) return;
        let y = m[4] ? +m[4] : ref.y;
        if (!m[4]) {
          const cur = SEASON_INDEX[seasonOf(ref.m)]!;
          const idx = SEASON_INDEX[s]!;
          if (det === 'last') y = idx < cur ? ref.y : ref.y - 1;
          else if (det === 'next') y = idx > cur ? ref.y : ref.y + 1;
          else if (det !== 'this' && idx > cur && !futureContext(text, m.index, m.index + m[0].length))
            y = ref.y - 1;
          if (s === 'WI' && ref.m === 12 && det !== 'last') y = ref.y;
        }
        const start = det === 'in' || det === 'the' ? m.index + m[1]!.length + 1 : m.index;
        add(det === 'in' ? start : m.index, m.index + m[0].length, `${y}-${s}`, 2);
      },
    );
    // weeks and weekends
    each(
      /\b(this|last|next|previous|past|coming|the)\s+(week|weekend)\b(?!\s+(?:of|before|after|earlier))/gi,
      (m) => {
        const det = m[1]!.toLowerCase();
        const isWeekend = m[2]!.toLowerCase() === 'weekend';
        if (!isWeekend && (det === 'past' || det === 'coming' || det === 'the')) return;
        let n = refDay;
        const wd = weekday(refDay);
        if (isWeekend) {
          if (det === 'last' || det === 'past' || det === 'previous') n = wd === 0 ? refDay - 7 : refDay - 7;
          else if (det === 'next' || det === 'coming') n = refDay + 7;
          else if (
            det === 'the' &&
            wd >= 1 &&
            wd <= 3 &&
            !futureContext(text, m.index, m.index + m[0].length)
          )
            n = refDay - 7;
          add(m.index, m.index + m[0].length, `${weekValue(n)}-WE`, 2);
          return;
        }
        if (det === 'last' || det === 'previous') n = refDay - 7;
        else if (det === 'next') n = refDay + 7;
        add(m.index, m.index + m[0].length, weekValue(n), 2);
      },
    );
    // "earlier this month", "later this year", "earlier in June" keep the month / year
    each(/\b(?:earlier|later|early|late)\s+this\s+(month|year)\b/gi, (m) => {
      const unit = m[1]!.toLowerCase();
      add(m.index, m.index + m[0].length, unit === 'month' ? `${ref.y}-${pad(ref.m)}` : String(ref.y), 2);
    });
    each(/\bthe\s+year\b(?![-\s]*(?:earlier|ago|before|after|\d))|\bthis\s+year['’]s\b/gi, (m) =>
      add(m.index, m.index + m[0].length, String(ref.y), 0),
    );
  }

  each(new RegExp(`\\b(?:mid|early|late)-(${YEAR})\\b`, 'gi'), (m) =>
    add(m.index, m.index + m[0].length, m[1]!, 1),
  );
  // bare years: "in 2018", "fiscal 1989" (low priority: chrono's "March 2018" wins)
  each(
    new RegExp(
      `(?<![\\d$£€¥.,/:-])(?:(?:fiscal|calendar|year)\\s+)?(${YEAR})\\b(?![-/]\\d)(?![.,]\\d)`,
      'gi',
    ),
    (m) => {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 24);
      const before = text.slice(Math.max(0, m.index - 14), m.index);
      if (
        /^\s*(?:%|percent|per\s?cent|shares|people|troops|points|tons|tonnes|yen|dollars|euros|pounds|metres|meters|feet|miles|km|kilometres|votes|members|workers|jobs|cars|units|barrels|(?!(?:was|has|this|its|his|plus|thus|versus|always|perhaps|whereas|is|as)\b)[a-z]{2,}s\b(?!\s+(?:ago|later|earlier)))/i.test(
          after,
        ) &&
        !/^\s*(?:elections?|olympics|games|season|budget)\b/i.test(after)
      ) {
        // "in 2019 sales rose", "the 1990 accords" are years; "employs 2000 workers" is a number
        if (
          !/(?:\b(?:in|since|by|of|during|until|from|before|after|the|its|his|her|their|this|that)|['’]s)\s*$/i.test(
            before,
          )
        )
          return;
      }
      if (
        /\b(?:No|no|number|Nos|page|pp|route|flight|room|at|Rs|US\$|\$)\.?\s*$/.test(before) &&
        !/\b(?:in|since|by)\s*$/i.test(before)
      )
        return;
      add(m.index, m.index + m[0].length, m[1]!, 0);
    },
  );
  return out;
}

// ---------------------------------------------------------------------------------------------------
// chrono

function chronoMentions(text: string, ref: Ref): Found[] {
  const instant = new Date(Date.UTC(ref.y, ref.m - 1, ref.d, ref.hh ?? 12, ref.mi ?? 0));
  let results: ParsedResult[];
  try {
    results = casual.parse(text, { instant, timezone: 0 });
  } catch {
    return [];
  }
  const refDay = dayNum(ref.y, ref.m, ref.d);
  const out: Found[] = [];
  for (const r of results) {
    let t = r.text;
    let start = r.index;
    // trim punctuation chrono keeps ("June," "Friday.")
    const lead = /^[\s,.;:(]+/.exec(t)?.[0].length ?? 0;
    t = t.slice(lead);
    start += lead;
    t = t.replace(/[\s,.;:)]+$/, (x) =>
      /^\.$/.test(x) && /\b(?:[A-Z][a-z]{1,3}|[ap]\.m)\.$/i.test(t) ? x : '',
    );
    if (!t) continue;
    // "Jan. 1, 1990 at 1": a bare number after "at" is no time of day
    const bareAt = /,?\s+at\s+\d{1,2}$/.exec(t);
    const noTime = !!bareAt;
    if (bareAt) t = t.slice(0, bareAt.index);
    // numbers chrono reads as times ("2.50 a", "1/2", "at 15", "from 20 to 30")
    const wordy = t.replace(/\b(?:at|to|from|and|a|on|in|the)\b/gi, '');
    if (!/[a-z]{3,}/i.test(wordy) && !/\d:\d\d|[ap]\.?m\b|\d{4}/i.test(t)) continue;
    if (/\bquarter\b|\bin the (?:year|day)\b/i.test(t)) continue;
    // durations: "the past two years", "the past year", "the next three months"
    if (
      /\bpast\s+(?:\w+\s+)?(?:year|month|week|day|decade)s?\b|\b(?:last|next|coming|past)\s+\w+\s+(?:years|months|weeks|days|decades)\b/i.test(
        t,
      )
    )
      continue;
    // words chrono reads as dates that are mostly something else
    if (
      /^(?:may|march|sat|sun|second|a second|mar|now|today's|this|the|a minute|one|noon)$/i.test(t) &&
      !/^(?:today)$/i.test(t)
    ) {
      if (!/^(?:May|March)$/.test(t)) continue;
      const after = text.slice(start + t.length, start + t.length + 12);
      const before = text.slice(Math.max(0, start - 10), start);
      if (
        !/^\s*(?:\d|of|,?\s*\d{4})/.test(after) &&
        !/\b(?:in|since|until|through|by|early|late|mid|last|next|this)\s+$/i.test(before)
      )
        continue;
    }
    const c = r.start;
    const known = (k: 'year' | 'month' | 'day' | 'weekday' | 'hour'): boolean => c.isCertain(k);
    let y = c.get('year') ?? ref.y;
    let mo = c.get('month') ?? 1;
    let d = c.get('day') ?? 1;
    const future = futureContext(text, start, start + t.length);
    let value: string;
    const partOfDay = /\bmorning\b/i.test(t)
      ? 'TMO'
      : /\bafternoon\b/i.test(t)
        ? 'TAF'
        : /\bevening\b/i.test(t)
          ? 'TEV'
          : /\b(?:night|tonight|overnight)\b/i.test(t)
            ? 'TNI'
            : '';
    const explicitTime = /\d|noon|midnight/i.test(
      t.replace(/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s*\d{1,2}(?:,?\s*\d{4})?/gi, ''),
    );
    // the day: weekdays resolve to the nearest one not after the article (or after it in future context)
    let n = dayNum(y, mo, d);
    if (!known('day') && known('weekday')) {
      const want = c.get('weekday') ?? weekday(n);
      const back = (weekday(refDay) - want + 7) % 7;
      n = refDay - back;
      if (future && back > 0 && !/\blast\b/i.test(t)) n += 7;
    } else if (known('day') && !known('year') && n > refDay + AHEAD_DAYS && !future) {
      n = dayNum(y - 1, mo, d);
    }
    const dd = fromDayNum(n);
    if (known('hour') && explicitTime && !noTime) {
      const hh = c.get('hour') ?? 0;
      const mi = c.get('minute') ?? 0;
      value = `${ymd(dd.y, dd.m, dd.d)}T${pad(hh)}:${pad(mi)}`;
    } else if (
      partOfDay &&
      (known('day') || known('weekday') || /\b(?:this|last|tonight|yesterday|today|tomorrow)\b/i.test(t))
    ) {
      value = `${ymd(dd.y, dd.m, dd.d)}${partOfDay}`;
    } else if (
      /^(?:the\s+)?(?:end|beginning|start|middle)\s+of\b/i.test(t) &&
      !/\d/.test(t.replace(/\d{4}/, ''))
    ) {
      value = known('month') || /month/i.test(t) ? `${pad(dd.y, 4)}-${pad(dd.m)}` : pad(dd.y, 4);
    } else if (known('day') || known('weekday')) {
      value = ymd(dd.y, dd.m, dd.d);
    } else if (known('month')) {
      if (!known('year') && dayNum(y, mo, 1) > refDay + AHEAD_DAYS && !future) y -= 1;
      value = `${pad(y, 4)}-${pad(mo)}`;
    } else if (known('year')) {
      value = pad(y, 4);
    } else {
      const dd = fromDayNum(dayNum(y, mo, d));
      value = ymd(dd.y, dd.m, dd.d);
      d = dd.d;
      mo = dd.m;
    }
    const m: Found = { text: t, start, end: start + t.length, value, prio: 1 };
    if (r.end && known('year') === r.end.isCertain('year')) {
      const e = r.end;
      const ey = e.get('year') ?? y;
      if (e.isCertain('day')) m.valueEnd = ymd(ey, e.get('month') ?? mo, e.get('day') ?? 1);
      else if (e.isCertain('month')) m.valueEnd = `${pad(ey, 4)}-${pad(e.get('month') ?? mo)}`;
      else if (e.isCertain('year')) m.valueEnd = pad(ey, 4);
    }
    out.push(m);
  }
  return out;
}

/**
 * Temporal expressions of `text` in text order. `ref` is the document date (ISO, its calendar day taken
 * as written). Values: "2025-06-11", "2025-06", "2025", "199" (decade), "2025-Q2", "2025-SU", "2025-W26",
 * "2025-W26-WE", "2025-06-27T18:40", PRESENT_REF / PAST_REF / FUTURE_REF. Ranges carry `valueEnd`.
 */
export function extractDates(text: string, ref: string): DateMentionX[] {
  const r = parseRef(ref);
  const all = [...ruleMentions(text, r), ...(r ? chronoMentions(text, r) : [])];
  // higher priority first, then longer spans; drop anything overlapping a kept mention
  all.sort((a, b) => b.prio - a.prio || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Found[] = [];
  for (const m of all) {
    if (kept.some((k) => k.start < m.end && m.start < k.end)) continue;
    kept.push(m);
  }
  kept.sort((a, b) => a.start - b.start);
  return kept.map(({ prio: _prio, ...m }) => m);
}

/** Only the ranges among the mentions ("between 2018 and 2019" → value 2018, valueEnd 2019). */
export function extractDateRanges(text: string, ref: string): DateMentionX[] {
  return extractDates(text, ref).filter((m) => m.valueEnd !== undefined);
}
