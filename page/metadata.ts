/**
 * Article metadata read from a page: title, canonical URL, publication and update dates (as written, offset
 * kept), authors, publisher, language, section, image and description. Sources in order of trust: JSON-LD,
 * `<meta>` (read as `content ?? value`), microdata and `<time>` in the article's header, the URL path, then
 * dates written in the text. Takes the document and its URL; never touches globals; never modifies the page.
 */
import { cleanAuthors } from '../core/metadata/byline';
import {
  type DateOptions,
  dayOf,
  findDates,
  isModifiedCue,
  isPublishedCue,
  parseDateValue,
  type TextDate,
} from '../core/metadata/dates';
import {
  asString,
  findArticleNode,
  imageOf,
  type JsonLdNode,
  NON_ARTICLE_TYPES,
  namesOf,
  parseJsonLd,
  typesOf,
} from '../core/metadata/jsonld';
import { guessLang, normalizeLang } from '../core/metadata/lang';
import { cleanTitle, stripSiteSuffix, titleSimilarity } from '../core/metadata/title';
import { absoluteUrl, cleanUrl, dateFromUrl, hostOf } from '../core/metadata/url';
import { blockText, bodyOf, htmlOf, inlineText, withinAncestor } from './text';

/** Lower-cased meta key (property, name, itemprop or http-equiv) → values in document order. */
export type MetaMap = Map<string, string[]>;

/** All `<meta>` values of the document, read as `content ?? value` (some saved pages use value=). */
export function readMetaMap(doc: Document): MetaMap {
  const map: MetaMap = new Map();
  for (const meta of Array.from(doc.querySelectorAll('meta'))) {
    const value = (meta.getAttribute('content') ?? meta.getAttribute('value'))?.trim();
    if (!value) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = meta.getAttribute(attr)?.trim().toLowerCase();
      if (!key) continue;
      for (const k of key.split(/\s+/)) {
        const list = map.get(k);
        if (list) list.push(value);
        else map.set(k, [value]);
      }
    }
  }
  return map;
}

/** The first value of the first key present. */
export function firstMeta(meta: MetaMap, keys: readonly string[]): string | null {
  for (const key of keys) {
    const v = meta.get(key)?.[0];
    if (v) return v;
  }
  return null;
}

/** The parsed JSON-LD objects of the page (arrays and @graph flattened). */
export function readJsonLd(doc: Document): JsonLdNode[] {
  const texts = Array.from(
    doc.querySelectorAll('script[type="application/ld+json" i], script[type="application/ld+json"]'),
  )
    .map((s) => s.textContent ?? '')
    .filter((t) => t.trim());
  return parseJsonLd([...new Set(texts)]);
}

const BOILERPLATE_TAGS = new Set(['NAV', 'ASIDE', 'FOOTER', 'FORM', 'MENU', 'DIALOG', 'NOSCRIPT']);
const BOILERPLATE_CLASS =
  /(?:^|[\s_-])(?:comments?|comment-list|kommentare?|sidebar|side-bar|rail|related|recommend(?:ed|ations)?|teasers?|widget|widgets|footer|popular|most-read|mostread|trending|outbrain|taboola|share|sharing|social|newsletter|promo|advert|ads|breadcrumbs?|menu|navigation|navbar|nav|cookie|consent|subscribe|paywall-offer|more-stories|read-more|also-read|further-reading)(?:$|[\s_-])/i;

/** The class and id of an element, for pattern tests. */
export function classAndId(el: Element): string {
  const cls = el.getAttribute('class') ?? '';
  // WordPress and other CMSs add taxonomy classes ("category-kommentar", "tag-footer") that say nothing about
  // the element's role.
  const kept = cls.includes('-')
    ? cls.replace(/(?:^|\s)(?:category|tag|post_tag|topic|format|type|status)-\S*/g, ' ')
    : cls;
  return `${kept} ${el.getAttribute('id') ?? ''}`;
}

/** Per-call memo of boilerplate verdicts, shared by the ancestors of many elements. */
export interface BoilerplateContext {
  cache: Map<Element, boolean>;
  /** Text length of the body: a "sidebar" class on a wrapper holding most of the page is not a sidebar. */
  bodyLength: number;
}

export function boilerplateContext(doc: Document): BoilerplateContext {
  return { cache: new Map(), bodyLength: bodyOf(doc)?.textContent?.length ?? 0 };
}

function selfBoilerplate(node: Element, ctx?: BoilerplateContext): boolean {
  const tag = node.tagName.toUpperCase();
  if (BOILERPLATE_TAGS.has(tag)) return true;
  const role = node.getAttribute('role');
  if (role && /^(?:navigation|complementary|contentinfo|menu|menubar|dialog)$/i.test(role)) return true;
  if (tag === 'ARTICLE' || tag === 'MAIN') return false;
  if (!BOILERPLATE_CLASS.test(classAndId(node))) return false;
  // Class names such as "with-sidebar" or "navigation-container" also sit on page wrappers.
  return !ctx || (node.textContent?.length ?? 0) < ctx.bodyLength * 0.5;
}

/**
 * True when the element sits in navigation, a sidebar, comments, a footer, a share bar or a promo block
 * (by tag, role or class name). The article's own wrappers (`article`, `main`, `body`) are not judged by class.
 */
export function inBoilerplate(el: Element, ctx?: BoilerplateContext): boolean {
  return withinAncestor(el, (node) => selfBoilerplate(node, ctx), ctx?.cache);
}

/** What readMetadata finds: the article fields except the body text. */
export interface PageMetadata {
  title: string;
  canonicalUrl: string;
  publishedAt: string | null;
  modifiedAt: string | null;
  authors: string[];
  publisher: string | null;
  lang: string | null;
  section: string | null;
  image: string | null;
  description: string | null;
  /** Where the publication date came from ("jsonld", "meta:…", "time", "url", "text"…), for signals. */
  dateSource: string;
}

/** Hints from an extraction already made (Readability on a clone), used as fallbacks. */
export interface MetadataHints {
  title?: string | null;
  byline?: string | null;
  siteName?: string | null;
  lang?: string | null;
  /** The article's body text, for the language guess. */
  text?: string | null;
}

