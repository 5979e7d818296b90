/**
 * The words a story is linked by: every content word of the title (counted extra) and of the start of the
 * text, plus the entity keys the analysis found. Loose words beat the analysis' short list of salient terms
 * for telling events apart (the exact numbers, places and verbs of a happening), and cost one tokenisation.
 */
import type { ArticleEntity } from '@/core/model';
import { isStopWord, tokenize } from '@/core/text/tokens';

/** How much of the text is read: the lede carries the event; the rest of a long article adds mostly noise. */
export const LINK_TEXT_CHARS = 2000;
/** A title word counts this many times. */
export const LINK_TITLE_WEIGHT = 2;
/** Terms kept per story (the most frequent; ties in text order). */
export const LINK_MAX_TERMS = 200;

/** Light English plural folding, the same on both sides of a comparison ("talks" → "talk", "policies" → "policy"). */
function fold(token: string, lang: string): string {
  if (lang !== 'en' || token.length <= 4) return token;
  if (/ies$/.test(token)) return `${token.slice(0, -3)}y`;
  if (/(?:ss|us|is|ous|ics)$/.test(token)) return token;
  if (/[^s]s$/.test(token)) return token.slice(0, -1);
  return token;
}

/** The token as a link term, or null. Numbers carry an event ("266,000 jobs"); short ones and years do not. */
function termOf(token: string, lang: string): string | null {
  if (/^\d[\d.,]*$/.test(token)) {
    const digits = token.replace(/[.,]/g, '');
    return digits.length >= 3 && !/^(?:19|20)\d\d$/.test(digits) ? digits : null;
  }
  if (token.length < 3 || isStopWord(token, lang) || !/\p{L}/u.test(token)) return null;
  return fold(token, lang);
}

/** Term → count for linking. Entity keys ("person:joe biden") count their mentions. */
export function linkTerms(
  input: { title: string; text: string; lang: string | null },
  entities: readonly Pick<ArticleEntity, 'key' | 'count'>[] = [],
): Record<string, number> {
  const lang = (input.lang ?? 'en').split('-')[0]!.toLowerCase() || 'en';
  const counts = new Map<string, number>();
  const add = (s: string, by: number) => {
    for (const t of tokenize(s, lang)) {
      const k = termOf(t, lang);
      if (k) counts.set(k, (counts.get(k) ?? 0) + by);
    }
  };
  add(input.title, LINK_TITLE_WEIGHT);
  // A text that repeats the title as its first line (common in feeds) should not count it twice more.
  const text = input.text.startsWith(input.title) ? input.text.slice(input.title.length) : input.text;
  add(text.slice(0, LINK_TEXT_CHARS), 1);
  for (const e of entities) counts.set(e.key, (counts.get(e.key) ?? 0) + e.count);
  const out: Record<string, number> = {};
  // Map iteration keeps first-seen order, so a stable sort keeps ties in text order.
  for (const [k, c] of [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, LINK_MAX_TERMS)) out[k] = c;
  return out;
}

/** The link terms of a headline alone (the words `linkTerms` takes from it), e.g. to tell which shared words are headline words. */
export function headlineTerms(title: string, lang: string | null): string[] {
  return Object.keys(linkTerms({ title, text: '', lang }));
}
