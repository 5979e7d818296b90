/**
 * The XML layer under feeds and OPML, safe on untrusted input in an MV3 service worker (no DOMParser there) and
 * in Node:
 * - bytes are counted before anything is decoded or parsed, then decoded with TextDecoder using the BOM, the
 *   Content-Type charset or the XML declaration;
 * - a linear scan checks that tags nest (a truncated or broken feed is reported, never half read), caps the
 *   nesting depth, and cuts the DOCTYPE out, so DTD entities are never declared, let alone expanded
 *   ("billion laughs" stays the size it was written);
 * - linkedom's DOMParser (htmlparser2 in XML mode, pure JS) builds the tree, and namespace prefixes and xml:base
 *   are resolved here, since linkedom does neither.
 */
import { DOMParser } from 'linkedom';
import { FeedError } from './errors';

export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rss10: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  xhtml: 'http://www.w3.org/1999/xhtml',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const;

/** Prefixes feeds use without declaring them (a common mistake), read as the namespace everyone means. */
const WELL_KNOWN_PREFIXES: Record<string, string> = {
  atom: NS.atom,
  rdf: NS.rdf,
  dc: NS.dc,
  dcterms: NS.dcterms,
  content: NS.content,
  xml: NS.xml,
};

/** Deeper nesting than this is refused: no feed needs it, and it keeps every walk over the tree shallow. */
export const MAX_DEPTH = 100;

/** An element with its namespace resolved. Text and CDATA are strings in `nodes`, in document order. */
export interface XmlElement {
  /** Namespace URI, '' when none. */
  ns: string;
  /** Local name, lower case. */
  name: string;
  /** Attributes by qualified name, as written ("href", "xml:base", "rdf:about"). */
  attrs: Readonly<Record<string, string>>;
  /** The absolute xml:base in scope (the document URL when nothing overrides it). */
  base: string | undefined;
  children: XmlElement[];
  nodes: (XmlElement | string)[];
}

const MB = 1024 * 1024;
const sizeLabel = (bytes: number) =>
  bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

/** UTF-8 size of a string without encoding it. */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 2 : c >= 0xdc00 && c <= 0xdfff ? 2 : 3;
  }
  return n;
}

function tooLarge(bytes: number, maxBytes: number): FeedError {
  return new FeedError(
    'too-large',
    `The document is ${sizeLabel(bytes)}, over the ${sizeLabel(maxBytes)} limit; it was not read.`,
  );
}

// Bytes 0x80–0x9F of windows-1252, which the WHATWG Encoding standard also uses for "iso-8859-1", "latin1"
// and "us-ascii". Node 20's TextDecoder decodes that label as ISO-8859-1 (C1 controls, no "€" or curly
// quotes), so those bytes are mapped here and the decoding is the same in Node and in browsers.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = new Uint16Array(8192);
  for (let start = 0; start < bytes.length; start += chunk.length) {
    const end = Math.min(bytes.length, start + chunk.length);
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      chunk[i - start] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b;
    }
    parts.push(String.fromCharCode(...chunk.subarray(0, end - start)));
  }
  return parts.join('');
}

/** The charset parameter of a Content-Type value. */
export function charsetOf(contentType: string | undefined): string | undefined {
  return contentType ? /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1] : undefined;
}

/**
 * The text of `input`, at most `maxBytes` bytes. Strings are taken as they are; bytes are decoded with the
 * encoding of their BOM, else the Content-Type charset, else the XML declaration, else UTF-8. A charset that
 * does not decode the bytes gives way to the next candidate; when none decodes them, or a label is unknown,
 * this throws `bad-encoding`.
 */
