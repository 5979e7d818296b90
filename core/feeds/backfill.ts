/**
 * Backfill on demand: the search-feed request for "Find more coverage" of one story. Pure functions: the query
 * built from the story (its main names and title words), the provider's address from a template, and the
 * item links unwrapped from the provider's click-tracking redirects. The background fetches, parses and ingests
 * (lib/feeds/backfill.ts).
 *
 * The provider is Bing News' RSS search: it answers plain RSS 2.0 (parsed by core/feeds/parse.ts like any
 * feed), and its item links carry the publisher's own address in a `url` parameter, so a backfilled stub has
 * the article's real URL (it is upgraded when the reader opens it, and is not stored twice). Google News' RSS
 * search links only to its own redirect pages, whose target is not in the feed.
 */
import type { ArticleEntity } from '../model';
import { isStopWord, tokenize } from '../text/tokens';

/** The provider's address: `{query}` and `{lang}` are replaced by the encoded query and language. */
export const DEFAULT_BACKFILL_TEMPLATE =
  'https://www.bing.com/news/search?format=rss&q={query}&setlang={lang}';
/** Names and title words in one query, and its length. */
export const QUERY_NAMES = 2;
export const QUERY_WORDS = 2;
export const MAX_QUERY_CHARS = 150;

export interface BackfillStory {
  title: string;
  lang: string | null;
  entities: readonly Pick<ArticleEntity, 'name' | 'type' | 'count' | 'first'>[];
  /** The story's salient terms, most salient first (StoryRecord.terms). */
  terms: readonly string[];
}

export interface BackfillQuery {
  /** The names (as written) and words the query is made of, in order. */
  parts: string[];
  /** What is sent: multi-word names in quotes, parts separated by spaces. */
  query: string;
  /** The primary language subtag sent with it ("en", "de"). */
  lang: string;
}

/** English plural folding, as core/link/features.ts does, to match title words to the story's terms. */
function folded(word: string, lang: string): string {
  if (lang !== 'en' || word.length <= 4) return word;
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(?:ss|us|is|ous|ics)$/.test(word)) return word;
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}

function primaryLang(lang: string | null): string {
  const primary = (lang ?? '').split(/[-_]/)[0]!.toLowerCase();
  return /^[a-z]{2,3}$/.test(primary) ? primary : 'en';
}

const clean = (s: string) =>
  s
    .replace(/["“”„«»]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The story's query: its main people, organisations and places (most mentioned first, at most QUERY_NAMES),
 * then its title's most salient words that are not part of those names (at most QUERY_WORDS). Nothing else of
 * the story, its address or the reader's other stories goes into it.
 */
export function backfillQuery(story: BackfillStory): BackfillQuery {
  const lang = primaryLang(story.lang);
  const names: string[] = [];
  const seen = new Set<string>();
  const entities = [...story.entities].sort((a, b) => b.count - a.count || a.first - b.first);
  for (const e of entities) {
    const name = clean(e.name);
    const key = name.toLowerCase();
    if (!name || seen.has(key) || [...seen].some((s) => s.includes(key) || key.includes(s))) continue;
    seen.add(key);
    names.push(name);
    if (names.length >= QUERY_NAMES) break;
  }
  const nameWords = new Set(names.flatMap((n) => tokenize(n, lang)));
  const rank = new Map(story.terms.map((t, i) => [t, i]));
  const candidates = [...new Set(tokenize(story.title, lang))].filter(
    (w) => w.length >= 3 && /\p{L}/u.test(w) && !isStopWord(w, lang) && !nameWords.has(w),
  );
  const words = candidates
    .map((w, i) => ({ w, i, r: rank.get(folded(w, lang)) ?? rank.get(w) ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .slice(0, QUERY_WORDS)
    .sort((a, b) => a.i - b.i)
    .map((c) => c.w);
  const parts: string[] = [];
  let query = '';
  for (const part of [...names.map((n) => (/\s/.test(n) ? `"${n}"` : n)), ...words]) {
    const next = query ? `${query} ${part}` : part;
    if (next.length > MAX_QUERY_CHARS) break;
    query = next;
    parts.push(part.replace(/^"|"$/g, ''));
  }
  return { parts, query, lang };
}

/** True for an http(s) template with a `{query}` slot and no credentials. */
export function isBackfillTemplate(template: string): boolean {
  if (!template.includes('{query}')) return false;
  try {
    const url = new URL(template.replaceAll('{query}', 'q').replaceAll('{lang}', 'en'));
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** The request's address: the template with the query and language, URL-encoded. */
export function backfillUrl(template: string, q: Pick<BackfillQuery, 'query' | 'lang'>): string {
  if (!isBackfillTemplate(template)) throw new Error('Not a search-feed address with {query}.');
  return new URL(
    template
      .replaceAll('{query}', encodeURIComponent(q.query))
      .replaceAll('{lang}', encodeURIComponent(q.lang)),
  ).href;
}

/** The origin pattern the browser must grant before the provider is asked: "https://www.bing.com/*". */
export function templateOrigin(template: string): string {
  return `${new URL(template.replaceAll('{query}', 'q').replaceAll('{lang}', 'en')).origin}/*`;
}

/**
 * An item's link as the publisher's own address: a link to the provider's own host that carries an absolute
 * http(s) `url` parameter (Bing's `apiclick.aspx?…&url=https%3a%2f%2f…`) is replaced by that parameter; any
 * other link is kept as it is.
 */
export function unwrapSearchLink(link: string, template: string): string {
  try {
    const url = new URL(link);
    const provider = new URL(template.replaceAll('{query}', 'q').replaceAll('{lang}', 'en'));
    if (
      url.host !== provider.host &&
      url.hostname.replace(/^www\./, '') !== provider.hostname.replace(/^www\./, '')
    )
      return link;
    const target = url.searchParams.get('url');
    if (!target) return link;
    const inner = new URL(target);
    if (inner.protocol !== 'https:' && inner.protocol !== 'http:') return link;
    inner.hash = '';
    return inner.href;
  } catch {
    return link;
  }
}

/** The provider setting (off by default), as the options page and the popup see it. */
export interface BackfillSettings {
  enabled: boolean;
  /** The provider's address with `{query}` and `{lang}`. */
  template: string;
  /** The origin pattern asked for in the reader's click ("https://www.bing.com/*"). */
  origin: string;
  /** True when the template is not the default one (set through the `setBackfillSettings` message). */
  custom: boolean;
}

/** What one "Find more coverage" did. */
export interface BackfillResult {
  query: string;
  lang: string;
  /** Items in the provider's answer. */
  found: number;
  /** New stubs stored (items already known are not stored twice). */
  added: number;
  /** Of those, how many were linked to the story. */
  linked: number;
}
