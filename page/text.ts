/**
 * Block-aware text of a DOM element: one line per block (paragraph, heading, list item, quote, cell…),
 * whitespace collapsed inside a block, so words of adjacent blocks never glue ("appearanceCzech").
 * Works on any DOM (browser, linkedom); script, style and other non-text elements are skipped.
 */

const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'CAPTION',
  'CENTER',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);

const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'MATH',
  'IFRAME',
  'OBJECT',
  'CANVAS',
  'HEAD',
]);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** True for elements that start a new line of text. */
export function isBlockElement(el: Element): boolean {
  return BLOCK.has(el.tagName.toUpperCase());
}

/**
 * The text of `root`, one block per line. Inside a block whitespace is collapsed to single spaces; `<br>`
 * breaks the line; empty lines are dropped.
 */
export function blockText(root: Node, skip?: (el: Element) => boolean): string {
  const lines: string[] = [];
  let current = '';
  const flush = (): void => {
    const line = current.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
    if (line) lines.push(line);
    current = '';
  };
  const walk = (node: Node): void => {
    const type = node.nodeType;
    if (type === TEXT_NODE || type === CDATA_SECTION_NODE) {
      current += node.nodeValue ?? '';
      return;
    }
    if (type !== ELEMENT_NODE) return;
    const tag = (node as Element).tagName.toUpperCase();
    if (SKIP.has(tag)) return;
    if (skip?.(node as Element)) return;
    if (tag === 'BR') {
      flush();
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    if (block) flush();
    else if (tag === 'IMG' || tag === 'INPUT') current += ' ';
  };
  walk(root);
  flush();
  return lines.join('\n');
}

/** The text of an element on one line (whitespace collapsed, script/style skipped). */
export function inlineText(root: Node): string {
  return blockText(root).replace(/\n/g, ' ');
}

const bodies = new WeakMap<Document, Element | null>();

/**
 * The element that holds the page's content: `document.body` in a browser. Under linkedom (Node) a page whose
 * markup is broken (an element before `<html>`, a `<div>` in `<head>`, nested `<html>`) can leave the real
 * `<body>` away from where `document.body` looks, and that getter then inserts an empty one: take the `<body>`
 * holding the most text, else the root element. Memoised per document.
 */
export function bodyOf(doc: Document): Element | null {
  if (bodies.has(doc)) return bodies.get(doc) ?? null;
  const found = Array.from(doc.querySelectorAll('body'));
  let best: Element | null = found[0] ?? null;
  if (found.length > 1) {
    let bestLength = -1;
    for (const b of found) {
      const length = b.textContent?.length ?? 0;
      if (length > bestLength) {
        best = b;
        bestLength = length;
      }
    }
  }
  if (!best || (!best.firstElementChild && (best.textContent ?? '').trim().length < 50))
    best = doc.querySelector('html') ?? doc.documentElement ?? best;
  bodies.set(doc, best);
  return best;
}

/** The `<html>` element (under linkedom `documentElement` can be a stray element before it). */
export function htmlOf(doc: Document): Element | null {
  return doc.querySelector('html') ?? doc.documentElement;
}

/**
 * Whether `el` or one of its ancestors below `<body>` passes `test`, memoised per ancestor in `cache` so that
 * many checks over one document stay linear. `test` answers true (a hit), false (look further up) or 'stop'
 * (no hit at or above this node).
 */
export function withinAncestor(
  el: Element,
  test: (node: Element, tag: string) => boolean | 'stop',
  cache?: Map<Element, boolean>,
): boolean {
  const path: Element[] = [];
  let verdict = false;
  for (let node: Element | null = el; node; node = node.parentElement) {
    const known = cache?.get(node);
    if (known !== undefined) {
      verdict = known;
      break;
    }
    const tag = node.tagName.toUpperCase();
    if (tag === 'BODY' || tag === 'HTML') break;
    const hit = test(node, tag);
    if (hit === 'stop') break;
    path.push(node);
    if (hit) {
      verdict = true;
      break;
    }
  }
  if (cache) for (const node of path) cache.set(node, verdict);
  return verdict;
}
