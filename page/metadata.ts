/**
 * Article metadata read from a page: title, canonical URL, publication and update dates (as written, offset
 * kept), authors, publisher, language, section, image and description. Sources in order of trust: JSON-LD,
 * `<meta>` (read as `content ?? value`), microdata and `<time>` in the article's header, the URL path, then
 * dates written in the text. Takes the document and its URL; never touches globals; never modifies the page.
 */
import { cleanAuthors } from '../core/metadata/byline';
import { type DateOptions, dayOf, findDates, isModifiedCue, isPublishedCue, parseDateValue } from '../core/metadata/dates';
import {
  asString,
  findArticleNode,
  imageOf,
  type JsonLdNode,
  namesOf,
  parseJsonLd,
  typesOf,
} from '../core/metadata/jsonld';
import { guessLang, normalizeLang } from '../core/metadata/lang';
import { cleanTitle, stripSiteSuffix, titleSimilarity } from '../core/metadata/title';
import { absoluteUrl, cleanUrl, dateFromUrl, hostOf } from '../core/metadata/url';
import { blockText, inlineText } from './text';

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
  const texts = Array.from(doc.querySelectorAll('script[type="application/ld+json" i], script[type="application/ld+json"]'))
    .map((s) => s.textContent ?? '')
    .filter((t) => t.trim());
  return parseJsonLd([...new Set(texts)]);
}

const BOILERPLATE_TAGS = new Set(['NAV', 'ASIDE', 'FOOTER', 'FORM', 'MENU', 'DIALOG', 'NOSCRIPT']);
const BOILERPLATE_CLASS =
  /(?:^|[\s_-])(?:comments?|comment-list|kommentare?|sidebar|side-bar|rail|related|recommend(?:ed|ations)?|teasers?|widget|widgets|footer|popular|most-read|mostread|trending|outbrain|taboola|share|sharing|social|newsletter|promo|advert|ads|breadcrumbs?|menu|navigation|navbar|nav|cookie|consent|subscribe|paywall-offer|more-stories|read-more|also-read|further-reading)(?:$|[\s_-])/i;

