/**
 * What changed between two versions of an article: its title and a paragraph-level diff of its text
 * (one paragraph per line, as ExtractedArticle.text is). Pure and bounded.
 */

/** FNV-1a (32-bit) of a string, as 8 hex digits: enough to tell two versions of a text apart. */
export function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function paragraphs(text: string): string[] {
  return text
    .split('\n')
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

export interface ParagraphDiff {
  added: string[];
  removed: string[];
}

/** Above this many paragraph pairs the diff compares paragraphs as sets (no order) instead of by LCS. */
const MAX_LCS_CELLS = 1_000_000;

/**
 * Paragraphs added and removed from `before` to `after`, in text order: a longest-common-subsequence diff
 * over whole paragraphs (a paragraph that moved counts as removed and added).
 */
export function diffParagraphs(before: readonly string[], after: readonly string[]): ParagraphDiff {
  const n = before.length;
  const m = after.length;
  if (n * m > MAX_LCS_CELLS) {
    const a = new Set(after);
    const b = new Set(before);
    return { removed: before.filter((p) => !a.has(p)), added: after.filter((p) => !b.has(p)) };
  }
  // lcs[i][j] = LCS length of before[i..] and after[j..], one flat array.
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] =
        before[i] === after[j]
          ? lcs[(i + 1) * w + j + 1]! + 1
          : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const added: string[] = [];
  const removed: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) {
      removed.push(before[i++]!);
    } else {
      added.push(after[j++]!);
    }
  }
  while (i < n) removed.push(before[i++]!);
  while (j < m) added.push(after[j++]!);
  return { added, removed };
}
