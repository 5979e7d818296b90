/**
 * Article titles: the site's name removed from "Headline | Site", "Headline - Site", "Site: Headline".
 * Pure string logic: no DOM.
 */

const SEPARATORS = [' | ', ' - ', ' – ', ' — ', ' :: ', ' · ', ' » ', ' « ', ' / ', ' • ', ' ~ ', ' : '];

function key(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Collapses whitespace and trims. */
export function cleanTitle(raw: string | null | undefined): string {
  return (raw ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
}

function isSiteName(part: string, names: string[]): boolean {
  const k = key(part);
  if (!k) return false;
  return names.some((n) => n.length > 2 && (k === n || k.includes(n) || (k.length > 3 && n.includes(k))));
}

/**
 * Removes a site suffix or prefix: the part that matches the site name or the host name, else a last short
 * part after " | " (at most four words) when the headline before it is clearly longer.
 */
export function stripSiteSuffix(raw: string, siteNames: (string | null | undefined)[] = []): string {
  const title = cleanTitle(raw);
  const names = siteNames.filter((n): n is string => Boolean(n)).map(key);
  for (const sep of SEPARATORS) {
    const parts = title.split(sep);
    if (parts.length < 2) continue;
    const last = parts[parts.length - 1]!;
    const first = parts[0]!;
    if (isSiteName(last, names)) return stripSiteSuffix(parts.slice(0, -1).join(sep), siteNames);
    if (sep !== ' : ' && isSiteName(first, names) && parts.length === 2)
      return stripSiteSuffix(parts.slice(1).join(sep), siteNames);
  }
  // Unknown site name: a short last segment after a strong separator.
  for (const sep of [' | ', ' – ', ' — ', ' - ', ' :: ', ' » ', ' · ']) {
    const idx = title.lastIndexOf(sep);
    if (idx <= 0) continue;
    const head = title.slice(0, idx).trim();
    const tail = title.slice(idx + sep.length).trim();
    const tailWords = tail.split(' ').length;
    const headWords = head.split(' ').length;
    if (tailWords <= 4 && headWords >= 3 && headWords > tailWords) return head;
  }
  return title;
}

/** Token overlap (0..1) of two titles, to compare a headline with the document title. */
export function titleSimilarity(a: string, b: string): number {
  const ta = new Set(
    cleanTitle(a)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [],
  );
  const tb = new Set(
    cleanTitle(b)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [],
  );
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return (2 * shared) / (ta.size + tb.size);
}
