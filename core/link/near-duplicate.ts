/**
 * Wire copies: the same agency story republished by many outlets, found by near-duplicate detection on word
 * shingles. Each text gets a MinHash signature (SIGNATURE_SIZE minimum hashes of its 4-word shingles); the share of
 * equal slots between two signatures estimates the Jaccard similarity of their shingle sets. Signatures are cut
 * into LSH bands, so a store finds candidates through an index instead of comparing with every story.
 *
 * Text is normalised first (case, quotes, dashes, digits kept), and the outlet's own lines around an agency text
 * (dateline, credit, "Read more") matter little: they are a few shingles among hundreds. Pure, no browser API.
 */
import { tokenize } from '../text/tokens';

/** Minimum hashes per signature: 32 slots estimate a Jaccard similarity to within about ±0.09. */
export const SIGNATURE_SIZE = 32;
/**
 * LSH: 16 bands of 2 slots. Two texts with Jaccard 0.5 (a copy cut to half its length) share a band with probability
 * 1 − (1 − 0.5²)¹⁶ ≈ 0.99; texts with Jaccard 0.05 with ≈ 0.04 (candidates only: the signatures decide).
 */
export const BANDS = 16;
const ROWS = SIGNATURE_SIZE / BANDS;
/** Words per shingle. */
export const SHINGLE_WORDS = 4;
/** Texts are compared on their first words: an agency text is republished whole or cut at the end. */
export const MAX_WORDS = 600;
/** Fewer shingles than this and a text is too short to call a copy (a caption, a stub's one line). */
export const MIN_SHINGLES = 12;
/**
 * Estimated containment (the share of the shorter text's shingles found in the other) from which two texts are one
 * story republished: outlets cut agency texts at the end, which lowers the Jaccard similarity but not this.
 */
export const WIRE_COPY_THRESHOLD = 0.7;

/** A text's fingerprint: its MinHash slots and how many distinct shingles it has. */
export interface Fingerprint {
  minhash: number[];
  shingles: number;
}

/** 32-bit FNV-1a of a string. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Fixed odd multipliers and offsets of the SIGNATURE_SIZE hash functions (a stored signature depends on them). */
const SEEDS: ReadonlyArray<readonly [number, number]> = Array.from({ length: SIGNATURE_SIZE }, (_, i) => [
  (fnv1a(`backstory-minhash-a-${i}`) | 1) >>> 0,
  fnv1a(`backstory-minhash-b-${i}`),
]);

/** The distinct shingle hashes of a text. */
export function shingles(text: string, lang = 'en'): Set<number> {
  const words = tokenize(text, lang).slice(0, MAX_WORDS);
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++)
    out.add(fnv1a(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  return out;
}

/**
 * The MinHash signature of a text, or null when it is too short to tell a copy from a coincidence. Each slot is
 * the minimum over the shingles of a multiply-xor-shift hash (cheap in 32-bit integer arithmetic).
 */
export function signature(text: string, lang = 'en'): Fingerprint | null {
  const set = shingles(text, lang);
  if (set.size < MIN_SHINGLES) return null;
  const mins = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff);
  for (const x of set) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const [a, b] = SEEDS[i]!;
      let h = (Math.imul(x ^ b, a) >>> 0) ^ (x >>> 15);
      h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
      if (h < mins[i]!) mins[i] = h;
    }
  }
  return { minhash: mins, shingles: set.size };
}

/** Estimated Jaccard similarity of two signatures: the share of equal slots. */
export function similarity(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  if (!n) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

/**
 * Estimated containment of two fingerprints: from the Jaccard estimate J and the sizes, |A ∩ B| = J(|A| + |B|) / (1 + J),
 * divided by the smaller size.
 */
export function containment(a: Fingerprint, b: Fingerprint): number {
  const j = similarity(a.minhash, b.minhash);
  if (!j) return 0;
  const common = (j * (a.shingles + b.shingles)) / (1 + j);
  return Math.min(1, common / Math.max(1, Math.min(a.shingles, b.shingles)));
}

/** LSH keys of a signature ("band:hash"), for a multi-entry index: texts sharing one are candidates. */
export function bandKeys(fp: Fingerprint): string[] {
  const out: string[] = [];
  for (let band = 0; band < BANDS; band++) {
    const slice = fp.minhash.slice(band * ROWS, band * ROWS + ROWS);
    out.push(`${band}:${fnv1a(slice.join(',')).toString(36)}`);
  }
  return out;
}

/** True when two fingerprints are the same text republished (one may be cut short). */
export function isWireCopy(a: Fingerprint | null | undefined, b: Fingerprint | null | undefined): boolean {
  return !!a && !!b && containment(a, b) >= WIRE_COPY_THRESHOLD;
}

/**
 * Groups of wire copies among `items` (each with a signature or null), by union-find over pairs that share a band
 * and pass the threshold. Returns groups of two or more ids, each in the input order.
 */
export function wireCopyGroups<T extends { id: string; signature: Fingerprint | null | undefined }>(
  items: readonly T[],
): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const byBand = new Map<string, T[]>();
  for (const item of items) {
    parent.set(item.id, item.id);
    if (!item.signature) continue;
    for (const key of bandKeys(item.signature)) {
      const list = byBand.get(key);
      if (list) list.push(item);
      else byBand.set(key, [item]);
    }
  }
  for (const list of byBand.values())
    for (let i = 1; i < list.length; i++)
      for (let j = 0; j < i; j++)
        if (isWireCopy(list[i]!.signature, list[j]!.signature))
          parent.set(find(list[i]!.id), find(list[j]!.id));
  const groups = new Map<string, string[]>();
  for (const item of items) {
    const root = find(item.id);
    const g = groups.get(root);
    if (g) g.push(item.id);
    else groups.set(root, [item.id]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}
