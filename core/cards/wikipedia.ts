/**
 * Encyclopedia cards from Wikipedia's REST summary endpoint (`/api/rest_v1/page/summary/{title}`): which URL
 * to ask for an entity, and what to keep of the answer. Pure: no fetch, no DOM. Only plain text and http(s)
 * links are kept; anything else in the answer (HTML, scripts, other link schemes) is dropped.
 */

/** Characters of summary text kept. */
export const MAX_SUMMARY_CHARS = 600;
const MAX_TITLE_CHARS = 200;

/** What a card holds, parsed from one answer. */
export interface ParsedSummary {
  title: string;
  summary: string;
  url: string;
}

/** The Wikipedia language for an article's BCP 47 tag: its primary subtag when it looks like one, else "en". */
export function wikiLang(tag: string | null | undefined): string {
  const primary = String(tag ?? '')
    .trim()
    .toLowerCase()
    .split(/[-_]/)[0];
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : 'en';
}

/** The summary endpoint for a name in a language, or null when the name is unusable. */
export function summaryUrl(lang: string, name: string): string | null {
  const title = name.replace(/\s+/g, ' ').trim();
  if (!title || title.length > MAX_TITLE_CHARS || !/^[a-z]{2,3}$/.test(lang)) return null;
  return `https://${lang}.wikipedia.org/api/rest_v1/page/summary/${encodeURIComponent(title.replace(/ /g, '_'))}`;
}

/** An absolute http(s) URL without credentials, or null. */
export function webUrl(value: unknown): string | null {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value.trim())) return null;
  try {
    const url = new URL(value.trim());
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** Plain text: tags removed, common entities decoded, whitespace collapsed, cut at a word near `max`. */
export function plainText(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  const text = value
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/**
 * The card in a summary answer, or null when there is none to show: not an object, a disambiguation page,
 * no text, or no http(s) page link. `requestedUrl`'s host is the fallback page when the answer has no link.
 */
export function parseSummary(body: unknown): ParsedSummary | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const b = body as Record<string, unknown>;
  if (b.type === 'disambiguation' || b.type === 'no-extract') return null;
  const title = plainText(b.title ?? b.displaytitle, MAX_TITLE_CHARS);
  const summary = plainText(b.extract, MAX_SUMMARY_CHARS);
  const urls = b.content_urls as { desktop?: { page?: unknown }; mobile?: { page?: unknown } } | undefined;
  const url = webUrl(urls?.desktop?.page) ?? webUrl(urls?.mobile?.page);
  if (!title || !summary || !url) return null;
  return { title, summary, url };
}
