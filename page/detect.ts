/**
 * Cheap article detection, run before any extraction: structured signals first (JSON-LD type, OpenGraph,
 * article:published_time, microdata, a single `<article>`), listing and shop signals against them, and
 * Readability's isProbablyReaderable as the fallback. Reads the document only; never modifies it.
 */
import isProbablyReaderable from '@mozilla/readability/Readability-readerable.js';
import { ARTICLE_TYPES, NON_ARTICLE_TYPES, typesOf } from '../core/metadata/jsonld';
import { boilerplateContext, firstMeta, inBoilerplate, readJsonLd, readMetaMap } from './metadata';
import { bodyOf } from './text';

export interface Detection {
  isArticle: boolean;
  /** Short names of what was seen: "jsonld:NewsArticle", "og:article", "listing:teasers=24", "readerable"… */
  signals: string[];
}

const SEARCH_PATH = /\/(?:search|suche|recherche|buscar|busca|cerca|zoeken|find)(?:\/|$|\.)/i;
const SEARCH_PARAM = /^(?:q|query|s|search|searchterm|keyword|keywords|k|text|term)$/i;
const SHOP_PATH = /\/(?:shop|store|cart|basket|checkout|product|products|produkt|p)\/|\/dp\/[A-Z0-9]{8,}/i;

function urlSignals(url: string): string[] {
  const out: string[] = [];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return out;
  }
  const path = parsed.pathname.replace(/\/(?:index\.(?:html?|php|aspx?))?$/i, '');
  const query = [...parsed.searchParams.keys()].filter((k) => !/^utm_/i.test(k));
  if ((path === '' || /^\/[a-z]{2}(?:-[a-z]{2})?$/i.test(path)) && query.length === 0) out.push('url:root');
  if (SEARCH_PATH.test(parsed.pathname) || [...parsed.searchParams.keys()].some((k) => SEARCH_PARAM.test(k)))
    out.push('url:search');
  if (SHOP_PATH.test(parsed.pathname)) out.push('url:shop');
  // An article-like address: a slug of several words, a long number, or an id parameter.
  const last = path.split('/').filter(Boolean).pop() ?? '';
  if (/[a-z\d]+[-_][a-z\d]+[-_][a-z\d]+/i.test(last) || /\d{4,}/.test(path) || query.some((k) => /^(?:p|id|article|story|artikel)$/i.test(k)))
    out.push('url:article');
  return out;
}

const SKIP_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'A', 'BUTTON', 'SELECT', 'OPTION', 'HEAD']);

/** Text length, CJK characters counted three times (they carry a word each). */
function weight(text: string): number {
  const cjk = text.match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g)?.length ?? 0;
  return text.length + 2 * cjk;
}

/**
 * Counts what a page is made of: headline links, and paragraphs of running text outside boilerplate and
 * links (an element's own text of 100+ characters: <p>, but also divs and cells written with <br>).
 */
function layoutCounts(doc: Document): { headlineLinks: number; longParagraphs: number; articles: number } {
  const cache = boilerplateContext(doc);
  const headlineLinks = Array.from(
    doc.querySelectorAll('h2 a[href], h3 a[href], h4 a[href], a[href] h2, a[href] h3, a[href] h4'),
  ).filter((el) => !inBoilerplate(el, cache)).length;
  let longParagraphs = 0;
  const visit = (el: Element, depth: number): void => {
    if (longParagraphs >= 40 || depth > 60) return;
    let own = 0;
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) own += weight((child.nodeValue ?? '').trim());
      else if (child.nodeType === 1) {
        const tag = (child as Element).tagName.toUpperCase();
        if (SKIP_TEXT.has(tag)) continue;
        // Inline markup inside a paragraph counts as its text.
        if (/^(?:EM|STRONG|B|I|SPAN|Q|CITE|ABBR|SMALL|SUP|SUB|U|MARK|TIME)$/.test(tag) && !(child as Element).querySelector('p, div'))
          own += weight(((child as Element).textContent ?? '').trim());
        else visit(child as Element, depth + 1);
      }
    }
    if (own >= 100 && !inBoilerplate(el, cache)) longParagraphs++;
  };
  const body = bodyOf(doc);
  if (body) visit(body, 0);
  const articles = doc.querySelectorAll('article').length;
  return { headlineLinks, longParagraphs, articles };
}

/** Is this page one article? Cheap: no Readability parse, only selectors and a few text lengths. */
export function detectArticle(doc: Document, url: string): Detection {
  const signals: string[] = [];
  const meta = readMetaMap(doc);
  const types = readJsonLd(doc).flatMap(typesOf);

  const articleType = types.find((t) => ARTICLE_TYPES.has(t) && t !== 'VideoObject');
  const otherType = types.find((t) => NON_ARTICLE_TYPES.has(t));
  if (articleType) signals.push(`jsonld:${articleType}`);
  if (otherType) signals.push(`jsonld:${otherType}`);
  const ogType = firstMeta(meta, ['og:type'])?.toLowerCase() ?? null;
  if (ogType) signals.push(`og:${ogType}`);
  const published = firstMeta(meta, ['article:published_time', 'og:article:published_time', 'article:published']);
  if (published) signals.push('meta:published_time');
  const itemtype = Array.from(doc.querySelectorAll('[itemtype]')).some((el) =>
    /schema\.org\/(?:\w*Article|BlogPosting|LiveBlogPosting|Report)\b/i.test(el.getAttribute('itemtype') ?? ''),
  );
  if (itemtype) signals.push('microdata:article');
  const urlSigs = urlSignals(url);
  signals.push(...urlSigs);

  const shop = ogType === 'product' || ogType === 'og:product' || types.some((t) => /^(?:Product|ProductGroup|Offer|AggregateOffer)$/.test(t)) || urlSigs.includes('url:shop');
  const search = urlSigs.includes('url:search') || types.includes('SearchResultsPage');
  const strong = Boolean(articleType) || ogType === 'article' || Boolean(published) || itemtype;

  if (shop && !articleType) {
    signals.push('shop');
    return { isArticle: false, signals };
  }
  if (search && !articleType) {
    signals.push('search');
    return { isArticle: false, signals };
  }

  const { headlineLinks, longParagraphs, articles } = layoutCounts(doc);
  signals.push(`headlines=${headlineLinks}`, `paragraphs=${longParagraphs}`);
  if (articles === 1) signals.push('article-element');
  else if (articles > 1) signals.push(`article-elements=${articles}`);

  // A front page or section front: many headlines or many <article> teasers, little running text.
  const root = urlSigs.includes('url:root');
  const listing =
    root ||
    types.includes('CollectionPage') ||
    (types.includes('ItemList') && !articleType) ||
    ((headlineLinks >= 12 || (articles >= 4 && !strong)) && longParagraphs < Math.max(3, headlineLinks / 6));
  if (listing && !(strong && urlSigs.includes('url:article') && !root)) {
    signals.push('listing');
    // Strong markup and real running text still win (an article page with a big teaser block).
    const isArticle = strong && longParagraphs >= 3 && !root;
    return { isArticle, signals };
  }
  if (listing) signals.push('listing-overridden');
  if (strong) return { isArticle: true, signals };
  if (articles === 1 && longParagraphs >= 2) return { isArticle: true, signals };
  if (ogType === 'website' && longParagraphs < 3) return { isArticle: false, signals };
  if (isProbablyReaderable(doc)) {
    signals.push('readerable');
    return { isArticle: true, signals };
  }
  if (longParagraphs >= 3) {
    signals.push('paragraphs');
    return { isArticle: true, signals };
  }
  return { isArticle: false, signals };
}
