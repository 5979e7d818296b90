/**
 * Teasers: the headline links a page shows to other articles (sidebars, "latest news", related stories,
 * front-page cards). Navigation menus, tags, share and login links, pagination, footers and inline links in
 * the article's own paragraphs are left out. Reads the document only.
 */

import { parseDateValue } from '../core/metadata/dates';
import { absoluteUrl, cleanUrl, urlKey } from '../core/metadata/url';
import type { Teaser } from '../core/model';
import { classAndId } from './metadata';
import { inlineText, withinAncestor } from './text';

/** At most this many teasers per page. */
export const MAX_TEASERS = 100;

const MENU_TAGS = new Set(['NAV', 'FOOTER', 'MENU', 'FORM', 'BUTTON', 'SELECT', 'LABEL', 'DIALOG']);
const MENU_CLASS =
  /(?:^|[\s_-])(?:nav|navbar|navigation|menu|menus|submenu|megamenu|breadcrumbs?|footer|site-footer|tags?|tag-list|taglist|keywords|topics-list|share|sharing|social|socials|login|signin|sign-in|account|user|pagination|pager|paging|skip|skip-link|cookie|consent|newsletter|subscribe|masthead|toolbar|utility|legal|copyright|lang|language-switch)(?:$|[\s_-])/i;
const NON_ARTICLE_PATH =
  /\/(?:tags?|topics?|themen|category|categories|kategorie|author|authors|autor|profile|user|users|login|signin|sign-in|register|signup|subscribe|abo|account|search|suche|newsletter|contact|kontakt|about|impressum|imprint|privacy|datenschutz|terms|agb|legal|cookies?|feed|rss|shop|cart|page|seite)(?:\/|$)/i;
const NON_ARTICLE_TEXT =
  /^(?:home|start|startseite|more|mehr|weiter|next|previous|prev|zurück|back|read more|weiterlesen|continue reading|load more|show more|see all|view all|alle anzeigen|login|log in|sign in|sign up|register|subscribe|abonnieren|share|teilen|tweet|e-?mail|print|drucken|comments?|kommentare|menu|menü|search|suche|\d+)$/i;

function selfMenu(node: Element): boolean {
  const tag = node.tagName.toUpperCase();
  if (MENU_TAGS.has(tag)) return true;
  if (tag === 'HEADER' && !node.closest('article, main')) return true;
  const role = node.getAttribute('role');
  if (role && /^(?:navigation|menu|menubar|contentinfo|banner|tablist|search)$/i.test(role)) return true;
  if (tag === 'ARTICLE' || tag === 'MAIN') return false;
  return MENU_CLASS.test(classAndId(node));
}

/** True when the element sits in a menu, header, footer, tag list, share bar… (memoised over ancestors). */
function inMenu(el: Element, cache: Map<Element, boolean>): boolean {
  return withinAncestor(el, selfMenu, cache);
}

function headingText(a: Element): string | null {
  const h = a.querySelector('h1, h2, h3, h4, h5, h6, [class*="title" i], [class*="headline" i]');
  if (h) {
    const text = inlineText(h);
    if (text) return text;
  }
  return null;
}

/** Inline link inside running text: its paragraph says much more than the link. */
function isInlineLink(a: Element, text: string): boolean {
  const p = a.closest('p');
  if (!p) return false;
  const pText = inlineText(p);
  return pText.length > text.length * 1.6 + 20;
}

function looksLikeArticleUrl(href: string, pageHost: string): boolean {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (NON_ARTICLE_PATH.test(url.pathname)) return false;
  const path = url.pathname.replace(/\/+$/, '');
  if (!path) return false;
  // Same-site single short segments ("/world", "/politics") are sections.
  const segments = path.split('/').filter(Boolean);
  const last = segments[segments.length - 1] ?? '';
  if (
    url.hostname === pageHost &&
    segments.length === 1 &&
    !/[-_]/.test(last) &&
    !/\d{3,}/.test(last) &&
    last.length < 25
  )
    return false;
  if (/\.(?:jpe?g|png|gif|webp|svg|pdf|zip|mp3|mp4|xml|rss)$/i.test(path)) return false;
  return true;
}

/** Number of links under each element, up to four levels above every link (counted once per page). */
type LinkCounts = Map<Element, number>;

function countLinks(links: Element[]): LinkCounts {
  const counts: LinkCounts = new Map();
  for (const a of links) {
    let node = a.parentElement;
    for (let i = 0; i < 4 && node; i++) {
      counts.set(node, (counts.get(node) ?? 0) + 1);
      node = node.parentElement;
    }
  }
  return counts;
}

/** True when the element is one teaser's card: a few links at most and a single headline. */
function oneCard(el: Element, counts: LinkCounts): boolean {
  return (counts.get(el) ?? 0) <= 3 && el.querySelectorAll('h1, h2, h3, h4, h5, h6').length <= 1;
}

/** A short element that shows a date ("June 29, 2025", "30.06.2025, 14:10", "2 hours ago" is not one). */
const DATE_CLASS =
  /(?:^|[\s_-])(?:date|dates|time|timestamp|published|pubdate|datum|dateline|meta|card-date|post-date|entry-date)(?:$|[\s_-])/i;

function dateLine(el: Element): string | undefined {
  const text = inlineText(el);
  if (text.length < 6 || text.length > 60 || !/\d/.test(text)) return undefined;
  return parseDateValue(text) ?? undefined;
}

