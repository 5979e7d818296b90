/**
 * URL helpers for page metadata: absolute http(s) URLs, tracking parameters removed, dates in URL paths.
 * Pure string logic (the WHATWG URL parser only): no DOM.
 */
import { makeDate } from './dates';

/** Query parameters that only track the visit and never select content. */
const TRACKING_PARAM =
  /^(?:utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|ocid|cmpid|ncid|sr_share|smid|xtor|at_medium|at_campaign|ito|ref_src|ref_url)$/i;

/** The absolute http(s) form of `href` against `base`, or null (javascript:, mailto:, data:, invalid). */
export function absoluteUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  const trimmed = href.trim();
  if (!trimmed || /^(?:javascript|mailto|data|tel|sms|about|blob|file):/i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href;
  } catch {
    return null;
  }
}

/** The URL without its fragment and without tracking parameters (utm_*, fbclid, gclid…). */
export function cleanUrl(href: string): string {
  try {
    const url = new URL(href);
    url.hash = '';
    const keys = [...url.searchParams.keys()];
    for (const key of keys) if (TRACKING_PARAM.test(key)) url.searchParams.delete(key);
    if ([...url.searchParams.keys()].length === 0) url.search = '';
    return url.href;
  } catch {
    return href;
  }
}

/** Same page? Compares two URLs without fragment, tracking parameters, scheme, "www." and a trailing slash. */
export function sameUrl(a: string, b: string): boolean {
  return urlKey(a) === urlKey(b);
}

/** A comparison key for a URL: host without "www." + path without trailing slash + cleaned query. */
export function urlKey(href: string): string {
  const clean = cleanUrl(href);
  try {
    const url = new URL(clean);
    const host = url.hostname.replace(/^www\./, '');
    const path = url.pathname.replace(/\/+$/, '');
    return `${host}${path}${url.search}`;
  } catch {
    return clean;
  }
}

/**
 * A publication day written in the URL path: /2025/06/27/, /2025-06-27-slug, /20250627/ (YYYY-MM-DD), or null.
 * Only the path is read; year-month paths (/2025/06/slug) give no day.
 */
export function dateFromUrl(href: string, now: Date = new Date()): string | null {
  let path: string;
  try {
    path = new URL(href).pathname;
  } catch {
    return null;
  }
  const patterns = [
    /(?:^|\/)((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?=\/|[-_.]|$)/,
    /(?:^|[/_-])((?:19|20)\d{2})(\d{2})(\d{2})(?=\/|[-_.]|$)/,
    /(?:^|\/)(\d{1,2})[/_-](\d{1,2})[/_-]((?:19|20)\d{2})(?=\/|[-_.]|$)/,
    /(?:^|[/_-])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?=\/|[-_.]|$)/,
  ];
  for (const [i, re] of patterns.entries()) {
    const m = re.exec(path);
    if (!m) continue;
    const [y, mo, d] = i >= 2 ? [m[3], m[2], m[1]] : [m[1], m[2], m[3]];
    const value = makeDate(Number(y), Number(mo), Number(d), now);
    if (value) return value;
  }
  return null;
}

/** Host name without "www.", or null. */
export function hostOf(href: string): string | null {
  try {
    return new URL(href).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}
