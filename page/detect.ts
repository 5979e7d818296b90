/**
 * Cheap article detection, run on the live page before anything else. It decides from `<head>` whenever it
 * can (JSON-LD types, og:type, article:published_time, microdata, the address) and only then looks at the
 * body, with bounded scans: at most MAX_PARAGRAPHS paragraphs and MAX_HEADLINES headline links are read, no
 * `querySelectorAll('*')`, no whole-body text, no Readability. Reads the document only; never modifies it.
 *
 * Order: a page type that is not an article (shop, search, listing, profile, forum, video, account, docs),
 * said by the markup or the address → not an article; the site's root → not an article; strong article
 * markup on an article-like address → article, without reading the body; otherwise the layout decides
 * (many headline links and little running text → listing; running text → article).
 */

import { MAX_JSONLD_CHARS } from '../core/html/lean';
import { ARTICLE_TYPES, parseJsonLd, typesOf } from '../core/metadata/jsonld';
import { bodyOf, withinAncestor } from './text';

export interface Detection {
  isArticle: boolean;
  /** Short names of what was seen: "jsonld:NewsArticle", "og:article", "listing", "paragraphs=12"… */
  signals: string[];
}

/** Bounds of the body scans. */
export const MAX_PARAGRAPHS = 300;
export const MAX_HEADLINES = 120;
/** Divs and cells read for their own text when a page has few paragraphs. */
const MAX_BLOCKS = 1500;
const MAX_JSONLD_SCRIPTS = 30;

/** schema.org types Backstory does not take as a news article: forum and social posts, docs, videos. */
const WEAK_ARTICLE_TYPES = new Set([
  'DiscussionForumPosting',
  'SocialMediaPosting',
  'TechArticle',
  'VideoObject',
]);

/** Page kinds that are not an article, by schema.org type. */
const TYPE_KIND: Record<string, string> = {
  Product: 'shop',
  ProductGroup: 'shop',
  Offer: 'shop',
  AggregateOffer: 'shop',
  Store: 'shop',
  OnlineStore: 'shop',
  SearchResultsPage: 'search',
  CollectionPage: 'listing',
  ItemList: 'listing',
  ProfilePage: 'profile',
  QAPage: 'forum',
  DiscussionForumPosting: 'forum',
  VideoObject: 'video',
  JobPosting: 'jobs',
  Recipe: 'recipe',
  PodcastEpisode: 'audio',
  PodcastSeries: 'audio',
  RadioEpisode: 'audio',
  AboutPage: 'about',
  ContactPage: 'about',
};

/** Page kinds by og:type. */
function ogKind(ogType: string): string | null {
  if (ogType === 'product' || ogType === 'og:product' || ogType.startsWith('product.')) return 'shop';
  if (ogType === 'profile') return 'profile';
  if (ogType.startsWith('video.')) return 'video';
  if (ogType.startsWith('music.') || ogType === 'book') return 'media';
  return null;
}

/*
 * Address words, looked up in sets rather than matched by large case-insensitive regular expressions: the
 * content script runs once per page, so compiling big patterns would cost more than using them.
 */
const words = (list: string) => new Set(list.split(' '));
const SEARCH_SEGMENTS = words('search suche recherche buscar busca cerca zoeken find');
const SEARCH_PARAMS = words('q query s search searchterm keyword keywords k text term');
const SHOP_SEGMENTS = words('shop store cart basket checkout product products produkt p');
const ARTICLE_PARAMS = words('p id article story artikel');
/** A path segment (last or next-to-last) that names a kind of page that is not an article. */
const KIND_SEGMENTS = new Map<string, string>();
for (const [kind, list] of [
  [
    'listing',
    'tag tags topic topics themen thema schlagwort schlagworte category categories kategorie rubrik archive archives',
  ],
  [
    'profile',
    'author authors autor autoren profile profil people staff contributor contributors journalist journalists user users',
  ],
  [
    'account',
    'login log-in signin sign-in register signup sign-up account my-account subscribe subscription abo paywall',
  ],
  ['landing', 'newsletter newsletters podcast podcasts'],
  ['forum', 'forum forums thread threads community discussion discussions board boards questions'],
  ['docs', 'docs documentation reference manual handbook api guide guides tutorial tutorials wiki'],
  ['video', 'watch video videos tv mediathek'],
] as const)
  for (const w of list.split(' ')) KIND_SEGMENTS.set(w, kind);