/** The class and id of an element, for pattern tests. */
export function classAndId(el: Element): string {
  return `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
}

/** Per-call memo of boilerplate verdicts, shared by the ancestors of many elements. */
export interface BoilerplateContext {
  cache: Map<Element, boolean>;
  /** Text length of the body: a "sidebar" class on a wrapper holding most of the page is not a sidebar. */
  bodyLength: number;
}

export function boilerplateContext(doc: Document): BoilerplateContext {
  return { cache: new Map(), bodyLength: doc.body?.textContent?.length ?? 0 };
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
  const path: Element[] = [];
  let verdict = false;
  for (let node: Element | null = el; node; node = node.parentElement) {
    const known = ctx?.cache.get(node);
    if (known !== undefined) {
      verdict = known;
      break;
    }
    const tag = node.tagName.toUpperCase();
    if (tag === 'BODY' || tag === 'HTML') break;
    path.push(node);
    if (selfBoilerplate(node, ctx)) {
      verdict = true;
      break;
    }
  }
  if (ctx) for (const node of path) ctx.cache.set(node, verdict);
  return verdict;
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
  'author',
  'article:author',
  'og:article:author',
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

function inExcludedContext(el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) {
    const tag = node.tagName.toUpperCase();
    if (tag === 'BODY' || tag === 'HTML') return false;
    if (tag === 'ASIDE' || tag === 'FOOTER' || tag === 'NAV') return true;
    if (tag !== 'ARTICLE' && tag !== 'MAIN' && EXCLUDED_CONTEXT.test(classAndId(node))) return true;
  }
  return false;
}

/** The element that holds the article on the live page, when the markup says so. */
export function findArticleRoot(doc: Document): Element | null {
  const byProp = doc.querySelector('[itemprop="articleBody"], [itemprop="articlebody"]');
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

/** Dates written in elements that look like a dateline or byline (class/id with date, time, meta, byline…). */
function datelineDates(doc: Document, root: Element | null, opts: DateOptions): DatePick {
  let modified: string | null = null;
  const inScope = (el: Element): boolean => !root || root.contains(el);
  const candidates = Array.from(doc.body?.querySelectorAll('*') ?? []).filter((el) => {
    const tag = el.tagName.toUpperCase();
    if (tag === 'SCRIPT' || tag === 'STYLE') return false;
    return (tag === 'TIME' || DATE_CLASS.test(classAndId(el))) && !inExcludedContext(el);
  });
  for (const el of orderBy(candidates, (el) => (inScope(el) ? 0 : 1))) {
    if ((el.textContent?.length ?? 0) > 600) continue;
    const text = inlineText(el);
    if (text.length > 400) continue;
    const pick = pickTextDate(text, opts);
    if (pick.modified) modified ??= pick.modified;
    if (pick.published) return { published: pick.published, modified, source: 'text:dateline' };
  }
  return { published: null, modified, source: 'none' };
}

function readDates(
  doc: Document,
  url: string,
  meta: MetaMap,
  article: JsonLdNode | null,
  root: Element | null,
  opts: DateOptions,
): DatePick {
  let modified: string | null = null;
  if (article) modified = parseDateValue(asString(article.dateModified), opts);
  modified ??= parseDateValue(firstMeta(meta, MODIFIED_META), opts);
  let dateline: DatePick | null = null;
  const getDateline = (): DatePick => {
    dateline ??= datelineDates(doc, root, opts);
    return dateline;
  };
  const done = (published: string | null, source: string): DatePick => {
    // A machine time near midnight in another offset than the page shows: keep the day the page displays.
    if (published && published.length > 10) {
      const shown = getDateline().published;
      if (shown && Math.abs(dayDiff(shown, published)) === 1) return { published: shown, modified, source: `${source}+shown` };
    }
    return { published, modified, source };
  };

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
    doc.querySelectorAll('[itemprop="datePublished"], [itemprop="datepublished"], [itemprop="dateCreated"]'),
  ).filter((el) => !inExcludedContext(el));
  for (const el of itemprops) {
    const d = elementDate(el, opts);
    if (d) return done(d, 'itemprop');
  }
  if (!modified) {
    const mod = doc.querySelector('[itemprop="dateModified"], [itemprop="datemodified"]');
    if (mod) modified = elementDate(mod, opts);
  }
  const times = Array.from(doc.querySelectorAll('time')).filter((el) => !inExcludedContext(el));
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
  // 5. Dates written in the text: first in date-like elements (byline, dateline, meta), then in the text.
  const shown = getDateline();
  if (shown.modified) modified ??= shown.modified;
  if (shown.published) return done(shown.published, shown.source);
  const pick = pickTextDate(mainText(doc, root), opts);
  if (pick.modified) modified ??= pick.modified;
  if (pick.published) return done(pick.published, 'text');
  return done(null, 'none');
}

/** The text of the page (or of the article root) without navigation, sidebars, comments and footers. */
function mainText(doc: Document, root: Element | null): string {
  const top = root ?? doc.body;
  if (!top) return '';
  const skip = (el: Element): boolean => {
    const tag = el.tagName.toUpperCase();
    if (tag === 'ASIDE' || tag === 'FOOTER' || tag === 'NAV' || tag === 'FORM' || tag === 'SELECT') return true;
    return tag !== 'ARTICLE' && tag !== 'MAIN' && EXCLUDED_CONTEXT.test(classAndId(el));
  };
  return blockText(top, skip);
}

function precedingText(el: Element): string {
  const parent = el.parentElement;
  if (!parent) return '';
  const full = inlineText(parent);
  const own = inlineText(el);
  const i = own ? full.indexOf(own) : -1;
  return i > 0 ? full.slice(Math.max(0, i - 40), i) : '';
}

function pickTextDate(text: string, opts: DateOptions): { published: string | null; modified: string | null } {
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

function readAuthors(
  doc: Document,
  meta: MetaMap,
  article: JsonLdNode | null,
  root: Element | null,
  opts: { siteName: string | null; host: string | null; byline?: string | null },
): string[] {
  const clean = (raw: string | null | undefined): string[] => cleanAuthors(raw, opts);
  if (article) {
    const names = namesOf(article.author ?? article.creator).flatMap(clean);
    if (names.length) return dedupe(names);
  }
  for (const key of AUTHOR_META) {
    const values = (meta.get(key) ?? []).filter((v) => !/^https?:\/\//i.test(v));
    const names = values.flatMap(clean);
    if (names.length) return dedupe(names);
  }
  const selectors = [
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
  ];
  const inRoot = (el: Element): boolean => !root || root.contains(el) || !inExcludedContext(el);
  for (const sel of selectors) {
    let els: Element[];
    try {
      els = Array.from(doc.querySelectorAll(sel));
    } catch {
      continue;
    }
    els = els.filter((el) => !inExcludedContext(el) && inRoot(el) && !isLinkList(el));
    const names: string[] = [];
    for (const el of els.slice(0, 6)) {
      const attr = el.tagName.toUpperCase() === 'META' ? el.getAttribute('content') : null;
      const text = attr ?? inlineText(el);
      if (text.length > 200) continue;
      names.push(...clean(text));
    }
    if (names.length) return dedupe(names);
  }
  // A short line that starts like a byline: "By Jane Doe", "Von Anna Schmidt | 27. Juni 2025".
  const scope: ParentNode = root ?? doc;
  for (const el of Array.from(scope.querySelectorAll('p, div, span, li, address, strong, em, b'))) {
    if (el.childElementCount > 6) continue;
    const text = el.textContent ?? '';
    if (text.length > 160 || text.length < 5) continue;
    const line = inlineText(el);
    if (!BYLINE_START.test(line) || inExcludedContext(el)) continue;
    const names = clean(line);
    if (names.length) return dedupe(names);
  }
  return dedupe(clean(opts.byline));
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
  // A headline in the page that the metadata title only shortens or decorates.
  if (h1 && h1 !== title && titleSimilarity(h1, title) >= 0.8 && h1.length <= title.length + 40) title = h1;

  let publisher = siteName ? cleanTitle(siteName) : null;
  if (!publisher && docTitle) {
    const parts = docTitle.split(/\s[|–—-]\s/);
    const last = parts.length > 1 ? parts[parts.length - 1]!.trim() : '';
    if (last && last.split(' ').length <= 4) publisher = last;
  }
  publisher ??= host;

  const lang =
    normalizeLang(doc.documentElement?.getAttribute('lang')) ??
    normalizeLang(doc.documentElement?.getAttribute('xml:lang')) ??
    normalizeLang(firstMeta(meta, ['og:locale', 'content-language', 'language', 'dc.language', 'inlanguage'])) ??
    normalizeLang(asString(article?.inLanguage)) ??
    normalizeLang(hints.lang) ??
    guessLang(hints.text ?? (root ? blockText(root) : (doc.body?.textContent ?? '')).slice(0, 5000));

  const dateOpts: DateOptions = { now, lang };
  const dates = readDates(doc, url, meta, article, root, dateOpts);
  let modifiedAt = dates.modified;
  if (modifiedAt && dates.published && dayOf(modifiedAt) < dayOf(dates.published)) modifiedAt = null;

  const authors = readAuthors(doc, meta, article, root, { siteName: publisher, host, byline: hints.byline });

  const section =
    firstMeta(meta, ['article:section', 'og:article:section', 'section', 'parsely-section', 'sailthru.section']) ??
    asString(article?.articleSection);
  const image =
    absoluteUrl(firstMeta(meta, ['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src']), url) ??
    absoluteUrl(imageOf(article?.image), url);
  const description =
    firstMeta(meta, ['og:description', 'description', 'twitter:description', 'dc.description']) ??
    asString(article?.description);

  return {
    title,
    canonicalUrl: readCanonical(doc, url, meta),
    publishedAt: dates.published,
    modifiedAt,
    authors,
    publisher,
    lang,
    section: section ? cleanTitle(section) : null,
    image,
    description: description ? cleanTitle(description) : null,
  };
}