export function decodeInput(input: string | Uint8Array, maxBytes: number, contentType?: string): string {
  if (typeof input === 'string') {
    if (input.length > maxBytes) throw tooLarge(utf8Length(input), maxBytes);
    if (input.length * 3 > maxBytes) {
      const bytes = utf8Length(input);
      if (bytes > maxBytes) throw tooLarge(bytes, maxBytes);
    }
    return input.replace(/^\uFEFF/, '');
  }
  if (input.byteLength > maxBytes) throw tooLarge(input.byteLength, maxBytes);
  const [b0, b1, b2, b3] = input;
  let candidates: string[];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) candidates = ['utf-8'];
  else if (b0 === 0xff && b1 === 0xfe) candidates = ['utf-16le'];
  else if (b0 === 0xfe && b1 === 0xff) candidates = ['utf-16be'];
  else if (b0 === 0x3c && b1 === 0 && b2 === 0x3f && b3 === 0) candidates = ['utf-16le'];
  else if (b0 === 0 && b1 === 0x3c && b2 === 0 && b3 === 0x3f) candidates = ['utf-16be'];
  else {
    const head = new TextDecoder('latin1').decode(input.subarray(0, 512));
    const declared = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(head)?.[1]?.trim();
    // A declaration of UTF-16 in bytes that are not UTF-16 (no BOM, no zero bytes) is wrong: skip it.
    const usable = declared && !/^utf-?16/i.test(declared) ? declared : undefined;
    candidates = [charsetOf(contentType), usable, 'utf-8'].filter((c): c is string => !!c);
  }
  let firstFailure: string | undefined;
  for (const label of new Set(candidates.map((c) => c.toLowerCase()))) {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(label, { fatal: true });
    } catch {
      firstFailure ??= `The document declares the encoding "${label}", which is not supported.`;
      continue;
    }
    try {
      const text = decoder.encoding === 'windows-1252' ? decodeWindows1252(input) : decoder.decode(input);
      return text.replace(/^\uFEFF/, '');
    } catch {
      firstFailure ??= `The document is not valid ${decoder.encoding.toUpperCase()}: declare its encoding.`;
    }
  }
  throw new FeedError('bad-encoding', firstFailure ?? 'The document could not be decoded.');
}

const NAME = '[A-Za-z_:\\u00C0-\\uFFFF][-\\w.:\\u00B7-\\uFFFF]*';
const START_TAG = new RegExp(`<(${NAME})(?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*\\s*(/?)>`, 'y');
const END_TAG = new RegExp(`</(${NAME})\\s*>`, 'y');

export interface ScanOptions {
  /** Called with the root element's qualified name; false stops the scan there (an HTML page need not be
   * scanned to its end to be told apart from a feed). */
  acceptRoot?: (qname: string) => boolean;
  /** Stop after this many records (elements of these local names, lower case, directly under the root or one
   * level deeper) and close what is open: the item cap then bounds the parsing work too. */
  records?: { names: readonly string[]; max: number };
}

export interface ScanResult {
  /** The qualified name of the root element, as written; undefined when there is none. */
  root: string | undefined;
  /** The text without its DOCTYPE (internal subset included), cut after `records.max` records. */
  text: string;
  /** Whether the text was cut after `records.max` records. */
  cut: boolean;
}

/**
 * Checks that `text` is one well-nested element tree (attributes quoted, every tag closed, at most MAX_DEPTH
 * deep) and removes its DOCTYPE. Bare "&" in text is tolerated; entity references are left to the parser,
 * which decodes the XML ones and leaves the rest as written.
 */
export function scanXml(text: string, options: ScanOptions = {}): ScanResult {
  const { acceptRoot = () => true, records } = options;
  let count = 0;
  const fail = (at: number, what: string): never => {
    const line = text.slice(0, at).split('\n').length;
    throw new FeedError('malformed', `The document is not well-formed XML: ${what} (line ${line}).`);
  };
  const stack: string[] = [];
  let root: string | undefined;
  let doctype: [number, number] | undefined;
  const withoutDoctype = (t: string) => (doctype ? t.slice(0, doctype[0]) + t.slice(doctype[1]) : t);
  let pos = 0;
  for (;;) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) fail(lt, 'a comment is never closed');
      pos = end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end < 0) fail(lt, 'a CDATA section is never closed');
      if (!stack.length) fail(lt, 'CDATA outside the root element');
      pos = end + 3;
    } else if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) fail(lt, 'a processing instruction is never closed');
      pos = end + 2;
    } else if (/^<!DOCTYPE\s/i.test(text.slice(lt, lt + 10))) {
      if (root !== undefined || doctype) fail(lt, 'a DOCTYPE after the start');
      const close = text.indexOf('>', lt);
      const open = text.indexOf('[', lt);
      let end = close;
      if (open >= 0 && (close < 0 || open < close)) {
        const subset = /\]\s*>/g;
        subset.lastIndex = open;
        const m = subset.exec(text);
        end = m ? m.index + m[0].length - 1 : -1;
      }
      if (end < 0) fail(lt, 'the DOCTYPE is never closed');
      doctype = [lt, end + 1];
      pos = end + 1;
    } else if (text[lt + 1] === '/') {
      END_TAG.lastIndex = lt;
      const m = END_TAG.exec(text);
      if (!m) fail(lt, 'a broken end tag');
      const name = m![1]!;
      const open = stack.pop();
      if (open !== name) fail(lt, open ? `</${name}> closes <${open}>` : `</${name}> closes nothing`);
      pos = END_TAG.lastIndex;
      if (
        records &&
        stack.length <= 2 &&
        records.names.includes(name.slice(name.indexOf(':') + 1).toLowerCase())
      ) {
        if (++count >= records.max) {
          const closing = stack.reverse().map((n) => `</${n}>`);
          return { root, text: withoutDoctype(text.slice(0, pos)) + closing.join(''), cut: true };
        }
      }
    } else {
      START_TAG.lastIndex = lt;
      const m = START_TAG.exec(text);
      if (!m) fail(lt, 'a "<" that starts no tag (unescaped "<" or an unquoted attribute)');
      const name = m![1]!;
      if (root === undefined) {
        root = name;
        if (!acceptRoot(name)) return { root, text, cut: false };
      } else if (!stack.length) fail(lt, `a second root element <${name}>`);
      if (!m![2]) {
        stack.push(name);
        if (stack.length > MAX_DEPTH) fail(lt, `elements nested more than ${MAX_DEPTH} deep`);
      }
      pos = START_TAG.lastIndex;
    }
  }
  if (stack.length) fail(text.length, `it ends inside <${stack[stack.length - 1]}> (cut short?)`);
  return { root, text: withoutDoctype(text), cut: false };
}