const DOCS_HOSTS = words('docs developer developers help support wiki');
/** The address signals that name a kind of page that is not an article. */
const URL_KIND = /^url:(?:listing|profile|account|landing|forum|docs|video|site)$/;
/**
 * The page's own name (the address's last segment) when it is a page about the site: legal notices, privacy and
 * cookie policies, terms, about, contact, jobs. Long running text, no news; only the last segment, so that a
 * story filed under a "jobs" or "legal" section is not taken for one.
 */
const SITE_PAGES = words(
  'about about-us aboutus who-we-are ueber-uns uber-uns wir-ueber-uns impressum imprint legal legal-notice ' +
    'privacy privacy-policy privacypolicy privacy-notice datenschutz datenschutzerklaerung terms terms-of-use ' +
    'terms-of-service terms-and-conditions terms-conditions tos agb nutzungsbedingungen cookie-policy cookies ' +
    'contact contact-us kontakt careers jobs karriere stellenangebote mentions-legales confidentialite ' +
    'politique-de-confidentialite aviso-legal privacidad politica-de-privacidad accessibility barrierefreiheit ' +
    'sitemap',
);

const isLetters = (s: string, min: number, max: number): boolean => {
  if (s.length < min || s.length > max) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return false;
  }
  return true;
};

/** Signals from the address alone: the site's root, search, shop, an article-like slug, a section, a page kind. */
/** Signals from the address alone: the site's root, search, shop, an article-like slug, a section, a page kind. */
export function urlSignals(url: string): string[] {
  const out: string[] = [];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return out;
  }
  const lower = parsed.pathname.toLowerCase();
  const all = lower.split('/').filter(Boolean);
  // "/index.html" and the like name the folder's page.
  const segments = /^index\.(?:html?|php|aspx?)$/.test(all[all.length - 1] ?? '') ? all.slice(0, -1) : all;
  // forEach, not the iterator: in a Firefox content script URLSearchParams is an Xray wrapper whose iterators
  // are not iterable from the script's own world.
  const keys: string[] = [];
  parsed.searchParams.forEach((_value, key) => {
    keys.push(key.toLowerCase());
  });
  const query = keys.filter((k) => !k.startsWith('utm_'));
  if (
    query.length === 0 &&
    (segments.length === 0 || (segments.length === 1 && /^[a-z]{2}(?:-[a-z]{2})?$/.test(segments[0]!)))
  )
    out.push('url:root');
  if (all.some((x) => SEARCH_SEGMENTS.has(x.replace(/\..*$/, ''))) || keys.some((k) => SEARCH_PARAMS.has(k)))
    out.push('url:search');
  // A shop word as a folder ("/shop/…", "/p/…"), not as the page's own name.
  const folders = lower.endsWith('/') ? all : all.slice(0, -1);
  if (folders.some((x) => SHOP_SEGMENTS.has(x)) || /\/dp\/[a-z0-9]{8,}/.test(lower)) out.push('url:shop');
  const last = segments[segments.length - 1] ?? '';
  // An article-like address: a slug of several words, a long number, or an id parameter.
  if (
    /[a-z\d]+[-_][a-z\d]+[-_][a-z\d]+/.test(last) ||
    /\d{4,}/.test(lower) ||
    /=\d{5,}(?:&|$)/.test(parsed.search) ||
    query.some((k) => ARTICLE_PARAMS.has(k))
  )
    out.push('url:article');
  // A section front's address: one or two short words ("/news/", "/business/markets").
  if (
    segments.length >= 1 &&
    segments.length <= 2 &&
    query.length === 0 &&
    segments.every((x) => isLetters(x, 2, 20))
  )
    out.push('url:section');
  for (const segment of segments.slice(-2)) {
    const kind = KIND_SEGMENTS.get(segment);
    if (kind) {
      out.push(`url:${kind}`);
      break;
    }
  }
  if (!out.some((x) => URL_KIND.test(x)) && SITE_PAGES.has(last.replace(/\.[a-z]+$/, '')))
    out.push('url:site');
  if (DOCS_HOSTS.has(parsed.hostname.split('.')[0]!.toLowerCase()) && !out.includes('url:docs'))
    out.push('url:docs');
  return out;
}

