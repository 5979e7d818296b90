/**
 * Everything Backstory derives from one article's text: entities aggregated by key, salient terms,
 * sentences with dates, and sentences about the past. Pure function of the article.
 */
import type { ArticleAnalysis, ArticleEntity, DatedSentence, EntityMention, SentenceRef } from '../model';
import { datelineLength } from '../text/dateline';
import { splitSentences } from '../text/sentences';
import { isStopWord, tokenize } from '../text/tokens';
import { type DateMentionX, extractDates } from './dates';
import { extractEntities, isRoleWord } from './entities';
import { extractEntitiesIntl } from './entities-intl';

export interface AnalyzeInput {
  title: string;
  text: string;
  publishedAt: string | null;
  lang: string | null;
}

const MAX_TERMS = 60;
const TITLE_WEIGHT = 2;

/** Words that end a role phrase when reading backwards from a name. */
const ROLE_STOP = new Set(
  `the a an his her its their our my your this that these those and or but with to of by at in on for from as
  who which whom whose was is were are be been has have had said says told asked than while when after
  before about into over under between against during since including like said, stating`.split(/\s+/),
);

/** The descriptive words the text puts right before a mention: "North Korean leader", "Seoul-based monitoring outlet". */
export function roleBefore(text: string, start: number): string | undefined {
  const before = text.slice(Math.max(0, start - 80), start);
  if (!/\s$/.test(before)) return undefined;
  // stop at the last clause boundary
  const clause = before.split(/[,;:()"“”‘\n—–]|(?<!\b\p{Lu})\.\s/u).pop() ?? '';
  const words = clause.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return undefined;
  const head = words[words.length - 1]!;
  if (!isRoleWord(head)) return undefined;
  const out: string[] = [];
  for (let i = words.length - 1; i >= 0 && out.length < 5; i--) {
    const w = words[i]!;
    if (ROLE_STOP.has(w.toLowerCase()) || /['’]s$/.test(w)) break;
    out.unshift(w);
  }
  return out.length ? out.join(' ') : undefined;
}

function aggregateEntities(text: string, mentions: EntityMention[]): ArticleEntity[] {
  const byKey = new Map<string, ArticleEntity>();
  for (const m of mentions) {
    const e = byKey.get(m.key);
    const role = roleBefore(text, m.start);
    if (!e) {
      const entity: ArticleEntity = { key: m.key, name: m.text, type: m.type, count: 1, first: m.start };
      if (role) entity.role = role;
      byKey.set(m.key, entity);
      continue;
    }
    e.count++;
    if (m.text.length > e.name.length) e.name = m.text;
    if (!e.role && role) e.role = role;
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count || a.first - b.first);
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function lemma(token: string, lang: string): string {
  if (lang !== 'en' || token.length <= 4) return token;
  if (/ies$/.test(token)) return `${token.slice(0, -3)}y`;
  if (/(?:ss|us|is|ous|ics)$/.test(token)) return token;
  if (/[^s]s$/.test(token)) return token.slice(0, -1);
  return token;
}

function salientTerms(
  title: string,
  text: string,
  lang: string,
  entities: ArticleEntity[],
  mentions: EntityMention[],
): { term: string; count: number }[] {
  // words of names are counted through the entity keys, not as loose words ("north", "jong")
  const nameWords = new Set<string>();
  for (const m of mentions) for (const w of tokenize(m.text, lang)) nameWords.add(w);
  const counts = new Map<string, { count: number; first: number }>();
  let pos = 0;
  const bump = (term: string, by: number) => {
    const c = counts.get(term);
    if (c) c.count += by;
    else counts.set(term, { count: by, first: pos });
    pos++;
  };
  const useful = (t: string) => t.length > 2 && !/\d/.test(t) && !isStopWord(t, lang) && !nameWords.has(t);
  for (const t of tokenize(title, lang)) if (useful(t)) bump(lemma(t, lang), TITLE_WEIGHT);
  for (const t of tokenize(text, lang)) if (useful(t)) bump(lemma(t, lang), 1);
  // entity keys: their mention count, plus the title weight when the title names them in any spelling;
  // at equal counts they rank before loose words, in text order
  const surfaces = new Map<string, Set<string>>();
  for (const m of mentions) {
    const set = surfaces.get(m.key) ?? new Set<string>();
    set.add(m.text.toLowerCase());
    surfaces.set(m.key, set);
  }
  const titleLower = ` ${title.toLowerCase()} `;
  const inTitle = (key: string) =>
    [...(surfaces.get(key) ?? [])].some((n) =>
      new RegExp(`[^\\p{L}\\p{N}]${escapeRe(n)}[^\\p{L}\\p{N}]`, 'u').test(titleLower),
    );
  for (const e of entities) {
    counts.set(e.key, { count: e.count + (inTitle(e.key) ? TITLE_WEIGHT : 0), first: -1e9 + e.first });
  }
  return [...counts.entries()]
    .sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first)
    .slice(0, MAX_TERMS)
    .map(([term, c]) => ({ term, count: c.count }));
}

/** The article's calendar day as written ("2025-06-27T18:40:00Z" → "2025-06-27"), or null. */
function articleDay(publishedAt: string | null): string | null {
  const m = publishedAt ? /^(\d{4}-\d{2}-\d{2})/.exec(publishedAt.trim()) : null;
  return m ? m[1]! : null;
}

/** The last calendar day a TIMEX3 value covers ("2018" → "2018-12-31"), or null for non-dates. */
function lastDay(value: string): string | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) return `${m[1]}-${m[2]}-31`;
  m = /^(\d{4})-Q(\d)$/.exec(value);
  if (m) return `${m[1]}-${String(+m[2]! * 3).padStart(2, '0')}-31`;
  m = /^(\d{4})-H(\d)$/.exec(value);
  if (m) return `${m[1]}-${m[2] === '1' ? '06' : '12'}-31`;
  m = /^(\d{4})-W(\d{2})/.exec(value);
  if (m) {
    const y = +m[1]!;
    const jan4 = Date.UTC(y, 0, 4);
    const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000 + (+m[2]! - 1) * 7 * 86_400_000;
    return new Date(monday + 6 * 86_400_000).toISOString().slice(0, 10);
  }
  m = /^(\d{4})(?:-(?:SP|SU|FA|WI))?$/.exec(value);
  if (m) return `${m[1]}-12-31`;
  m = /^(\d{3})$/.exec(value);
  if (m) return `${m[1]}9-12-31`;
  m = /^(\d{2})$/.exec(value);
  if (m) return `${m[1]}99-12-31`;
  return null;
}

const PAST_CUES =
  /\b(?:earlier|previously|formerly|former|once|ago|since|used to|had been|last (?:year|month|week|decade|time)|in the past|recently|first term|previous (?:term|administration|government)|history|historic|years? before|in (?:1[89]|20)\d\d)\b/i;

interface DatedScan {
  sentences: SentenceRef[];
  dated: DatedSentence[];
  /** Sentences dated before the article's day (or with a PAST_REF expression). */
  pastBySentence: Set<SentenceRef>;
}

function normLang(lang: string | null): string {
  return (lang ?? 'en').split('-')[0]!.toLowerCase() || 'en';
}

/** The article's first lines (paragraphs), where a dateline may open the first sentence. */
const DATELINE_LINES = 3;

/** Whether only spaces lie between the line's start and `at` (read back over them alone: a line may be megabytes). */
function opensLine(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && text[i] !== '\n' && /\s/.test(text[i]!)) i--;
  return i < 0 || text[i] === '\n';
}

/**
 * The sentences as shown (core/text/dateline.ts): the first sentence of each of the article's first lines
 * without the dateline it opens with ("WASHINGTON — "), its span starting after it.
 */
function withoutDatelines(text: string, spans: SentenceRef[]): SentenceRef[] {
  let lines = 0;
  return spans.map((s) => {
    if (lines >= DATELINE_LINES || !opensLine(text, s.start)) return s;
    lines++;
    const cut = datelineLength(s.text);
    return cut ? { text: s.text.slice(cut), start: s.start + cut, end: s.end } : s;
  });
}

function scanDates(text: string, publishedAt: string | null, lang: string): DatedScan {
  const spans = splitSentences(text, lang);
  const sentences = withoutDatelines(text, spans);
  const day = articleDay(publishedAt);
  const dates: DateMentionX[] = lang === 'en' ? extractDates(text, publishedAt ?? '') : [];
  // A date in a dateline ("LONDON, June 3 (Reuters) - …") still dates the sentence it opens.
  const sentenceAt = (pos: number): SentenceRef | undefined =>
    sentences[spans.findIndex((s) => s.start <= pos && pos < s.end)];

  const dated: DatedSentence[] = [];
  const pastBySentence = new Set<SentenceRef>();
  for (const d of dates) {
    const s = sentenceAt(d.start);
    if (!s) continue;
    if (d.value === 'PAST_REF') pastBySentence.add(s);
    if (!/^\d/.test(d.value)) continue;
    if (dated.some((x) => x.start === s.start && x.date === d.value)) continue;
    const entry: DatedSentence = {
      text: s.text,
      start: s.start,
      end: s.end,
      date: d.value,
      expression: d.text,
    };
    if (d.valueEnd) entry.dateEnd = d.valueEnd;
    dated.push(entry);
    const last = lastDay(d.valueEnd ?? d.value);
    if (day && last && last < day) pastBySentence.add(s);
  }
  return { sentences, dated, pastBySentence };
}

/** Only the sentences with a date in them (no entities, no terms): what a timeline over many articles needs. */
export function datedSentences(input: Omit<AnalyzeInput, 'title'>): DatedSentence[] {
  return scanDates(input.text, input.publishedAt, normLang(input.lang)).dated;
}

/** Analyse one article. */
export function analyzeArticle(input: AnalyzeInput): ArticleAnalysis {
  const { title, text } = input;
  const lang = normLang(input.lang);
  const mentions = lang === 'en' ? extractEntities(text) : extractEntitiesIntl(text, lang);
  const entities = aggregateEntities(text, mentions);
  const terms = salientTerms(title, text, lang, entities, mentions);
  const { sentences, dated, pastBySentence } = scanDates(text, input.publishedAt, lang);

  const past: SentenceRef[] = [];
  sentences.forEach((s, i) => {
    const cue = PAST_CUES.test(s.text);
    if (!pastBySentence.has(s) && !cue) return;
    // the lead sentence reports today's news unless it names an earlier date
    if (i === 0 && !pastBySentence.has(s)) return;
    past.push({ text: s.text, start: s.start, end: s.end });
  });

  return { entities, terms, dated, past };
}