export interface MetadataOptions {
  /** Reference time: dates after it are rejected. Defaults to the current time. */
  now?: Date;
  hints?: MetadataHints;
}

const PUBLISHED_META = [
  'article:published_time',
  'og:article:published_time',
  'article:published',
  'og:published_time',
  'published_time',
  'datepublished',
  'parsely-pub-date',
  'sailthru.date',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date.published',
  'dc.date.created',
  'dcterms.created',
  'dc.date',
  'dcterms.date',
  'citation_publication_date',
  'citation_date',
  'citation_online_date',
  'article.published',
  'article_date_original',
  'article:post_date',
  'originalpublicationdate',
  'original-publish-date',
  'publishdate',
  'publish-date',
  'publish_date',
  'published-date',
  'published_date',
  'pubdate',
  'displaydate',
  'date_published',
  'cxenseparse:recs:publishtime',
  'ga-publishdate',
  'bt:pubdate',
  'pdate',
  'date',
  'datecreated',
  'created',
  'creation_date',
];

const MODIFIED_META = [
  'article:modified_time',
  'og:article:modified_time',
  'article:modified',
  'og:updated_time',
  'datemodified',
  'modified_time',
  'dc.date.modified',
  'dcterms.modified',
  'parsely-updated-date',
  'last-modified',
  'lastmod',
  'revised',
  'updated_time',
];

const AUTHOR_META = [
  'article:author',
  'og:article:author',
  'author',
  'cxenseparse:author',
  'dc.creator',
  'dcterms.creator',
  'parsely-author',
  'sailthru.author',
  'byl',
  'citation_author',
  'twitter:data1:author',
];

const EXCLUDED_CONTEXT =
  /(?:^|[\s_-])(?:comments?|kommentare?|reply|replies|sidebar|related|recommend\w*|teaser\w*|widget|footer|popular|most-read|trending|more-stories|newsletter|archive)(?:$|[\s_-])/i;

/**
 * True when the element sits in comments, a sidebar, a related-stories or teaser block, a footer or navigation.
 * A wrapper that holds the article root is not such a block (Blogger's "widget Blog", a "with-sidebar" layout),
 * and a footer inside an `<article>` or the root is the article's own (it often carries the byline and date).
 */
const rootAncestors = new WeakMap<Element, Set<Element>>();

function ancestorsOf(root: Element): Set<Element> {
  let set = rootAncestors.get(root);
  if (!set) {
    set = new Set();
    for (let n = root.parentElement; n; n = n.parentElement) set.add(n);
    rootAncestors.set(root, set);
  }
  return set;
}

const textLengths = new WeakMap<Node, number>();

function textLength(node: Node): number {
  let n = textLengths.get(node);
  if (n === undefined) {
    n = node.textContent?.length ?? 0;
    textLengths.set(node, n);
  }
  return n;
}

/** An article's own footer by its class: "entry-footer", "post-footer", "article__footer", "asset-footer". */
const OWN_FOOTER = /(?:entry|post|article|story|asset|content|blog)[-_]{1,2}(?:footer|meta)/i;

export function inExcludedContext(el: Element, root: Element | null = null): boolean {
  const aboveRoot = root ? ancestorsOf(root) : null;
  const ancestors: Element[] = [];
  for (let node: Element | null = el; node; node = node.parentElement) {
    const tag = node.tagName.toUpperCase();
    if (tag === 'BODY' || tag === 'HTML') break;
    ancestors.push(node);
  }
  const top = ancestors[ancestors.length - 1]?.parentElement;
  const bodyLength = top ? textLength(top) : 0;
  // Whether an <article> or the root lies above each level, computed from the top.
  const articleAbove: boolean[] = new Array(ancestors.length).fill(false);
  let inArticle = false;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    articleAbove[i] = inArticle;
    const n = ancestors[i]!;
    if (n.tagName.toUpperCase() === 'ARTICLE' || n === root) inArticle = true;
  }
  for (let i = 0; i < ancestors.length; i++) {
    const node = ancestors[i]!;
    const tag = node.tagName.toUpperCase();
    if (aboveRoot?.has(node)) return false;
    if (tag === 'FOOTER') {
      if (articleAbove[i]) continue;
      return true;
    }
    if (tag === 'ASIDE' || tag === 'NAV') return true;
    if (tag === 'ARTICLE' || tag === 'MAIN' || node === root) continue;
    const names = classAndId(node);
    if (EXCLUDED_CONTEXT.test(names)) {
      if (
        /footer/i.test(names) &&
        (articleAbove[i] || OWN_FOOTER.test(names)) &&
        !/comment|related|teaser|recommend/i.test(names)
      )
        continue;
      // A layout wrapper named after its sidebar ("content right-sidebar") holds most of the page.
      if (bodyLength > 0 && textLength(node) > bodyLength * 0.5) continue;
      return true;
    }
  }
  return false;
}

/** The element that holds the article on the live page, when the markup says so. */
export function findArticleRoot(doc: Document): Element | null {
  const byProp = doc.querySelector('[itemprop~="articleBody"], [itemprop~="articlebody"]');
  const articles = Array.from(doc.querySelectorAll('article')).filter((a) => !inExcludedContext(a));
  if (articles.length === 1) return articles[0]!;
  if (byProp) return byProp.closest('article') ?? byProp;
  if (articles.length > 1) {
    // The longest one.
    let best: Element | null = null;
    let bestLen = 0;
    for (const a of articles) {
      const len = (a.textContent ?? '').length;
      if (len > bestLen) {
        best = a;
        bestLen = len;
      }
    }
    return best;
  }
  return doc.querySelector('main, [role="main"]');
}

interface DatePick {
  published: string | null;
  modified: string | null;
  source: string;
}