interface HeadSignals {
  ogType: string | null;
  published: boolean;
  /** The page is made by a wiki engine (`<meta name="generator" content="MediaWiki …">`). */
  wiki: boolean;
  types: string[];
  microArticle: boolean;
  microKind: string | null;
}

/** The head tags read, as selectors matched natively: one call each instead of a loop of attribute reads. */
const OG_TYPE = ['og:type'];
const PUBLISHED_KEYS = ['article:published_time', 'og:article:published_time', 'article:published'];
/** Meta tags and scripts looked at, at most (by tag name: one native walk each, no attribute selector). */
const MAX_META_TAGS = 1000;
const MAX_SCRIPTS = 2000;

/** Whether an attribute's value lists `key` among its space-separated words, in any case (CSS `~=` with `i`). */
function hasWord(value: string | null, keys: readonly string[]): boolean {
  if (!value) return false;
  const list = value.toLowerCase().split(/[\t\n\f\r ]+/);
  return keys.some((k) => list.includes(k));
}

/** A meta tag's value: `content`, or `value` where a page writes that instead. */
const metaValue = (meta: Element): string | undefined =>
  (meta.getAttribute('content') ?? meta.getAttribute('value'))?.trim() || undefined;

/**
 * Meta tags and JSON-LD types: the page's `<meta>` and `<script>` elements by tag name (a native walk that
 * matches no selector: on a page of 150,000 elements, three attribute-selector queries took 23 ms), no body walk.
 */
function readHead(doc: Document): Omit<HeadSignals, 'microArticle' | 'microKind'> {
  let ogType: string | null = null;
  let published = false;
  let wiki = false;
  const metas = doc.getElementsByTagName('meta');
  for (let i = 0, n = Math.min(metas.length, MAX_META_TAGS); i < n; i++) {
    const meta = metas[i]!;
    const property = meta.getAttribute('property');
    const name = meta.getAttribute('name');
    if (ogType === null && (hasWord(property, OG_TYPE) || hasWord(name, OG_TYPE))) {
      ogType = metaValue(meta)?.toLowerCase() ?? null;
    }
    if (
      !published &&
      (hasWord(property, PUBLISHED_KEYS) ||
        hasWord(name, PUBLISHED_KEYS) ||
        hasWord(meta.getAttribute('itemprop'), PUBLISHED_KEYS))
    ) {
      published = !!metaValue(meta);
    }
    if (name?.toLowerCase() === 'generator' && /^(?:mediawiki|dokuwiki)\b/i.test(metaValue(meta) ?? ''))
      wiki = true;
  }
  const texts: string[] = [];
  const scripts = doc.getElementsByTagName('script');
  for (
    let i = 0, n = Math.min(scripts.length, MAX_SCRIPTS);
    i < n && texts.length < MAX_JSONLD_SCRIPTS;
    i++
  ) {
    const script = scripts[i]!;
    if (script.getAttribute('type')?.toLowerCase() !== 'application/ld+json') continue;
    const text = script.textContent ?? '';
    if (text.length <= MAX_JSONLD_CHARS && text.trim() && !texts.includes(text)) texts.push(text);
  }
  const types = texts.length ? parseJsonLd(texts).flatMap(typesOf) : [];
  return { ogType, published, wiki, types };
}

