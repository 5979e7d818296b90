/**
 * The dateline a news story opens with — "WASHINGTON — ", "SEOUL, South Korea (AP) — ",
 * "LONDON, June 3 (Reuters) - ", "Berlin (dpa) – ", "(CNN) — " — which is where the reporter filed from, not part
 * of what the sentence says. The timeline and the background show a story's sentences without it. Pure: no DOM,
 * no browser API.
 *
 * Three forms, each ending in a dash ("WASHINGTON—President…" too) and followed by the sentence itself:
 *   - a place in capitals (at most five words), maybe a region or a date after commas, maybe an agency in
 *     brackets;
 *   - a place in any case followed by an agency in brackets (German and French wires write "Berlin (dpa) –");
 *   - an agency in brackets alone.
 * A capitalised word before a dash that is not a dateline ("NATO — the alliance…") opens an article's first
 * sentence too, so callers look only at the first sentence of the article's first paragraphs.
 */

/** A place or an agency written in capitals: "WASHINGTON", "NEW YORK", "AP WASHINGTON", "MESA, Ariz., Feb. 18". */
const CAPS_PLACE = String.raw`\p{Lu}[\p{Lu}.'’-]+(?: \p{Lu}[\p{Lu}.'’-]+){0,4}`;
/** After a comma: a region or a date ("South Korea", "Ariz.", "Sept. 24", "June 3, 2019"). */
const AFTER_COMMA = String.raw`(?:, ?[\p{L}\d][\p{L}\d.'’]*(?: [\p{L}\d][\p{L}\d.'’]*){0,2})`;
/** A news agency in brackets, as written or as a tokeniser wrote the brackets ("-LRB- Reuters -RRB-"). */
const AGENCY = String.raw`(?:\([\p{L}][\p{L} .&/-]{0,28}\)|-LRB- [\p{L}][\p{L} .&/-]{0,28} -RRB-)`;
/** The dash that closes a dateline: em dash, en dash, one or two hyphens, spaced; or an em or en dash unspaced. */
const DASH = String.raw`(?:\s+(?:—|–|--?)\s+|\s*[—–]\s*)`;
/** What the sentence goes on with: a capital, a digit or an opening quote. */
const NEXT = String.raw`(?=["“‘'(]?[\p{Lu}\p{N}])`;

const DATELINE = new RegExp(
  `^(?:${CAPS_PLACE}${AFTER_COMMA}{0,3}(?: ?${AGENCY})?` +
    String.raw`|\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+){0,3}${AFTER_COMMA}{0,2} ${AGENCY}` +
    `|${AGENCY})${DASH}${NEXT}`,
  'u',
);

/** A sentence this short once its dateline is cut was not one with a dateline. */
const MIN_REST_WORDS = 4;

/** How many characters of `sentence` are its opening dateline; 0 when it has none. */
export function datelineLength(sentence: string): number {
  const m = DATELINE.exec(sentence);
  if (!m) return 0;
  const rest = sentence.slice(m[0].length).trim();
  return rest.split(/\s+/).length >= MIN_REST_WORDS ? m[0].length : 0;
}
