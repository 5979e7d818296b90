/**
 * What the content script sends for an article page: the page's current HTML (after its own scripts ran),
 * without its scripts (JSON-LD kept), styles and comments (core/html/lean.ts): the message is then about 40% of
 * the page, and the browser serialises it on the page's main thread. Reading it (Readability, metadata,
 * teasers) happens in the background, off the page's main thread.
 *
 * Long scripts and styles, which leanHtml would drop, are never serialised: their ancestors are written as their
 * start tag, their other children's pieces and their end tag, and every other subtree of a news page (at most
 * WHOLE_PAGE elements) is one `outerHTML` — a page without long scripts or styles is one `outerHTML`. A larger
 * page is serialised in steps, so that no page — however large — costs one long task: a subtree of up to
 * BIG_ELEMENT elements is one `outerHTML`, a larger one is written tag by tag around its children's pieces, and
 * the capture gives the page its main thread back whenever a step has run STEP_MS. JSON-LD blocks too large to
 * be read are never serialised either. It stops at MAX_CAPTURE_CHARS: a real page's captured HTML is at most about
 * 250,000 characters (the shared extraction pages), and its article is near the top. A page that changes
 * between two steps is captured as it was at each step.
 */
import { leanHtml, MAX_JSONLD_CHARS } from '../core/html/lean';
import { cutAt } from '../core/text/cut';

/** Captures longer than this are cut (the article is near the top of any real page). */
export const MAX_CAPTURE_CHARS = 2_000_000;
/** Subtrees with more elements than this are serialised child by child. */
export const BIG_ELEMENT = 1_000;
/**
 * Pages of at most this many elements are serialised in one step (the shared extraction pages, saved before
 * their scripts ran, have at most 1,600; a live news page a few thousand).
 */
export const WHOLE_PAGE = 5_000;
/** Main-thread time of one step of the capture before it yields to the page. */
export const STEP_MS = 8;