/** Microdata item types (read only when meta tags and JSON-LD did not settle it: a whole-document query). */
function readMicrodata(doc: Document): Pick<HeadSignals, 'microArticle' | 'microKind'> {
  let microArticle = false;
  let microKind: string | null = null;
  const items = doc.querySelectorAll('[itemtype]');
  for (let i = 0, n = Math.min(items.length, 50); i < n; i++) {
    const itemtype = items[i]!.getAttribute('itemtype') ?? '';
    if (!itemtype.includes('schema.org')) continue;
    if (/schema\.org\/(?:\w*NewsArticle|Article|BlogPosting|LiveBlogPosting|Report)\b/i.test(itemtype))
      microArticle = true;
    else if (!microKind) {
      const type = /schema\.org\/(\w+)/i.exec(itemtype)?.[1];
      if (type && TYPE_KIND[type]) microKind = TYPE_KIND[type]!;
    }
  }
  return { microArticle, microKind };
}

const BOILERPLATE_TAGS = new Set(['NAV', 'ASIDE', 'FOOTER', 'MENU', 'DIALOG', 'NOSCRIPT']);
/** Class and id words of navigation, sidebars, comments, promos… (whole words between spaces, "-" and "_"). */
const BOILERPLATE_WORDS = words(
  'comment comments kommentar kommentare sidebar rail related recommend recommended recommendations teaser ' +
    'teasers footer popular mostread trending outbrain taboola share sharing social newsletter promo advert ads ' +
    'breadcrumb breadcrumbs menu navigation navbar nav cookie consent subscribe',
);
const BOILERPLATE_PAIRS = words(
  'side-bar most-read paywall-offer more-stories read-more also-read further-reading',
);

function boilerplateName(name: string): boolean {
  const tokens = name.toLowerCase().split(/[\s_-]+/);
  for (let i = 0; i < tokens.length; i++) {
    if (BOILERPLATE_WORDS.has(tokens[i]!)) return true;
    if (i + 1 < tokens.length && BOILERPLATE_PAIRS.has(`${tokens[i]}-${tokens[i + 1]}`)) return true;
  }
  return false;
}
const BOILERPLATE_ROLE = /^(?:navigation|complementary|contentinfo|menu|menubar|dialog)$/i;

/** A wrapper that holds much of the page ("page-with-sidebar", an ASP.NET page-wide <form>) is not boilerplate. */
function isWrapper(node: Element): boolean {
  return node.getElementsByTagName('p').length >= 8 || (node.textContent?.length ?? 0) >= 3000;
}

/**
 * True when the element sits in navigation, a sidebar, comments, a footer, the page header or a promo block.
 * Memoised over ancestors.
 */
function inBoilerplate(el: Element, cache: Map<Element, boolean>): boolean {
  return withinAncestor(el, boilerplateNode, cache);
}

function boilerplateNode(node: Element, tag: string): boolean | 'stop' {
  if (tag === 'ARTICLE' || tag === 'MAIN') return 'stop';
  if (BOILERPLATE_TAGS.has(tag)) return true;
  const role = node.getAttribute('role');
  if (role && BOILERPLATE_ROLE.test(role)) return true;
  if (tag === 'FORM' || tag === 'HEADER') {
    // A page header holds the menu (an article's own header its title); a form its fields.
    return !isWrapper(node) && !(tag === 'HEADER' && node.closest('article, main'));
  }
  const cls = node.getAttribute('class');
  const id = node.getAttribute('id');
  return !!(cls || id) && boilerplateName(`${cls ?? ''} ${id ?? ''}`) && !isWrapper(node);
}

const UNLIKELY =
  /-ad-|banner|breadcrumbs|combx|comment|community|disqus|extra|footer|gdpr|header|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|pagination|pager|popup/i;
const MAYBE = /and|article|body|column|content|main|shadow/i;
const INLINE = /^(?:EM|STRONG|B|I|SPAN|Q|CITE|ABBR|SMALL|U|MARK|TIME|FONT|A)$/i;
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g;

/** Text length, CJK characters counted three times (they carry a word each). */
function weight(text: string): number {
  if (text.length < 34 || text.length >= 100) return text.length;
  return text.length + 2 * (text.match(CJK)?.length ?? 0);
}