function resolveBase(href: string, base: string | undefined): string | undefined {
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return base;
  }
}

function convert(el: Element, scope: Record<string, string>, base: string | undefined): XmlElement {
  const attrs: Record<string, string> = {};
  let own = scope;
  for (const a of Array.from(el.attributes)) {
    attrs[a.name] = a.value;
    if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) {
      if (own === scope) own = { ...scope };
      own[a.name === 'xmlns' ? '' : a.name.slice(6)] = a.value.trim();
    }
  }
  const qname = el.tagName;
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  const xmlBase = attrs['xml:base'];
  const node: XmlElement = {
    ns: own[prefix] ?? WELL_KNOWN_PREFIXES[prefix] ?? '',
    name: qname.slice(colon + 1).toLowerCase(),
    attrs,
    base: xmlBase === undefined ? base : resolveBase(xmlBase, base),
    children: [],
    nodes: [],
  };
  for (let child = el.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1) {
      const c = convert(child as Element, own, node.base);
      node.children.push(c);
      node.nodes.push(c);
    } else if (child.nodeType === 3 || child.nodeType === 4) {
      node.nodes.push((child as CharacterData).data);
    }
  }
  return node;
}

/**
 * Parses well-formed XML (checked by scanXml, DOCTYPE removed) into XmlElements. `url` is the document's own
 * address, the base of relative links.
 */
export function parseXml(text: string, url?: string): XmlElement {
  const doc = new DOMParser().parseFromString(text, 'text/xml') as unknown as Document;
  const root = doc.documentElement;
  if (!root) throw new FeedError('not-a-feed', 'The document has no root element.');
  return convert(root, {}, url ? resolveBase(url, undefined) : undefined);
}

/** Everything parseXml does, after the size and encoding checks, with a root-name gate. */
export function readXml(
  input: string | Uint8Array,
  options: { maxBytes: number; contentType?: string; url?: string },
  acceptRoot: (qname: string) => boolean,
  rejectRoot: (qname: string | undefined) => FeedError,
): XmlElement {
  const text = decodeInput(input, options.maxBytes, options.contentType);
  const { root, text: clean } = scanXml(text, { acceptRoot });
  if (root === undefined || !acceptRoot(root)) throw rejectRoot(root);
  return parseXml(clean, options.url);
}

/** The first child element with this namespace and local name. */
export function child(el: XmlElement, ns: string | readonly string[], name: string): XmlElement | undefined {
  return el.children.find(
    (c) => c.name === name && (typeof ns === 'string' ? c.ns === ns : ns.includes(c.ns)),
  );
}

/** All child elements with this namespace and local name. */
export function children(el: XmlElement, ns: string | readonly string[], name: string): XmlElement[] {
  return el.children.filter(
    (c) => c.name === name && (typeof ns === 'string' ? c.ns === ns : ns.includes(c.ns)),
  );
}

/** The text and CDATA inside the element, descendants included (textContent). */
export function textOf(el: XmlElement | undefined): string {
  if (!el) return '';
  let out = '';
  for (const n of el.nodes) out += typeof n === 'string' ? n : textOf(n);
  return out;
}

/** The attribute, by local name, whatever prefix it was written with ("rdf:about" or "about"). */
export function attrOf(el: XmlElement, name: string): string | undefined {
  if (name in el.attrs) return el.attrs[name];
  for (const [k, v] of Object.entries(el.attrs)) if (k.slice(k.indexOf(':') + 1) === name) return v;
  return undefined;
}