function orderBy<T>(items: T[], rank: (item: T) => number): T[] {
  return items
    .map((item, i) => ({ item, i, r: rank(item) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.item);
}

function elementDate(el: Element, opts: DateOptions): string | null {
  const attr = el.getAttribute('datetime') ?? el.getAttribute('content') ?? el.getAttribute('value');
  const fromAttr = parseDateValue(attr, opts);
  if (fromAttr) return fromAttr;
  const text = inlineText(el).slice(0, 200);
  return findDates(text, opts)[0]?.value ?? parseDateValue(el.getAttribute('title'), opts);
}

const DATE_CLASS =
  /(?:date|time|publish|posted|byline|dateline|datum|meta|info|stamp|zeit|author|entry-meta|post-meta|article-meta|fecha|data|ver[oö]ffentlicht)/i;

/** Days between two YYYY-MM-DD values. */
function dayDiff(a: string, b: string): number {
  return Math.round((Date.parse(dayOf(a)) - Date.parse(dayOf(b))) / 86_400_000);
}

const COMMENT_CONTEXT =
  /(?:^|[\s_-])(?:comments?|kommentare?|commentlist|reply|replies|respond|disqus)(?:$|[\s_-])/i;

function inComments(el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) {
    const tag = node.tagName.toUpperCase();
    if (tag === 'BODY' || tag === 'HTML') return false;
    if (COMMENT_CONTEXT.test(classAndId(node))) return true;
  }
  return false;
}

interface DatelinePick extends DatePick {
  /** The first date of a dateline element in a teaser, sidebar or share block (not comments): a last resort. */
  weak: string | null;
  /** Whether the published date sits in the article's header, next to the headline. */
  header: boolean;
}

/** Dates written in elements that look like a dateline or byline (class/id with date, time, meta, byline…). */
function datelineDates(doc: Document, root: Element | null, opts: DateOptions): DatelinePick {
  let modified: string | null = null;
  const inScope = (el: Element): boolean => !root || root.contains(el);
  const all = bodyOf(doc)?.querySelectorAll('*') ?? [];
  const candidates: Element[] = [];
  const weakCandidates: Element[] = [];
  // Bounded: the first 20,000 elements are plenty to reach an article's header.
  for (let i = 0; i < all.length && i < 20_000; i++) {
    const el = all[i]!;
    const tag = el.tagName.toUpperCase();
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'SVG' || tag === 'PATH') continue;
    if (!(tag === 'TIME' || DATE_CLASS.test(classAndId(el)))) continue;
    if (!inExcludedContext(el, root)) candidates.push(el);
    else if (weakCandidates.length < 50) weakCandidates.push(el);
  }
  const dateOf = (el: Element): { published: string | null; modified: string | null } | null => {
    if ((el.textContent?.length ?? 0) > 600) return null;
    const text = inlineText(el);
    if (text.length > 400) return null;
    return pickTextDate(text, opts);
  };
  let published: string | null = null;
  let header = false;
  for (const el of orderBy(candidates, (el) => (inScope(el) ? 0 : 1))) {
    const pick = dateOf(el);
    if (pick?.modified) modified ??= pick.modified;
    if (pick?.published) {
      published = pick.published;
      // Shown in the article's header: inside the root, in a small block together with the headline.
      const h1 = doc.querySelector('h1');
      let common: Element | null = el;
      while (common && h1 && !common.contains(h1)) common = common.parentElement;
      header = Boolean(h1 && common && inScope(el) && textLength(common) <= 7000);
      break;
    }
  }
  let weak: string | null = null;
  if (!published) {
    for (const el of orderBy(weakCandidates, (el) => (inScope(el) ? 0 : 1))) {
      if (inComments(el)) continue;
      const pick = dateOf(el);
      if (pick?.published) {
        weak = pick.published;
        break;
      }
    }
  }
  return { published, modified, weak, header, source: published ? 'text:dateline' : 'none' };
}

/**
 * The date of a teaser that links to this very page (CMSs list the current article in their "latest news" or
 * "more on this" blocks with its date): the nearest small block around such a link that holds one date.
 */
function selfTeaserDate(
  doc: Document,
  url: string,
  canonical: string | null,
  opts: DateOptions,
): string | null {
  const paths = new Set<string>();
  for (const u of [url, canonical]) {
    try {
      if (u) paths.add(new URL(u).pathname.replace(/\/$/, ''));
    } catch {
      // ignore
    }
  }
  paths.delete('');
  if (!paths.size) return null;
  const links = Array.from(doc.querySelectorAll('a[href]'));
  for (const a of links.slice(0, 3000)) {
    let path: string;
    try {
      path = new URL(a.getAttribute('href') ?? '', url).pathname.replace(/\/$/, '');
    } catch {
      continue;
    }
    if (!paths.has(path)) continue;
    let node: Element | null = a;
    for (let depth = 0; node && depth < 4; depth++, node = node.parentElement) {
      const length = node.textContent?.length ?? 0;
      if (length > 500) break;
      const dates = findDates(inlineText(node), opts);
      if (dates.length === 1) return dates[0]!.value;
      if (dates.length > 1) break;
    }
  }
  return null;
}

/** A date written on a line next to the headline: the article's own dateline or byline. */
export interface HeadlineDates {
  /** The first date on those lines that is not cued as an update. */
  published: string | null;
  /** The first date cued as an update ("Aktualisiert am", "Updated", "Stand:"). */
  modified: string | null;
  /** Every day written on those lines, with the other reading of ambiguous numeric dates (06/07/2025). */
  days: string[];
  /** Whether the published date is an ambiguous numeric date. */
  ambiguous: boolean;
}

const HEADLINE_WINDOW = 4;
const HEADLINE_BLOCK_LIMIT = 20_000;

/**
 * The page's headline: the `<h1>` (else an `<h2>` or `<h3>`) whose text matches the article's title, else the first
 * substantial `<h1>` outside navigation and comments. Logo headings ("<h1>Site</h1>") do not match the title.
 */