export interface Layout {
  /** Headline links (`h2 a`, `a h3`…) outside navigation and sidebars, counted up to MAX_HEADLINES. */
  headlines: number;
  /** Paragraphs of 100+ characters outside boilerplate (up to 40). */
  paragraphs: number;
  /** Readability's isProbablyReaderable score over the same paragraphs (sum of √(length − 140)). */
  score: number;
  articles: number;
}

/** What the body is made of, read with bounded scans. */
export function readLayout(doc: Document): Layout {
  const body = bodyOf(doc);
  if (!body) return { headlines: 0, paragraphs: 0, score: 0, articles: 0 };
  const cache = new Map<Element, boolean>();
  const links = body.querySelectorAll(
    'h2 a[href], h3 a[href], h4 a[href], a[href] h2, a[href] h3, a[href] h4',
  );
  let headlines = 0;
  for (let i = 0, n = Math.min(links.length, MAX_HEADLINES); i < n; i++)
    if (!inBoilerplate(links[i]!, cache)) headlines++;

  let paragraphs = 0;
  let score = 0;
  const count = (el: Element, length: number): void => {
    if (length < 100) return;
    // isProbablyReaderable's score: any visible-looking block of 140+ characters not named like boilerplate.
    if (length > 140 && score <= 20) {
      const match = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
      if (!UNLIKELY.test(match) || MAYBE.test(match)) score += Math.sqrt(length - 140);
    }
    if (!inBoilerplate(el, cache)) paragraphs++;
  };
  // The article's own element first when there is one (long menus of <p> come before it on some sites).
  const articleEls = body.getElementsByTagName('article');
  const scope = (articleEls.length === 1 ? articleEls[0] : null) ?? body.querySelector('main, [role="main"]');
  for (const root of scope ? [scope, body] : [body]) {
    if (root === body && scope && paragraphs >= 3) break;
    const ps = root.getElementsByTagName('p');
    for (let i = 0, n = Math.min(ps.length, MAX_PARAGRAPHS); i < n && paragraphs < 40; i++) {
      const p = ps[i]!;
      if (root === body && scope?.contains(p)) continue;
      count(p, weight((p.textContent ?? '').trim()));
    }
  }
  if (paragraphs < 3) {
    // Pages written with <br> in divs or cells, or with text straight in divs: the element's own text.
    const seen = new Set<Element>();
    const own = (el: Element): void => {
      if (seen.has(el)) return;
      seen.add(el);
      let text = '';
      for (let c = el.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 3) text += c.nodeValue ?? '';
        else if (c.nodeType === 1 && INLINE.test((c as Element).tagName))
          text += (c as Element).textContent ?? '';
        if (text.length > 2000) break;
      }
      if (text.length >= 34) count(el, weight(text.replace(/\s+/g, ' ').trim()));
    };
    const brs = body.querySelectorAll('div > br, td > br');
    for (let i = 0, n = Math.min(brs.length, MAX_PARAGRAPHS); i < n && paragraphs < 40; i++) {
      const parent = brs[i]!.parentElement;
      if (parent) own(parent);
    }
    if (paragraphs < 3 && headlines < 12) {
      const blocks = body.querySelectorAll('div, td');
      for (let i = 0, n = Math.min(blocks.length, MAX_BLOCKS); i < n && paragraphs < 40; i++) own(blocks[i]!);
    }
  }
  return { headlines, paragraphs, score, articles: articleEls.length };
}

