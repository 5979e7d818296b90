import type { SentenceRef } from '../model';

/**
 * Sentence splitting for news text. Offsets are UTF-16 code units into `text`, end exclusive, and the
 * sentence text is `text.slice(start, end)` (trimmed of surrounding whitespace). Every line is a hard
 * break (article text has one block per line). Inside a line a sentence ends at `.`, `!`, `?` or `…`
 * (optionally followed by closing quotes or brackets) when whitespace follows and the next word starts
 * like a sentence, unless the period belongs to an abbreviation, an initial or a number.
 */

/** Abbreviations that do not end a sentence (lower-case, without the final period). */
const ABBREVIATIONS = new Set([
  // titles
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
  'prof',
  'rev',
  'hon',
  'sr',
  'jr',
  'st',
  'mt',
  'ft',
  'fr',
  'sen',
  'rep',
  'gov',
  'gen',
  'lt',
  'col',
  'maj',
  'capt',
  'cpt',
  'cmdr',
  'adm',
  'sgt',
  'cpl',
  'pvt',
  'pres',
  'supt',
  'insp',
  'amb',
  'atty',
  'messrs',
  'mme',
  'mlle',
  'hr',
  'sra',
  'srta',
  'dott',
  // months and days
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'tue',
  'tues',
  'thu',
  'thur',
  'thurs',
  'fri',
  // business and misc
  'inc',
  'corp',
  'co',
  'ltd',
  'bros',
  'dept',
  'univ',
  'assn',
  'approx',
  'vs',
  'etc',
  'cf',
  'al',
  'eds',
  'ave',
  'blvd',
  'rd',
  'hwy',
  // US states as often abbreviated in news
  'ala',
  'ariz',
  'calif',
  'colo',
  'conn',
  'fla',
  'kan',
  'kans',
  'ky',
  'md',
  'mich',
  'minn',
  'mont',
  'neb',
  'nev',
  'okla',
  'tenn',
  'tex',
  'va',
  'vt',
  'wis',
  'wyo',
  // German / French / Spanish
  'bzw',
  'evtl',
  'ggf',
  'inkl',
  'str',
  'vgl',
  'zb',
  'mio',
  'mrd',
  'dña',
]);

/** Abbreviations written before a number ("No. 3", "p. 12", "Nr. 5"). */
const NUMBER_ABBREVIATIONS = new Set([
  'no',
  'nos',
  'p',
  'pp',
  'vol',
  'fig',
  'art',
  'nr',
  'núm',
  'pág',
  'op',
  'ch',
]);

/** Abbreviations that may legitimately end a sentence when a capitalised word follows. */
const FINAL_ABBREVIATIONS = new Set(['inc', 'corp', 'co', 'ltd', 'etc', 'jr', 'sr', 'bros']);

const UPPER_START = /^[\s"'“‘«([]*[\p{Lu}\p{N}]/u;

function isBoundary(line: string, dot: number, next: number): boolean {
  const ch = line[dot];
  if (ch !== '.') return UPPER_START.test(line.slice(next)) || /^[\s"'“‘«(]*$/.test(line.slice(next)); // ! ? …
  // the word the period closes
  let i = dot - 1;
  while (i >= 0 && /[\p{L}\p{N}.'’-]/u.test(line[i] ?? '')) i--;
  const word = line.slice(i + 1, dot);
  const rest = line.slice(next);
  if (!word) return UPPER_START.test(rest);
  const lower = word.toLowerCase();
  // "U.S.", "U.N.", "a.m.", "e.g." – dotted acronyms: break only before a clear sentence start
  if (/^(\p{L}\.)+\p{L}$/u.test(word)) {
    return /^[\s"'“‘«(]*(The|A|An|In|On|It|He|She|They|We|I|But|And|This|That|These|Those|His|Her|Its|Their|There|As|At|If|When|While|After|Before)\b/.test(
      rest,
    );
  }
  // single initial: "J. Smith"
  if (/^\p{Lu}$/u.test(word)) return false;
  if (NUMBER_ABBREVIATIONS.has(lower) && /^\s*\d/.test(rest)) return false;
  if (ABBREVIATIONS.has(lower)) {
    if (!FINAL_ABBREVIATIONS.has(lower)) return false;
    return /^[\s"'“‘«(]*(The|A|An|In|It|He|She|They|We|But|This|That)\b/.test(rest);
  }
  // numbers like "No. 3" handled above; "3.5" never reaches here (no space after the dot)
  return UPPER_START.test(rest) || /^[\s"'“‘«(]*$/.test(rest);
}

/** Split `text` into sentences. */
export function splitSentences(text: string, _lang?: string): SentenceRef[] {
  const out: SentenceRef[] = [];
  const push = (s: number, e: number) => {
    while (s < e && /\s/.test(text[s] ?? '')) s++;
    while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
    if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
  };
  const lineRe = /[^\n\r]+/g;
  for (let m = lineRe.exec(text); m; m = lineRe.exec(text)) {
    const line = m[0];
    const base = m.index;
    let start = 0;
    const endRe = /[.!?…]+(?:["'”’»)\]]+)?(?=\s|$)/g;
    for (let e = endRe.exec(line); e; e = endRe.exec(line)) {
      const after = e.index + e[0].length;
      // the last punctuation char decides the kind of break
      const punct = e[0].replace(/["'”’»)\]]+$/, '');
      const dot = e.index + punct.length - 1;
      if (punct.length === 1 && !isBoundary(line, dot, after)) continue;
      if (punct.length > 1 && punct !== '...' && punct !== '…') {
        // "?!", "!!" – always a boundary
      } else if ((punct === '...' || punct === '…') && !UPPER_START.test(line.slice(after))) continue;
      push(base + start, base + after);
      start = after;
    }
    push(base + start, base + line.length);
  }
  return out;
}