/**
 * The time shown with a teaser: a `<time>` in the link's card (its machine-readable datetime when given), else
 * a short date line next to the link (an element named "date", "time", "meta"… whose text is a date).
 */
function findTime(a: Element, counts: LinkCounts): string | undefined {
  const containers: Element[] = [];
  let node: Element | null = a;
  for (let i = 0; i < 3 && node; i++) {
    containers.push(node);
    node = node.parentElement;
  }
  for (const c of containers) {
    // Stop once the container holds other headline links (a list, not a card).
    if (c !== a && !oneCard(c, counts)) break;
    const time = c.tagName.toUpperCase() === 'TIME' ? c : c.querySelector('time');
    if (time) {
      const value = time.getAttribute('datetime') ?? inlineText(time);
      if (value) return parseDateValue(value) ?? value.trim();
    }
    if (c === a) continue;
    // A date line: an element of the card, outside the link, named like one or made only of a date.
    for (const el of Array.from(c.querySelectorAll('span, div, p, small, li'))) {
      if (el.contains(a) || a.contains(el) || el.children.length > 2) continue;
      if (!DATE_CLASS.test(el.getAttribute('class') ?? '') && inlineText(el).length > 30) continue;
      const value = dateLine(el);
      if (value) return value;
    }
  }
  return undefined;
}

/** The first URL of a srcset ("a.jpg 800w, b.jpg 400w" → "a.jpg"). */
function firstOfSrcset(srcset: string | null): string | null {
  return (
    srcset
      ?.trim()
      .split(/\s*,\s*/)[0]
      ?.split(/\s+/)[0] || null
  );
}

/** The address an image shows: src, else its lazy-loading attributes, else its srcset (never data: or javascript:). */
function imageSource(img: Element, base: string): string | null {
  const candidates = [
    img.getAttribute('src'),
    img.getAttribute('data-src'),
    img.getAttribute('data-lazy-src'),
    img.getAttribute('data-original'),
    img.getAttribute('data-lazy'),
    firstOfSrcset(img.getAttribute('srcset')),
    firstOfSrcset(img.getAttribute('data-srcset')),
  ];
  // A <picture>'s sources when the <img> itself names nothing usable.
  const picture = img.parentElement?.tagName.toUpperCase() === 'PICTURE' ? img.parentElement : null;
  if (picture)
    for (const source of Array.from(picture.querySelectorAll('source')))
      candidates.push(firstOfSrcset(source.getAttribute('srcset')));
  for (const candidate of candidates) {
    const abs = absoluteUrl(candidate, base);
    if (abs) return abs;
  }
  return null;
}

function findImage(a: Element, base: string, counts: LinkCounts): string | undefined {
  // The link, then up to three ancestors while they hold this one card (at most three links).
  const containers: Element[] = [a];
  let node = a.parentElement;
  for (let i = 0; i < 3 && node && oneCard(node, counts); i++) {
    containers.push(node);
    node = node.parentElement;
  }
  for (const c of containers) {
    for (const img of Array.from(c.querySelectorAll('img, amp-img'))) {
      const src = imageSource(img, base);
      if (src) return src;
    }
  }
  return undefined;
}

/**
 * Headline links to other articles: title (link text or its heading), absolute http(s) URL, and the time or
 * image shown next to it. `exclude` is an element whose links are never teasers (the article body).
 */
export function findTeasers(doc: Document, url: string, exclude?: Element | null): Teaser[] {
  const pageKey = urlKey(url);
  const canonical = doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href');
  const canonicalKey = canonical ? urlKey(absoluteUrl(canonical, url) ?? canonical) : null;
  let pageHost = '';
  try {
    pageHost = new URL(url).hostname;
  } catch {
    // keep empty
  }
  const seen = new Set<string>();
  const menuCache = new Map<Element, boolean>();
  const teasers: Teaser[] = [];
  const links = Array.from(doc.querySelectorAll('a[href]'));
  const counts = countLinks(links);
  for (const a of links) {
    if (teasers.length >= MAX_TEASERS) break;
    const rawText = a.textContent ?? '';
    if (rawText.length < 15) continue;
    if (exclude?.contains(a)) continue;
    const abs = absoluteUrl(a.getAttribute('href'), url);
    if (!abs) continue;
    const href = cleanUrl(abs);
    const key = urlKey(href);
    if (key === pageKey || key === canonicalKey || seen.has(key)) continue;
    const rel = a.getAttribute('rel') ?? '';
    if (/\b(?:tag|author|nofollow\s+noopener\s+share|prev|next|license|alternate)\b/i.test(rel)) continue;
    const linkText = inlineText(a);
    const title = (headingText(a) ?? linkText).replace(/\s+/g, ' ').trim();
    if (title.length < 15 || title.length > 250) continue;
    const words = title.split(' ').length;
    const inHeading = Boolean(a.closest('h1, h2, h3, h4, h5, h6')) || Boolean(headingText(a));
    if (words < (inHeading ? 2 : 4)) continue;
    if (NON_ARTICLE_TEXT.test(title)) continue;
    if (inMenu(a, menuCache)) continue;
    if (isInlineLink(a, linkText)) continue;
    if (!looksLikeArticleUrl(href, pageHost)) continue;
    seen.add(key);
    const teaser: Teaser = { title, url: href };
    const time = findTime(a, counts);
    if (time) teaser.time = time;
    const image = findImage(a, url, counts);
    if (image) teaser.image = image;
    teasers.push(teaser);
  }
  return teasers;
}
