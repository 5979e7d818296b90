/**
 * Pages that hold more than one article, or only part of one: infinite-scroll streams (several `<article>`
 * elements with their own URLs), live blogs (timed updates), paywalled articles (visible part only). Each
 * reader takes the document (the background's clone, never the live page) and returns what it found; the
 * caller (read-page) applies it. Bounded: at most a few hundred elements are looked at.
 */

import { parseDateValue } from '../core/metadata/dates';
import { findArticleNode, type JsonLdNode, typesOf } from '../core/metadata/jsonld';
import { absoluteUrl, cleanUrl, urlKey } from '../core/metadata/url';
import type { LiveUpdate, Teaser } from '../core/model';
import { blockText, bodyOf, inlineText } from './text';

// ---------------------------------------------------------------------------------------------------------
// Infinite scroll

/** Attributes that carry a streamed article's own address. */
const URL_ATTRS = [
  'data-url',
  'data-canonical',
  'data-canonical-url',
  'data-article-url',
  'data-href',
  'data-permalink',
  'data-share-url',
];

/** The address an `<article>` of a stream says it has, absolute; null when it names none. */
function ownUrl(article: Element, base: string): string | null {
  for (const attr of URL_ATTRS) {
    const abs = absoluteUrl(article.getAttribute(attr), base);
    if (abs) return cleanUrl(abs);
  }
  const meta = article.querySelector(
    'link[rel~="canonical"], meta[itemprop="url"], meta[itemprop="mainEntityOfPage"]',
  );
  const fromMeta = absoluteUrl(meta?.getAttribute('href') ?? meta?.getAttribute('content'), base);
  if (fromMeta) return cleanUrl(fromMeta);
  const headingLink = article.querySelector('h1 a[href], h2 a[href], a[rel~="bookmark"][href]');
  const fromLink = absoluteUrl(headingLink?.getAttribute('href'), base);
  return fromLink ? cleanUrl(fromLink) : null;
}

function paragraphCount(el: Element): number {
  let n = 0;
  const ps = el.getElementsByTagName('p');
  for (let i = 0; i < ps.length && i < 60; i++) if ((ps[i]!.textContent ?? '').trim().length >= 60) n++;
  return n;
}

export interface Stream {
  /** The first (main) article of the stream: the one the reading takes. */
  main: Element;
  /** The other articles, as teasers with their own addresses. */
  others: { element: Element; teaser: Teaser }[];
}

/**
 * An infinite-scroll page: two or more sibling `<article>` elements, each with its own heading, its own
 * address and running text of its own. The main one is the article at the page's address (else the first);
 * the others become teasers. Null on any other page (related-story cards have no running text).
 */
