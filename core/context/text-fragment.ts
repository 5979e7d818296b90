/**
 * Links to a sentence with a URL text fragment (`url#:~:text=start,end`), so the browser scrolls to the
 * sentence and highlights it (https://wicg.github.io/scroll-to-text-fragment/). Pure: no DOM, no browser APIs.
 */

/** Words at each end of a long sentence used as `textStart` and `textEnd`. */
const EDGE_WORDS = 4;

/**
 * Percent-encodes a text directive value. Everything `encodeURIComponent` encodes, plus the characters that
 * have a meaning inside the directive or the fragment: `-` (prefix/suffix marker), `,` and `&` (separators,
 * already encoded by encodeURIComponent), and `!'()*~` for good measure.
 */
export function encodeTextDirective(value: string): string {
  return encodeURIComponent(value).replace(
    /[-!'()*~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The directive for a sentence: `text=start,end` (the first and last words), or `text=whole` when short. */
export function textDirective(sentence: string, edgeWords = EDGE_WORDS): string | null {
  const words = sentence.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  if (words.length === 0) return null;
  if (words.length <= edgeWords * 2) return `text=${encodeTextDirective(words.join(' '))}`;
  const start = words.slice(0, edgeWords).join(' ');
  const end = words.slice(-edgeWords).join(' ');
  return `text=${encodeTextDirective(start)},${encodeTextDirective(end)}`;
}

/**
 * `url` with a text fragment pointing at `sentence`. An existing `:~:` directive is replaced; any other
 * fragment is kept before it (`#section:~:text=…`, as the spec allows). Returns `url` unchanged when the
 * sentence has no words.
 */
export function sentenceUrl(url: string, sentence: string): string {
  const directive = textDirective(sentence);
  if (!directive) return url;
  const hash = url.indexOf('#');
  const base = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? '' : url.slice(hash + 1).split(':~:')[0]!;
  return `${base}#${fragment}:~:${directive}`;
}