/** Elements whose text the HTML serialiser writes as it is (no character references). */
const RAW_TEXT = new Set([
  'script',
  'style',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'plaintext',
  'noscript',
]);
const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\u00a0': '&nbsp;' };
const ATTR_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;' };
const escapeText = (s: string) => s.replace(/[&<>\u00a0]/g, (c) => TEXT_ESCAPES[c]!);
const escapeAttr = (s: string) => s.replace(/[&<>"\u00a0]/g, (c) => ATTR_ESCAPES[c]!);

/** The element after `node` in document order, within `root`'s subtree (null after its last). */
function nextElement(node: Element, root: Element): Element | null {
  if (node.firstElementChild) return node.firstElementChild;
  for (let at: Element | null = node; at && at !== root; at = at.parentElement) {
    if (at.nextElementSibling) return at.nextElementSibling;
  }
  return null;
}

/**
 * Whether `el` has more than `big` elements under it, walked one by one: at most `big` + 1 steps. A
 * collection's count (`getElementsByTagName('*').length`, or even its item `big`) walks the whole subtree:
 * about 9 ms for each element of the chain above a list of 50,000 links. Never, when `big` is Infinity.
 */
function isLarge(el: Element, big: number): boolean {
  if (big === Number.POSITIVE_INFINITY) return false;
  let seen = 0;
  for (let node = el.firstElementChild; node; node = nextElement(node, el)) if (++seen > big) return true;
  return false;
}

/** Elements in `root`'s subtree. linkedom (the tests' DOM) finds nothing for '*' in getElementsByTagName. */
function countElements(root: Element): number {
  return root.getElementsByTagName('*').length || root.querySelectorAll('*').length;
}

/** The length of an element's own text, read from its text nodes' lengths (no copy of a 3 MB string). */
function textLength(el: Element): number {
  let n = 0;
  for (let node = el.firstChild; node; node = node.nextSibling)
    if (node.nodeType === 3) n += (node as Text).length;
  return n;
}

/**
 * A script or style of at least this many characters is left out without being serialised: leanHtml would drop
 * it, and writing the tags of its ancestors around it costs less than serialising it (a news page's inline
 * scripts and styles are about 37% of its HTML at the median, and up to 1 MB of styles on the largest pages).
 */
export const LEAVE_OUT_CHARS = 2_000;

/**
 * The elements leanHtml would drop whose serialising would cost: scripts (JSON-LD is kept) and styles of at least
 * `minChars`, and JSON-LD blocks over MAX_JSONLD_CHARS (a hostile page's 3 MB block: one long step).
 */
function leftOutOf(root: Element, minChars: number): Set<Element> {
  const out = new Set<Element>();
  const scripts = root.getElementsByTagName('script');
  for (let i = 0; i < scripts.length; i++) {
    const script = scripts[i]!;
    const size = textLength(script);
    const ld = /\bapplication\/ld\+json\b/i.test(script.getAttribute('type') ?? '');
    if (ld ? size > MAX_JSONLD_CHARS : size >= minChars) out.add(script);
  }
  const styles = root.getElementsByTagName('style');
  for (let i = 0; i < styles.length; i++) if (textLength(styles[i]!) >= minChars) out.add(styles[i]!);
  return out;
}

/** The ancestors of `elements` up to `root`: the elements whose tags are written around their children. */
function ancestorsOf(elements: Set<Element>, root: Element): Set<Element> {
  const out = new Set<Element>();
  for (const el of elements) {
    for (let at = el.parentElement; at && !out.has(at); at = at.parentElement) {
      out.add(at);
      if (at === root) break;
    }
  }
  return out;
}

/** Children of one large element serialised (the rest is left out: no article is a list of thousands). */
export const MAX_CHILDREN = 1_000;
/** Pieces of one capture, at most: each costs a few calls into the page's DOM from the content script's world. */
export const MAX_PIECES = 10_000;

export interface PieceOptions {
  /** Subtrees with more elements than this are written child by child (Infinity: never, whatever their size). */
  big?: number;
  /** Pieces at most. */
  pieces?: number;
  /** Scripts and styles of at least this many characters are left out (see LEAVE_OUT_CHARS). */
  leaveOutChars?: number;
}

/**
 * `root`'s HTML as the serialiser writes it, in pieces whose concatenation parses to the same tree once
 * leanHtml has run: whole subtrees of at most `big` elements, or a start tag, the children's pieces and the end
 * tag. The scripts and styles leanHtml would drop, when long, are left out unserialised, their ancestors being
 * written tag by tag. A start tag is written from the attributes (never by cloning: a custom element's
 * constructor is the page's code). A large element's children after its first MAX_CHILDREN elements, and every
 * piece after MAX_PIECES, are left out.
 */
export function htmlPieces(root: Element, options: PieceOptions = {}): Generator<string> {
  const leftOut = leftOutOf(root, options.leaveOutChars ?? LEAVE_OUT_CHARS);
  return elementPieces(root, {
    big: options.big ?? BIG_ELEMENT,
    budget: { pieces: options.pieces ?? MAX_PIECES },
    leftOut,
    around: ancestorsOf(leftOut, root),
  });
}

interface PieceState {
  big: number;
  budget: { pieces: number };
  leftOut: Set<Element>;
  around: Set<Element>;
}

function* elementPieces(el: Element, state: PieceState): Generator<string> {
  if (state.budget.pieces-- <= 0 || state.leftOut.has(el)) return;
  if (!state.around.has(el) && !isLarge(el, state.big)) {
    yield el.outerHTML;
    return;
  }
  const name = el.localName;
  let open = `<${name}`;
  for (const attr of Array.from(el.attributes)) open += ` ${attr.name}="${escapeAttr(attr.value)}"`;
  yield `${open}>`;
  const raw = RAW_TEXT.has(name);
  let children = 0;
  for (let node = el.firstChild; node && state.budget.pieces > 0; node = node.nextSibling) {
    if (node.nodeType === 1) {
      if (++children > MAX_CHILDREN) break;
      yield* elementPieces(node as Element, state);
    } else if (node.nodeType === 3) {
      const text = (node as Text).data;
      yield raw ? text : escapeText(text);
    }
    // Comments and processing instructions: left out, as leanHtml leaves them out.
  }
  yield `</${name}>`;
}

/** Runs a step in a task of its own. */
export type Schedule = (step: () => void) => void;

/**
 * The next task, by a timer whose callback is the step itself: the step's work runs inside a callback of the
 * content script (not in a promise continuation), where the browser's own accounting of a script's time —
 * and the benchmark's trace — sees it.
 */
export const nextTask: Schedule = (step) => {
  setTimeout(step, 0);
};

export interface CaptureOptions {
  maxChars?: number;
  big?: number;
  leaveOutChars?: number;
  wholePage?: number;
  stepMs?: number;
  schedule?: Schedule;
  now?: () => number;
}

/**
 * Captures the page's HTML — serialised in steps, lean, cut at `maxChars` — and hands it to `done`, from within
 * the last step. The first step runs at once, the others each in a task of its own. Never modifies the page; a
 * step that throws ends the capture without calling `done`.
 */
export function capturePage(doc: Document, done: (html: string) => void, options: CaptureOptions = {}): void {
  const root = doc.documentElement;
  if (!root) return;
  const max = options.maxChars ?? MAX_CAPTURE_CHARS;
  const stepMs = options.stepMs ?? STEP_MS;
  const schedule = options.schedule ?? nextTask;
  const now = options.now ?? (() => performance.now());
  /**
   * A news page's subtrees whole, however many elements they have; a larger page's in pieces of at most `big`
   * (decided in the first step). A page without long scripts or styles is then one outerHTML.
   */
  const piecesOf = (): Iterator<string> =>
    htmlPieces(root, {
      big: countElements(root) <= (options.wholePage ?? WHOLE_PAGE) ? Number.POSITIVE_INFINITY : options.big,
      leaveOutChars: options.leaveOutChars,
    });
  let pieces: Iterator<string> | undefined;
  const out: string[] = [];
  let chars = 0;
  const step = () => {
    try {
      const start = now();
      pieces ??= piecesOf();
      for (let next = pieces.next(); !next.done; next = pieces.next()) {
        const lean = leanHtml(next.value);
        out.push(lean);
        chars += lean.length;
        if (chars >= max) break;
        if (now() - start >= stepMs) {
          schedule(step);
          return;
        }
      }
    } catch {
      return;
    }
    const html = out.join('');
    done(`<!doctype html>\n${html.length > max ? cutAt(html, max) : html}`);
  };
  step();
}