export function findHeadline(doc: Document, title: string | null): Element | null {
  const scope = bodyOf(doc);
  if (!scope) return null;
  let best: Element | null = null;
  let bestScore = 0;
  const usable = (h: Element): boolean => !inComments(h) && !withinAncestor(h, (_node, tag) => tag === 'NAV');
  for (const [sel, enough] of [
    ['h1', 0.6],
    ['h2', 0.6],
    ['h3', 0.8],
  ] as const) {
    for (const h of Array.from(scope.querySelectorAll(sel)).slice(0, 200)) {
      const text = cleanTitle(inlineText(h));
      if (text.length < 3 || text.length > 300 || !usable(h)) continue;
      const score = title ? titleSimilarity(text, title) : 0;
      if (score > bestScore) {
        best = h;
        bestScore = score;
      }
    }
    if (best && bestScore >= enough) return best;
  }
  for (const h of Array.from(scope.querySelectorAll('h1'))) {
    const text = cleanTitle(inlineText(h));
    if (text.length >= 12 && usable(h) && !inExcludedContext(h)) return h;
  }
  return null;
}

/** Event dates near a headline: "Termin: 21.02.2020", "When: …", "Veranstaltung am …". */
const EVENT_CUE =
  /(?:termine?|veranstaltung|wann|when|event|date\s+of\s+event|beginn|start|deadline|einsendeschluss|anmeldeschluss)\s*(?:am|on|:)?\s*[:-]?\s*$/iu;