/** Is this page one article? Cheap: head first, bounded body scans only when the head does not settle it. */
export function detectArticle(doc: Document, url: string): Detection {
  const urlSigs = urlSignals(url);
  // The site's front page: decided by the address alone, before touching the document.
  if (urlSigs.includes('url:root')) return { isArticle: false, signals: [...urlSigs, 'listing'] };
  const signals: string[] = [];
  const { ogType, types, published, wiki } = readHead(doc);
  // An encyclopedia or wiki entry: its markup says Article (Wikipedia's JSON-LD does), but it is not news.
  if (wiki) return { isArticle: false, signals: [...urlSigs, 'generator:wiki', 'page:wiki'] };
  const articleType = types.find((t) => ARTICLE_TYPES.has(t) && !WEAK_ARTICLE_TYPES.has(t));
  if (articleType) signals.push(`jsonld:${articleType}`);
  let kind: string | null = null;
  for (const t of types) {
    const k = TYPE_KIND[t];
    if (!k) continue;
    signals.push(`jsonld:${t}`);
    // A listing of articles names them; a video page is only one when nothing says article.
    if (!kind && !(k === 'listing' && t === 'ItemList' && articleType)) kind = k;
  }
  if (ogType) signals.push(`og:${ogType}`);
  if (published) signals.push('meta:published_time');
  // Microdata matters only when meta tags and JSON-LD said nothing strong.
  const strongHead = Boolean(articleType) || ogType === 'article' || published;
  const micro = strongHead ? { microArticle: false, microKind: null } : readMicrodata(doc);
  if (micro.microArticle) signals.push('microdata:article');
  if (micro.microKind) signals.push(`microdata:${micro.microKind}`);
  const strong = strongHead || micro.microArticle;
  // Microdata item lists and products also sit inside article pages (galleries, shopping boxes).
  kind ??= (ogType && ogKind(ogType)) || (strong ? null : micro.microKind);
  signals.push(...urlSigs);
  const articleUrl = urlSigs.includes('url:article');

  // Shop and search pages, by markup or address, unless JSON-LD says article.
  if (!articleType && (kind === 'shop' || urlSigs.includes('url:shop'))) {
    signals.push('shop');
    return { isArticle: false, signals };
  }
  if (!articleType && (kind === 'search' || urlSigs.includes('url:search'))) {
    signals.push('search');
    return { isArticle: false, signals };
  }
  // Another kind of page said by the markup (profile, forum, video, listing…).
  if (kind && !articleType && !(kind === 'video' && strong)) {
    signals.push(kind === 'listing' ? 'listing' : `page:${kind}`);
    return { isArticle: false, signals };
  }
  // …or by the address (/tag/…, /author/…, /login, /newsletters, /forum/…, docs.…), unless the markup and
  // the address both say article.
  const urlKind = urlSigs.find((s) => URL_KIND.test(s));
  // A page about the site (privacy, terms, about…) under article-like markup: CMSs give every page og:type article.
  const overridden =
    articleType ||
    (urlKind !== 'url:site' && strong && articleUrl) ||
    (urlKind === 'url:landing' && articleUrl);
  if (urlKind && !overridden) {
    signals.push(`page:${urlKind.slice(4)}`);
    return { isArticle: false, signals };
  }
  // Strong markup on an article-like address: decided without reading the body.
  if (strong && articleUrl) return { isArticle: true, signals };

  const layout = readLayout(doc);
  const { headlines, paragraphs, articles } = layout;
  signals.push(`headlines=${headlines}`, `paragraphs=${paragraphs}`);
  if (articles === 1) signals.push('article-element');
  else if (articles > 1) signals.push(`article-elements=${articles}`);
  // A front page or section front: many headlines or many <article> teasers, little running text.
  const section = urlSigs.includes('url:section') && !strong;
  const listing =
    (headlines >= 12 || (articles >= 4 && !strong) || (section && headlines >= 3)) &&
    paragraphs < Math.max(3, headlines / 6);
  if (listing) {
    // On an article-like address (a comment thread, a gallery) the page's own title and date are still read.
    signals.push(articleUrl ? 'listing:article-url' : 'listing');
    // Strong markup and real running text still win (an article page with a big teaser block).
    return { isArticle: strong && paragraphs >= 3, signals };
  }
  if (strong) return { isArticle: true, signals };
  if (articles === 1 && paragraphs >= 2) return { isArticle: true, signals };
  if (ogType === 'website' && paragraphs < 3) return { isArticle: false, signals };
  if (layout.score > 20) {
    signals.push('readerable');
    return { isArticle: true, signals };
  }
  if (paragraphs >= 3) {
    signals.push('paragraphs');
    return { isArticle: true, signals };
  }
  return { isArticle: false, signals };
}
