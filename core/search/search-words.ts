/** Words for the search indexes and for queries: lower case, accents removed, letters and digits only. */

const WORD = /[\p{L}\p{N}]+/gu;

export function searchWords(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  return [...new Set(folded.match(WORD) ?? [])];
}

/** Index words of a title: every word of two characters or more (bounded). */
export function titleWords(title: string, max = 40): string[] {
  return searchWords(title)
    .filter((w) => w.length >= 2)
    .slice(0, max);
}
