/**
 * Plain text from the HTML that feeds put in titles and summaries: tags dropped (script and style with their
 * content), entities decoded, block boundaries kept as spaces, whitespace collapsed. linkedom's HTML parser
 * does the decoding, so every named entity of HTML is known.
 */
import { DOMParser } from 'linkedom';

/** Summaries are cut to this many characters, at a word boundary. */
export const SUMMARY_LENGTH = 300;
/** HTML beyond this many characters is not parsed for a summary: the first 300 characters come well before. */
const SUMMARY_HTML_LIMIT = 50_000;

const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'svg',
  'math',
  'head',
]);
const BLOCK = new Set(
  [
    'address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav',
    'ol p pre section table tbody td tfoot th thead tr ul',
  ]
    .join(' ')
    .split(' '),
);

/** Whether an element of this (lower-case) name starts a new line when the text is read. */
export const isBlock = (name: string): boolean => BLOCK.has(name);

/** Collapses runs of whitespace (no-break spaces included) to one space and trims. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function collect(node: Node, out: string[]): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3 || child.nodeType === 4) out.push((child as CharacterData).data);
    else if (child.nodeType === 1) {
      const name = (child as Element).localName.toLowerCase();
      if (SKIPPED.has(name)) continue;
      const block = BLOCK.has(name);
      if (block) out.push(' ');
      collect(child, out);
      if (block) out.push(' ');
    }
  }
}

/** The text a reader sees in an HTML fragment, on one line. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return collapse(html);
  const doc = new DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  const out: string[] = [];
  collect(doc, out);
  return collapse(out.join(''));
}

/** htmlToText for summaries: only the start of a long fragment is read, and the text is cut to `max`. */
export function htmlSummary(html: string, max = SUMMARY_LENGTH): string {
  return truncate(
    htmlToText(html.length > SUMMARY_HTML_LIMIT ? html.slice(0, SUMMARY_HTML_LIMIT) : html),
    max,
  );
}

/** `text` cut to at most `max` characters at a word boundary, with "…" when something was cut. */
export function truncate(text: string, max = SUMMARY_LENGTH): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max); // one spare character for the ellipsis comes from the cut below
  const space = cut.lastIndexOf(' ');
  cut = space > max * 0.6 ? cut.slice(0, space) : cut.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.replace(/[\s,;:\-–—]+$/u, '')}…`;
}