export function findStream(doc: Document, url: string): Stream | null {
  const body = bodyOf(doc);
  if (!body) return null;
  const all = body.getElementsByTagName('article');
  if (all.length < 2 || all.length > 60) return null;
  const full: { element: Element; url: string | null; title: string }[] = [];
  for (let i = 0; i < all.length; i++) {
    const el = all[i]!;
    // Nested articles (comments, embedded cards) are not stream items.
    if (el.parentElement?.closest('article')) continue;
    const heading = el.querySelector('h1, h2');
    if (!heading || paragraphCount(el) < 2) continue;
    full.push({ element: el, url: ownUrl(el, url), title: inlineText(heading).replace(/\s+/g, ' ').trim() });
  }
  if (full.length < 2) return null;
  const parent = full[0]!.element.parentElement;
  const siblings = full.filter((f) => f.element.parentElement === parent);
  // Every item but possibly the first must name its own address, and the addresses must differ.
  const others = siblings.slice(1);
  if (siblings.length < 2 || others.some((f) => !f.url)) return null;
  const keys = new Set(siblings.map((f) => (f.url ? urlKey(f.url) : '')));
  if (keys.size < siblings.length) return null;
  const pageKey = urlKey(url);
  const main = siblings.find((f) => f.url && urlKey(f.url) === pageKey) ?? siblings[0]!;
  return {
    main: main.element,
    others: siblings
      .filter((f) => f !== main && f.url && f.title.length >= 10)
      .map((f) => {
        const teaser: Teaser = { title: f.title, url: f.url! };
        const time = f.element.querySelector('time[datetime]')?.getAttribute('datetime');
        const value = time ? parseDateValue(time) : null;
        if (value) teaser.time = value;
        const img = f.element.querySelector('img');
        const src = absoluteUrl(img?.getAttribute('src'), url);
        if (src) teaser.image = src;
        return { element: f.element, teaser };
      }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Live blogs

const LIVE_CLASS = /(?:^|[\s_-])(?:live-?blog|live-?update|live-?post|liveticker|ticker-entry|live-entry)/i;

/** True when the page says it is a live blog (JSON-LD or microdata LiveBlogPosting, or live-blog markup). */
export function isLiveBlog(doc: Document, nodes: JsonLdNode[]): boolean {
  if (nodes.some((n) => typesOf(n).includes('LiveBlogPosting'))) return true;
  if (doc.querySelector('[itemtype*="LiveBlogPosting"]')) return true;
  const candidates = doc.querySelectorAll('[class*="live" i]');
  for (let i = 0; i < candidates.length && i < 200; i++)
    if (LIVE_CLASS.test(candidates[i]!.getAttribute('class') ?? '')) return true;
  return false;
}

/** The highest ancestor of `time` (below `limit`) that holds no other dated element: the update's card. */
function cardOf(time: Element, limit: Element): Element | null {
  let card: Element | null = null;
  for (let node = time.parentElement; node && node !== limit; node = node.parentElement) {
    if (node.querySelectorAll('time[datetime]').length > 1) break;
    card = node;
  }
  return card;
}

/**
 * The updates of a live blog, oldest first, each with its time (ISO as written) and its text (headline and
 * paragraphs, the time line left out). From the page's update cards — the largest group of sibling elements
 * that each hold one `<time datetime>` — else from the JSON-LD `liveBlogUpdate` list.
 */
export function readLiveUpdates(doc: Document, nodes: JsonLdNode[], root?: Element | null): LiveUpdate[] {
  const scope = root ?? bodyOf(doc);
  const updates: LiveUpdate[] = [];
  if (scope) {
    const times = scope.querySelectorAll('time[datetime]');
    const groups = new Map<Element, { card: Element; time: Element }[]>();
    for (let i = 0; i < times.length && i < 400; i++) {
      const card = cardOf(times[i]!, scope);
      if (!card?.parentElement) continue;
      const list = groups.get(card.parentElement) ?? [];
      if (!list.some((x) => x.card === card)) list.push({ card, time: times[i]! });
      groups.set(card.parentElement, list);
    }
    let best: { card: Element; time: Element }[] = [];
    for (const list of groups.values()) if (list.length > best.length) best = list;
    if (best.length >= 2) {
      for (const { card, time } of best) {
        const value = time.getAttribute('datetime') ?? '';
        const text = blockText(card, (el) => el === time);
        if (text.length < 20) continue;
        updates.push({ time: parseDateValue(value) ?? value.trim(), text });
      }
    }
  }
  if (updates.length < 2) {
    updates.length = 0;
    for (const node of nodes) {
      const list = node.liveBlogUpdate;
      for (const item of Array.isArray(list) ? list : list ? [list] : []) {
        if (!item || typeof item !== 'object') continue;
        const u = item as JsonLdNode;
        const time = typeof u.datePublished === 'string' ? u.datePublished : null;
        const text = [u.headline, u.articleBody]
          .filter((x): x is string => typeof x === 'string' && x.trim() !== '')
          .join('\n');
        if (time && text) updates.push({ time: parseDateValue(time) ?? time, text });
      }
    }
  }
  // Oldest first; a time that does not parse keeps its place.
  return updates
    .map((u, i) => ({ u, i, t: Date.parse(u.time) }))
    .sort((a, b) => (Number.isNaN(a.t) || Number.isNaN(b.t) ? a.i - b.i : a.t - b.t))
    .map(({ u }) => u);
}

// ---------------------------------------------------------------------------------------------------------
// Paywalls

const PAYWALL_CLASS =
  /(?:^|[\s_-])(?:paywall|paywalled|regwall|metered-?content|premium-?content|subscriber-?only|subscribers-?only|locked-?content|article--locked|content-?locked|piano-?(?:offer|paywall|inline)|tp-(?:modal|container-inner)|plus-?paywall|abo-?paywall|pay-?barrier|subscription-?wall|c-paywall|js-paywall)(?:$|[\s_-])/i;
const PROMPT_TEXT =
  /\b(?:subscribe (?:now |today )?to (?:continue|keep) reading|to (?:continue|keep) reading,? (?:please )?(?:subscribe|sign in|log in|register)|this (?:article|story|content) is (?:only )?(?:for|available to) (?:subscribers|members)|already a (?:subscriber|member)\?|subscribers only|exclusive to subscribers|unlock (?:this|the full) (?:article|story)|jetzt (?:weiterlesen|abonnieren|freischalten)|weiterlesen mit|exklusiv für abonnenten|réservé aux abonnés|il vous reste \d+% de cet article|contenido exclusivo para suscriptores|solo para suscriptores|riservato agli abbonati|conteúdo exclusivo para assinantes)/i;

function hiddenEl(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = (el.getAttribute('style') ?? '').replace(/\s+/g, '').toLowerCase();
  return style.includes('display:none') || style.includes('visibility:hidden');
}

function isFalse(v: unknown): boolean {
  return v === false || (typeof v === 'string' && v.trim().toLowerCase() === 'false');
}

export interface Paywall {
  /** What was seen: "jsonld:isAccessibleForFree", "meta:content_tier", "class", "prompt", "locked-part". */
  markers: string[];
  /** True when the page shows only part of the article (a prompt, or the locked part absent or hidden). */
  partial: boolean;
  /** Elements to leave out of the text: subscribe prompts and hidden locked parts. */
  remove: Element[];
}

/** Paywall markers of the page and whether only the visible part of the article is there. */
export function readPaywall(doc: Document, nodes: JsonLdNode[]): Paywall {
  const markers: string[] = [];
  const remove: Element[] = [];
  const article = findArticleNode(nodes);
  const selectors: string[] = [];
  if (article) {
    if (isFalse(article.isAccessibleForFree)) markers.push('jsonld:isAccessibleForFree');
    const parts = Array.isArray(article.hasPart) ? article.hasPart : article.hasPart ? [article.hasPart] : [];
    for (const part of parts) {
      if (!part || typeof part !== 'object') continue;
      const p = part as JsonLdNode;
      if (isFalse(p.isAccessibleForFree) && typeof p.cssSelector === 'string') selectors.push(p.cssSelector);
    }
  }
  const tier = doc
    .querySelector('meta[property="article:content_tier"], meta[name="article:content_tier"]')
    ?.getAttribute('content');
  if (tier && /^(?:locked|metered)$/i.test(tier.trim())) markers.push('meta:content_tier');

  // The locked part: absent, empty or hidden means the reader sees only what comes before it.
  let lockedMissing = false;
  for (const selector of selectors) {
    let found: Element[] = [];
    try {
      found = Array.from(doc.querySelectorAll(selector));
    } catch {
      continue;
    }
    const visible = found.filter((el) => !hiddenEl(el) && (el.textContent ?? '').trim().length > 200);
    if (visible.length === 0) lockedMissing = true;
    for (const el of found) if (hiddenEl(el)) remove.push(el);
  }
  if (selectors.length) markers.push('jsonld:hasPart');

  // Subscribe prompts: a paywall-named block, or a short block whose text asks the reader to subscribe.
  let prompt = false;
  const body = bodyOf(doc);
  const named = body
    ? body.querySelectorAll(
        '[class*="paywall" i], [class*="regwall" i], [class*="subscri" i], [class*="premium" i], [class*="locked" i], [class*="piano" i], [class*="tp-" i], [id*="paywall" i]',
      )
    : [];
  for (let i = 0; i < named.length && i < 100; i++) {
    const el = named[i]!;
    const cls = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (PAYWALL_CLASS.test(cls) && !markers.includes('class')) markers.push('class');
    if (text.length < 600 && PROMPT_TEXT.test(text)) {
      prompt = true;
      if (!remove.some((r) => r.contains(el) || el.contains(r))) remove.push(el);
    }
  }
  if (prompt) markers.push('prompt');
  if (lockedMissing) markers.push('locked-part');
  const partial = markers.length > 0 && (prompt || lockedMissing);
  return { markers, partial, remove };
}