/** A dateline or byline rather than a sentence: once its dates and times are removed, little text is left. */
function isDatelineLine(line: string, dates: TextDate[]): boolean {
  let rest = line;
  for (const d of [...dates].reverse()) rest = rest.slice(0, d.start) + rest.slice(d.end);
  rest = rest
    .replace(/\d{1,2}[:.h]\d{2}(?::\d{2})?(?:\s*(?:uhr|h|am|pm|a\.m\.|p\.m\.))?/giu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return rest.length <= 90;
}

/**
 * Dates written on the short lines right above or below the headline (at most four lines away, inside the
 * smallest block around the headline that has such a line): where pages show the article's date, whatever the
 * markup's class names. Dates inside the headline itself, in comments, in captions or after "until" are left out.
 */
export function headlineDates(headline: Element | null, opts: DateOptions): HeadlineDates {
  const empty: HeadlineDates = { published: null, modified: null, days: [], ambiguous: false };
  if (!headline) return empty;
  const key = squash(inlineText(headline));
  if (key.length < 3) return empty;
  const skip = (el: Element): boolean => {
    const tag = el.tagName.toUpperCase();
    return (
      tag === 'NAV' ||
      tag === 'FORM' ||
      tag === 'SELECT' ||
      tag === 'BUTTON' ||
      COMMENT_CONTEXT.test(classAndId(el))
    );
  };
  let node: Element | null = headline.parentElement;
  let seen = textLength(headline);
  for (let depth = 0; node && depth < 12; depth++, node = node.parentElement) {
    const tag = node.tagName.toUpperCase();
    if (tag === 'HTML') break;
    const length = textLength(node);
    if (length > HEADLINE_BLOCK_LIMIT * 3) break;
    // A wrapper that adds no text has the same lines as the level below.
    if (length === seen) continue;
    seen = length;
    const text = blockText(node, skip);
    if (text.length > HEADLINE_BLOCK_LIMIT) break;
    const lines = text.split('\n');
    const at = lines.findIndex(
      (l) => squash(l).includes(key) || (squash(l).length >= 8 && key.includes(squash(l))),
    );
    if (at < 0) continue;
    const order: number[] = [];
    for (let d = 1; d <= HEADLINE_WINDOW; d++) order.push(at + d, at - d);
    const found: HeadlineDates = { published: null, modified: null, days: [], ambiguous: false };
    for (const i of order) {
      const line = lines[i];
      if (line === undefined) continue;
      const dates = findDates(line, opts);
      if (!dates.length || !isDatelineLine(line, dates)) continue;
      // A cue alone on the line above ("Updated:" / "Mar 6, 2018").
      const above = i > 0 && lines[i - 1]!.length <= 30 && i - 1 !== at ? `${lines[i - 1]} ` : '';
      const uncued: TextDate[] = [];
      for (const d of dates) {
        const before = `${d.start === dates[0]!.start ? above : ''}${line.slice(0, d.start)}`.slice(-60);
        if (UNTIL_CUE.test(before) || CAPTION_CUE.test(before) || EVENT_CUE.test(before)) continue;
        found.days.push(d.value);
        if (d.alt) found.days.push(d.alt);
        if (isModifiedCue(before) && !isPublishedCue(before)) found.modified ??= d.value;
        else uncued.push(d);
      }
      // Two dates on one line without cues ("December 10, 2021 April 9, 2019"): the earlier is the publication.
      if (!found.published && uncued.length) {
        const sorted = [...uncued].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
        const first = sorted[0]!.value;
        found.published = first;
        found.ambiguous = Boolean(sorted[0]!.alt);
        const last = sorted[sorted.length - 1]!.value;
        if (last > first) found.modified ??= last;
      }
    }
    if (found.days.length) return found;
    if (tag === 'BODY') break;
  }
  return empty;
}

/** hAtom and similar: `<abbr class="published" title="2016-12-23T05:11:00-05:00">5:11 AM</abbr>`. */
function titleAttributeDate(doc: Document, root: Element | null, opts: DateOptions): string | null {
  for (const el of Array.from(
    doc.querySelectorAll('abbr[title], .published[title], .dtstart[title], .date[title]'),
  )) {
    if (inExcludedContext(el, root)) continue;
    if (/update|modif/i.test(classAndId(el))) continue;
    const d = parseDateValue(el.getAttribute('title'), opts);
    if (d) return d;
  }
  return null;
}

function readDates(
  doc: Document,
  url: string,
  title: string,
  meta: MetaMap,
  nodes: JsonLdNode[],
  article: JsonLdNode | null,
  root: Element | null,
  canonical: string | null,
  opts: DateOptions,
): DatePick {
  let modified: string | null = null;
  if (article) modified = parseDateValue(asString(article.dateModified), opts);
  modified ??= parseDateValue(firstMeta(meta, MODIFIED_META), opts);
  let dateline: DatelinePick | null = null;
  const getDateline = (): DatelinePick => {
    dateline ??= datelineDates(doc, root, opts);
    return dateline;
  };
  let headline: HeadlineDates | null = null;
  const getHeadline = (): HeadlineDates => {
    headline ??= headlineDates(findHeadline(doc, title), opts);
    return headline;
  };
  const done = (published: string | null, source: string): DatePick => {
    const metadata = published && !source.startsWith('text') && !source.startsWith('url');
    if (published && metadata) {
      // The URL keeps the day the article was first published; metadata months or years later comes from a
      // re-save (a CMS migration, a template that stamps the last edit).
      const inUrl = dateFromUrl(url, opts.now);
      if (inUrl && dayDiff(published, inUrl) > 60)
        return { published: inUrl, modified, source: `${source}<url` };
      const shown = getHeadline();
      const day = dayOf(published);
      if ((shown.published || shown.modified) && !shown.days.includes(day)) {
        // The page shows only its last update next to the headline: the day readers (and citations) go by.
        const update = modified && dayOf(modified) > day ? dayOf(modified) : null;
        if (update && (shown.published === update || shown.modified === update) && !shown.ambiguous)
          return { published: update, modified, source: `${source}>shown-update` };
        // Another day, days or weeks away from the metadata's: metadata dates are often the draft's creation
        // or a stale template value.
        const diff = shown.published ? Math.abs(dayDiff(shown.published, day)) : 0;
        if (shown.published && !shown.ambiguous && diff >= 2 && diff <= 45)
          return { published: shown.published, modified, source: `${source}>headline` };
      }
    }
    // A UTC machine time near midnight of the page's own zone: keep the day the page displays. A value in a
    // local offset is already the page's day.
    if (published && published.length > 10) {
      const utc = /(?:Z|[+-]00:?00)$/i.test(published) || published.length <= 19;
      const hour = Number(published.slice(11, 13));
      const shown = utc ? getDateline().published : null;
      const diff = shown ? dayDiff(shown, published) : 0;
      if (shown && ((diff === -1 && hour < 12) || (diff === 1 && hour >= 20)))
        return { published: shown, modified, source: `${source}+shown` };
    }
    // The page shows another day next to the headline, days or weeks away from the metadata's: metadata dates
    // are often the draft's creation or a stale template value; readers (and citations) go by the shown date.
    const headlineShows = getHeadline().days.length > 0;
    if (published && !headlineShows && !source.startsWith('text') && !source.startsWith('url')) {
      const line = getDateline();
      const diff = line.published && line.header ? Math.abs(dayDiff(line.published, published)) : 0;
      if (line.published && diff >= 2 && diff <= 45)
        return { published: line.published, modified, source: `${source}>header` };
    }
    return { published, modified, source };
  };
  const excluded = (el: Element): boolean => inExcludedContext(el, root);

  // 1. JSON-LD.
  if (article) {
    const d = parseDateValue(asString(article.datePublished) ?? asString(article.dateCreated), opts);
    if (d) return done(d, 'jsonld');
  }
  // 2. Meta tags.
  for (const key of PUBLISHED_META) {
    for (const v of meta.get(key) ?? []) {
      const d = parseDateValue(v, opts);
      if (d) return done(d, `meta:${key}`);
    }
  }
  // 3. Microdata and <time> in the article's header, not in sidebars or comments.
  const itemprops = Array.from(
    doc.querySelectorAll(
      '[itemprop~="datePublished"], [itemprop~="datepublished"], [itemprop~="dateCreated"]',
    ),
  ).filter((el) => !excluded(el));
  for (const el of itemprops) {
    const d = elementDate(el, opts);
    if (d) return done(d, 'itemprop');
  }
  if (!modified) {
    const mod = doc.querySelector('[itemprop~="dateModified"], [itemprop~="datemodified"]');
    if (mod) modified = elementDate(mod, opts);
  }
  const fromTitle = titleAttributeDate(doc, root, opts);
  if (fromTitle) return done(fromTitle, 'title-attr');
  const times = Array.from(doc.querySelectorAll('time')).filter((el) => !excluded(el));
  const inScope = (el: Element): boolean => !root || root.contains(el);
  const rankTime = (el: Element): number => {
    let r = inScope(el) ? 0 : 2;
    if (el.hasAttribute('pubdate') || /publish|posted|created/i.test(classAndId(el))) r -= 1;
    if (/update|modif|edit/i.test(classAndId(el))) r += 3;
    return r;
  };
  for (const el of orderBy(times, rankTime)) {
    const before = precedingText(el);
    if (isModifiedCue(before) && !isPublishedCue(before)) {
      modified ??= elementDate(el, opts);
      continue;
    }
    const d = elementDate(el, opts);
    if (d) return done(d, 'time');
  }
  // 4. The URL path.
  const fromUrl = dateFromUrl(url, opts.now);
  if (fromUrl) return done(fromUrl, 'url');
  // The canonical URL (a syndicated copy points to the original, whose path may carry the date).
  const fromCanonical = canonical ? dateFromUrl(canonical, opts.now) : null;
  if (fromCanonical) return done(fromCanonical, 'url:canonical');
  // 5. Another JSON-LD node's date (a HowTo, a Recipe, a WebPage).
  for (const node of nodes) {
    if (typesOf(node).some((t) => NON_ARTICLE_TYPES.has(t))) continue;
    const d = parseDateValue(asString(node.datePublished) ?? asString(node.dateCreated), opts);
    if (d) return done(d, 'jsonld:other');
  }
  // 6. Dates written in the text: next to the headline, in date-like elements (byline, dateline, meta), then
  // anywhere in the article's text.
  const near = getHeadline();
  if (near.modified) modified ??= near.modified;
  if (near.published) return done(near.published, 'text:headline');
  // The page shows only when it was last changed ("Stand: 12.11.2021"): that is the date a reader sees.
  if (near.modified) return done(near.modified, 'text:headline-modified');
  const shown = getDateline();
  if (shown.modified) modified ??= shown.modified;
  if (shown.published) return done(shown.published, shown.source);
  const pick = pickBodyDate(mainText(doc, root), opts);
  if (pick.modified) modified ??= pick.modified;
  if (pick.published) return done(pick.published, 'text');
  const onlyModified = pick.modified;
  // 7. A teaser of this page elsewhere on it, the description, then any date outside the boilerplate.
  const teaser = selfTeaserDate(doc, url, canonical, opts);
  if (teaser) return done(teaser, 'self-teaser');
  const described = findDates(
    [firstMeta(meta, ['description', 'og:description']), doc.querySelector('title')?.textContent].join(
      ' \n ',
    ),
    opts,
  )[0];
  if (described) return done(described.value, 'description');
  if (shown.weak) return done(shown.weak, 'text:dateline-weak');
  // The page shows only when it was last changed: that is the date a reader sees.
  if (onlyModified) return done(onlyModified, 'text:modified');
  if (root) {
    const rest = pickBodyDate(mainText(doc, null), opts);
    if (rest.published) return done(rest.published, 'text:page');
  }
  // Last resort: the page writes one day only, wherever (a share bar, a credits column, the footer).
  const body = bodyOf(doc);
  const everywhere = new Set(
    findDates(body ? blockText(body).slice(0, 200_000) : '', opts).map((d) => d.value),
  );
  if (everywhere.size === 1) return done([...everywhere][0]!, 'text:only-date');
  return done(null, 'none');
}

/** The text of the page (or of the article root) without navigation, sidebars, comments and footers. */
function mainText(doc: Document, root: Element | null): string {
  const top = root ?? bodyOf(doc);
  if (!top) return '';
  const skip = (el: Element): boolean => {
    const tag = el.tagName.toUpperCase();
    if (tag === 'ASIDE' || tag === 'NAV' || tag === 'FORM' || tag === 'SELECT') return true;
    if (tag === 'FOOTER') return !root;
    return tag !== 'ARTICLE' && tag !== 'MAIN' && EXCLUDED_CONTEXT.test(classAndId(el));
  };
  return blockText(top, skip).slice(0, 100_000);
}

function precedingText(el: Element): string {
  const parent = el.parentElement;
  if (!parent) return '';
  const full = inlineText(parent);
  const own = inlineText(el);
  const i = own ? full.indexOf(own) : -1;
  return i > 0 ? full.slice(Math.max(0, i - 40), i) : '';
}

const STRONG_CUE =
  /(?:published|posted|erschienen|veröffentlicht|publiziert|erstellt|mise?\s+en\s+ligne|publié|publicado|pubblicato|gepubliceerd|опубликовано|datum|date)\s*(?:am|on|at|le|el|il|em|op)?\s*[:|-]?\s*$/iu;
const UNTIL_CUE =
  /(?:\bbis|\buntil|jusqu'?au|hasta|fino\s+al|verfügbar|available|gültig|valid|expires?|ablauf|deadline|frist)\b[^\n]{0,8}\n?\s*$/iu;
const BYLINE_LINE = /^(?:by|von|par|por|door|av|af|text|texte|autor|author|posted|geschrieben)\b/iu;
const CAPTION_CUE = /(?:foto|photo|bild|image|picture|credit|quelle|source|©)\b[^\n]{0,60}$/iu;

/**
 * The publication date in a page's running text: a date alone on its line (a dateline), after a "published"
 * cue, or on a short byline line wins over a date inside a sentence or a photo caption. A page that shows only
 * its update date ("Aktualisiert: 30.12.2016") gets that one.
 */
function pickBodyDate(
  text: string,
  opts: DateOptions,
): { published: string | null; modified: string | null } {
  let best: { value: string; score: number } | null = null;
  let modified: string | null = null;
  let first: string | null = null;
  for (const d of findDates(text, opts).slice(0, 200)) {
    const lineStart = text.lastIndexOf('\n', d.start - 1) + 1;
    let lineEnd = text.indexOf('\n', d.end);
    if (lineEnd < 0) lineEnd = text.length;
    const before = text.slice(Math.max(lineStart, d.start - 60), d.start);
    const lineLength = lineEnd - lineStart;
    if (isModifiedCue(before)) {
      modified ??= d.value;
      continue;
    }
    first ??= d.value;
    let score = 0;
    const rest = `${text.slice(lineStart, d.start)} ${text.slice(d.end, lineEnd)}`
      .replace(/\d{1,2}[:.h]\d{2}(?:\s*(?:uhr|h|am|pm))?/giu, ' ')
      .replace(/[^\p{L}]+/gu, '');
    if (lineLength <= d.end - d.start + 40 && rest.length <= 12) score = 3;
    else if (lineLength <= 160 && !text.slice(lineStart, d.start).trim()) score = 2;
    else if (STRONG_CUE.test(before)) score = 3;
    else if (lineLength <= 160 && BYLINE_LINE.test(text.slice(lineStart, d.start))) score = 3;
    else if (isPublishedCue(before)) score = 1;
    if (CAPTION_CUE.test(before) || /\($/.test(before.trimEnd())) score -= 2;
    if (UNTIL_CUE.test(text.slice(Math.max(0, d.start - 40), d.start))) score = -1;
    if (!best || score > best.score) best = { value: d.value, score };
    if (score >= 3) break;
  }
  if (best && best.score > 0) return { published: best.value, modified };
  return { published: modified ? null : first, modified };
}

function pickTextDate(
  text: string,
  opts: DateOptions,
): { published: string | null; modified: string | null } {
  let published: string | null = null;
  let modified: string | null = null;
  let firstUncued: string | null = null;
  for (const d of findDates(text, opts)) {
    const before = text.slice(Math.max(0, d.start - 40), d.start);
    if (isModifiedCue(before)) {
      modified ??= d.value;
      continue;
    }
    if (isPublishedCue(before)) {
      published ??= d.value;
      break;
    }
    firstUncued ??= d.value;
  }
  return { published: published ?? firstUncued, modified };
}

/** An organisation rather than a person: "Condé Nast", "mediagene Inc.", "Us Weekly Staff". */
const ORG_NAME =
  /\b(?:inc|llc|ltd|gmbh|ag|s\.?a|corp|corporation|company|media|group|nast|holdings?|publishing|verlag|staff|team|desk|redaktion|newsroom|editors)\b\.?/i;

const FULL_NAME = /^\p{Lu}[\p{Ll}'’.-]+(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{Ll}'’.-]+)){1,3}$/u;
const NOT_PERSON =
  /\b(?:fellow|writer|editor|reporter|correspondent|contributor|news|live|watch|staff|team)\b/i;

function weakNames(names: string[]): boolean {
  return names.length > 0 && names.every((n) => ORG_NAME.test(n));
}

/** A link to a person's page on the site: /author/…, /user/…, /u/…, /profile/…, /staff/…. */
const PROFILE_LINK =
  /\/(?:author|authors|autor|autoren|user|users|u|profile|profil|people|staff|writers?|contributors?|members?)\//i;

function readAuthors(
  doc: Document,
  meta: MetaMap,
  article: JsonLdNode | null,
  root: Element | null,
  opts: { siteName: string | null; host: string | null; byline?: string | null },
): string[] {
  const clean = (raw: string | null | undefined): string[] => cleanAuthors(raw, opts);
  const fromJsonLd = article ? dedupe(namesOf(article.author ?? article.creator).flatMap(clean)) : [];
  if (fromJsonLd.length && !weakNames(fromJsonLd)) return fromJsonLd;
  let fromMeta: string[] = [];
  for (const key of AUTHOR_META) {
    const values = (meta.get(key) ?? []).filter((v) => !/^https?:\/\//i.test(v));
    const names = dedupe(values.flatMap(clean)).filter((n) => !ORG_NAME.test(n) || values.length === 1);
    if (names.length && !weakNames(names)) {
      fromMeta = names;
      break;
    }
    if (names.length && !fromMeta.length) fromMeta = names;
  }
  const visible = visibleByline(doc, root, clean);
  const key = (n: string) => n.toLowerCase();
  if (visible.length) {
    const seen = new Set(visible.map(key));
    const covers = fromMeta.every((n) => seen.has(key(n)));
    // More names in the byline than in the metadata: only when the extra ones read as full personal names.
    const extra = visible.filter((n) => !fromMeta.some((m) => key(m) === key(n)));
    const personal = extra.every((n) => FULL_NAME.test(n) && !NOT_PERSON.test(n));
    if (!fromMeta.length || weakNames(fromMeta) || (covers && extra.length > 0 && personal)) return visible;
  }
  if (fromMeta.length) return fromMeta;
  if (fromJsonLd.length) return fromJsonLd;
  return dedupe(clean(opts.byline));
}

const BYLINE_SELECTORS = [
  '[itemprop="author"] [itemprop="name"]',
  '[itemprop="author"]',
  '[rel="author"]',
  '.byline a[href*="author"]',
  '.author-name',
  '.authorName',
  '.author__name',
  '.byline__name',
  '.article-author',
  '.author',
  '.byline',
  '.by-author',
  '.byLine',
  '.article-byline',
  '.post-author',
  '.entry-author',
  '.writer',
  '.autor',
  '[class*="byline"]',
  '[class*="author"]',
  '[class*="writer"]',
  '[data-testid*="author"]',
  '.username',
];

/** Names from the byline the reader sees: the first byline element and its siblings, not the whole page. */
function visibleByline(doc: Document, root: Element | null, clean: (raw: string) => string[]): string[] {
  const inRoot = (el: Element): boolean => !root || root.contains(el) || !inExcludedContext(el, root);
  for (const [index, sel] of BYLINE_SELECTORS.entries()) {
    let els: Element[];
    try {
      els = Array.from(doc.querySelectorAll(sel));
    } catch {
      continue;
    }
    // Author microdata and rel=author inside the article count even in its <aside> (a meta column).
    const semantic = index < 3;
    els = els.filter(
      (el) =>
        (semantic && root?.contains(el) ? !inComments(el) : !inExcludedContext(el, root) && inRoot(el)) &&
        !isLinkList(el),
    );
    if (!els.length) continue;
    // The byline block of the first match: other matches count only inside it (a page lists many authors).
    let block: Element = els[0]!;
    while (block.parentElement && textLength(block.parentElement) <= 250) block = block.parentElement;
    const group = els.filter((el) => block.contains(el)).slice(0, 8);
    const names: string[] = [];
    for (const el of group) {
      const text = el.tagName.toUpperCase() === 'META' ? (el.getAttribute('content') ?? '') : bylineText(el);
      if (text.length > 200) continue;
      let found = clean(text);
      // A user name on a profile link ("doumae", "u/benyacobi") is a name even without a capital.
      if (
        !found.length &&
        el.tagName.toUpperCase() === 'A' &&
        PROFILE_LINK.test(el.getAttribute('href') ?? '')
      ) {
        const handle = text.trim();
        if (/^[\p{L}\p{N}_./-]{3,40}$/u.test(handle)) found = [handle];
      }
      names.push(...found);
    }
    if (names.length) return dedupe(names);
  }
  // A short line that starts like a byline: "By Jane Doe", "Von Anna Schmidt | 27. Juni 2025".
  const scope: ParentNode = root ?? doc;
  for (const el of Array.from(scope.querySelectorAll('p, div, span, li, address, strong, em, b')).slice(
    0,
    3000,
  )) {
    if (el.childElementCount > 6) continue;
    const text = el.textContent ?? '';
    if (text.length > 160 || text.length < 5) continue;
    const line = inlineText(el);
    if (!BYLINE_START.test(line) || inExcludedContext(el, root)) continue;
    const names = clean(line);
    if (names.length) return dedupe(names);
  }
  return [];
}

/**
 * A byline element's text. When it is written on several lines and starts with "By", the later lines are the
 * writer's affiliation ("By Jane Doe" / "Washington Post"), not more names.
 */
function bylineText(el: Element): string {
  const lines = blockText(el).split('\n');
  if (
    lines.length > 1 &&
    /^(?:by|von|par|por|door)\s/i.test(lines[0]!) &&
    !lines.slice(1).some((l) => /^(?:and|und|et|y|&)\s/i.test(l))
  )
    return lines[0]!;
  return lines.join(', ');
}

const BYLINE_START = /^(?:by|von|par|por|door|av|af|text|texte|autor|author)[\s:]+\p{Lu}/iu;

/** An element that is a list of many links (tag cloud, author index) rather than a byline. */
function isLinkList(el: Element): boolean {
  return el.querySelectorAll('a').length > 6;
}

function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const k = n.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function readCanonical(doc: Document, url: string, meta: MetaMap): string {
  const candidates = [
    doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href'),
    firstMeta(meta, ['og:url']),
  ];
  for (const c of candidates) {
    const abs = absoluteUrl(c, url);
    if (abs) return abs;
  }
  return cleanUrl(absoluteUrl(url, url) ?? url);
}

/** Lower-case letters and digits only, to compare titles. */
function squash(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function firstHeading(doc: Document, root: Element | null): string | null {
  const scopes: ParentNode[] = root ? [root, doc] : [doc];
  for (const scope of scopes) {
    for (const h of Array.from(scope.querySelectorAll('h1'))) {
      if (inExcludedContext(h)) continue;
      const text = cleanTitle(inlineText(h));
      if (text.length >= 3) return text;
    }
  }
  return null;
}

/** Reads the article metadata of a page. Never modifies the document. */
export function readMetadata(doc: Document, url: string, options: MetadataOptions = {}): PageMetadata {
  const now = options.now ?? new Date();
  const hints = options.hints ?? {};
  const meta = readMetaMap(doc);
  const nodes = readJsonLd(doc);
  const article = findArticleNode(nodes);
  const root = findArticleRoot(doc);
  const host = hostOf(url);

  const publisherNode = article?.publisher ?? nodes.find((n) => typesOf(n).includes('Organization'))?.name;
  const siteName =
    firstMeta(meta, ['og:site_name', 'application-name', 'al:android:app_name', 'twitter:app:name:iphone']) ??
    asString(publisherNode) ??
    hints.siteName ??
    null;

  // Title.
  const docTitle = cleanTitle(doc.querySelector('title')?.textContent);
  const h1 = firstHeading(doc, root);
  const rawTitle =
    firstMeta(meta, ['og:title', 'twitter:title']) ??
    asString(article?.headline) ??
    asString(article?.name) ??
    firstMeta(meta, ['title', 'dc.title', 'headline', 'parsely-title', 'sailthru.title']) ??
    h1 ??
    hints.title ??
    docTitle;
  let title = stripSiteSuffix(rawTitle, [siteName, host, host?.split('.').slice(-2, -1)[0]]);
  // The headline the reader sees wins over a social or SEO variant of it ("og:title" is often rewritten for
  // sharing), when it is about the same thing and not just a piece of the metadata title (an artist's name on
  // a review) or the site's name.
  if (h1 && h1 !== title) {
    const names = [siteName, host, host?.split('.').slice(-2, -1)[0]];
    const docHead = stripSiteSuffix(docTitle, names);
    const similar = Math.max(titleSimilarity(h1, title), titleSimilarity(h1, docHead));
    const shorter = (t: string) => squash(t).includes(squash(h1)) && h1.length < t.length * 0.6;
    const piece = shorter(title) || shorter(docHead);
    const siteHeading = names.some((n) => n && squash(n) === squash(h1));
    if (
      !piece &&
      !siteHeading &&
      h1.length >= 12 &&
      h1.length <= 250 &&
      (similar >= 0.3 || (h1.length <= title.length + 40 && similar >= 0.8))
    )
      title = h1;
  }

  let publisher = siteName ? cleanTitle(siteName) : null;
  if (!publisher && docTitle) {
    const parts = docTitle.split(/\s[|–—-]\s/);
    const last = parts.length > 1 ? parts[parts.length - 1]!.trim() : '';
    if (last && last.split(' ').length <= 4) publisher = last;
  }
  publisher ??= host;

  const lang =
    normalizeLang(htmlOf(doc)?.getAttribute('lang')) ??
    normalizeLang(htmlOf(doc)?.getAttribute('xml:lang')) ??
    normalizeLang(
      firstMeta(meta, ['og:locale', 'content-language', 'language', 'dc.language', 'inlanguage']),
    ) ??
    normalizeLang(asString(article?.inLanguage)) ??
    normalizeLang(hints.lang) ??
    guessLang(hints.text ?? (root ? blockText(root) : (bodyOf(doc)?.textContent ?? '')).slice(0, 5000));

  const dateOpts: DateOptions = { now, lang };
  const canonical = readCanonical(doc, url, meta);
  const dates = readDates(doc, url, title, meta, nodes, article, root, canonical, dateOpts);
  let modifiedAt = dates.modified;
  if (modifiedAt && dates.published && dayOf(modifiedAt) < dayOf(dates.published)) modifiedAt = null;

  const authors = readAuthors(doc, meta, article, root, { siteName: publisher, host, byline: hints.byline });

  const section =
    firstMeta(meta, [
      'article:section',
      'og:article:section',
      'section',
      'parsely-section',
      'sailthru.section',
    ]) ?? asString(article?.articleSection);
  const image =
    absoluteUrl(
      firstMeta(meta, [
        'og:image',
        'og:image:url',
        'og:image:secure_url',
        'twitter:image',
        'twitter:image:src',
      ]),
      url,
    ) ?? absoluteUrl(imageOf(article?.image), url);
  const description =
    firstMeta(meta, ['og:description', 'description', 'twitter:description', 'dc.description']) ??
    asString(article?.description);

  return {
    title,
    canonicalUrl: canonical,
    publishedAt: dates.published,
    modifiedAt,
    authors,
    publisher,
    lang,
    section: section ? cleanTitle(section) : null,
    image,
    description: description ? cleanTitle(description) : null,
    dateSource: dates.source,
  };
}
