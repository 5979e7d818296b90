/**
 * Author names from bylines and metadata strings: "By Jane Doe and John Roe, Staff Writers · June 27, 2025"
 * → ["Jane Doe", "John Roe"]. Pure string logic: no DOM.
 */
import { findDates } from './dates';

export interface BylineOptions {
  /** The site's own name (publisher), dropped from the list ("By Reuters" on reuters.com stays out). */
  siteName?: string | null;
  /** Host name of the page, dropped too. */
  host?: string | null;
}

const LEADING =
  /^(?:(?:story|text|words|written|posted|reported|report|photos?|video|interview|compiled|edited|published|an?\s+article)\s+(?:and\s+\w+\s+)?(?:by|von)|by|von|par|por|door|av|af|autor(?:in)?|author|authors|auteur|redakteur(?:in)?|text|reporter)(?=[\s:|\-–—])[\s:|\-–—]*/i;

/** Words that describe a job or a source, not a person ("Staff Writer", "Correspondent", "Associated Press"). */
const ROLE =
  /\b(?:staff|writer|writers|reporter|reporters|editor|editors|editorial|correspondent|correspondents|contributor|contributors|contributing|columnist|senior|chief|deputy|associate|assistant|managing|executive|producer|analyst|fellow|intern|freelance|photographer|photos?|illustrations?|updated|published|posted|minutes?|min read|read|opinion|guest|special to|professor|director|founder|ceo|head of|bureau|desk|team|newsroom|redaktion|korrespondent(?:in)?|redakteur(?:in)?|mitarbeiter|rédaction|journaliste|more articles|follow|email|twitter|view profile|orcid|profile|all posts|posts by|articles by)\b/i;

const SPLIT =
  /\s*(?:,|;|&|\+|\/|\||·|•|\band\b|\bund\b|\bet\b(?!\.)|\by\b(?!\.)|\be\b(?!\.)|\ben\b(?!\.)|\boch\b|\bog\b|、|・)\s*/i;

/** Labels before a name in CJK bylines ("投稿者", "著者：", "文："). */
const CJK_LABEL = /^(?:投稿者|著者|作者|筆者|記者|文|執筆|撰文|글|기자)\s*[：:]?\s*/u;

/** Words that are never a name on their own. */
const NOT_NAME =
  /^(?:last|first|more|share|home|news|admin|administrator|anonymous|unknown|guest|editor|staff|team|redaktion|none|null|undefined)$/i;

function normalizeSpaces(s: string): string {
  return s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

function simplify(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** True when a string reads as a person's (or agency's) name rather than a phrase. */
export function looksLikeName(s: string): boolean {
  // Two capitals are initials ("KT"); otherwise a name has three characters at least.
  if ((s.length < 3 && !/^\p{Lu}{2}$/u.test(s)) || s.length > 60) return false;
  if (/\d|@|https?:|www\.|\.com\b/i.test(s)) return false;
  const words = s.split(' ');
  if (words.length > 5) return false;
  // At least one capitalised word (or a script without case).
  if (!words.some((w) => /^[\p{Lu}\p{Lo}]/u.test(w))) return false;
  if (NOT_NAME.test(s)) return false;
  // Drop pure job titles ("Staff Writer", "Senior Correspondent"), keep "AOL Staff" or "BWW News Desk".
  const rest = s
    .replace(new RegExp(ROLE.source, 'gi'), ' ')
    .replace(/\b(?:news|the|of|and|a|an|for|at|to)\b/gi, ' ')
    .trim();
  return rest.length > 1;
}

/**
 * Splits and cleans a byline or an author string into names: strips "By"/"Von"/"Par", dates, times, roles,
 * e-mail addresses and the site's own name; splits lists on commas, "and", "&", "und", "et".
 */
export function cleanAuthors(raw: string | null | undefined, options: BylineOptions = {}): string[] {
  if (!raw) return [];
  let s = normalizeSpaces(raw);
  if (!s) return [];
  // Remove dates and times with what follows them ("By Jane Doe · June 27, 2025 6:40 pm").
  for (const d of findDates(s).reverse()) s = `${s.slice(0, d.start)} | ${s.slice(d.end)}`;
  s = s
    .replace(/\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|uhr|h)?\b/gi, ' | ')
    .replace(/\S+@\S+/g, ' ')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\bupdated\b.*$/i, '')
    .replace(/\s[-–—]\s.*$/, '');
  const siteKeys = [options.siteName, options.host?.split('.').slice(-2, -1)[0]]
    .filter((x): x is string => Boolean(x))
    .map(simplify)
    .filter((k) => k.length > 2);
  // "Doe, Jane" (one family name, one given name) is one person.
  const lastFirst = /^\s*([\p{Lu}][\p{L}'’-]+),\s*([\p{Lu}][\p{L}'’-]+)\s*$/u.exec(s);
  if (lastFirst) s = `${lastFirst[2]} ${lastFirst[1]}`;
  const names: string[] = [];
  for (const part of s.split(SPLIT)) {
    let name = normalizeSpaces(part);
    for (let i = 0; i < 3; i++) name = name.replace(CJK_LABEL, '').replace(LEADING, '').trim();
    // "Michael Larabel in Valve on …": the name ends at a preposition.
    name = name.replace(/^(\S+\s+\S+(?:\s+\S+)?)\s+(?:in|on|at|for|für|im|am|from)\s.*$/u, '$1');
    name = name.replace(/\s+(?:published|updated|posted|veröffentlicht|aktualisiert)\b.*$/iu, '');
    name = name.replace(/^[\s"'“”‘’«»:|\-–—.]+|[\s"'“”‘’«»:|\-–—,]+$/g, '').trim();
    if (!name || !looksLikeName(name)) continue;
    const key = simplify(name);
    if (siteKeys.some((k) => k === key || (key.length > 4 && k.includes(key)))) continue;
    if (names.some((n) => simplify(n) === key)) continue;
    names.push(/^[\p{Lu}\p{Lt}\s.'’-]+$/u.test(name) && name.length > 4 ? titleCase(name) : name);
  }
  return names;
}

/** "JANE DOE" → "Jane Doe". */
function titleCase(s: string): string {
  return s
    .toLowerCase()
    .replace(/(^|[\s'’-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}
