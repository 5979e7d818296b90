/**
 * In-page badges (opt-in): what to say beside a headline link on a front page or an article list whose story
 * the reader's stories know. Pure decisions over plain story summaries; the background looks the stories up
 * (lib/background/teaser-badges.ts) and the content script draws the labels (page/badges.ts).
 */

/** What a badge needs to know about a stored story. */
export interface BadgeStory {
  id: number;
  threadId: string;
  /** Epoch ms of its publication (or of first sight). */
  publishedTs: number;
  /** Epoch ms the reader last opened it (for a stub: when it was last seen as a headline or feed item). */
  lastSeenTs: number;
  /** True when the reader opened it (not a stub known only from a headline or a feed). */
  read: boolean;
}

export type TeaserBadge =
  /** The reader read `count` stories of the headline's thread published before it. */
  | { kind: 'earlier'; count: number }
  /** A story of a thread the reader follows by reading, published after the reader last read it. */
  | { kind: 'new'; earlier: number }
  /** The reader opened this story already. */
  | { kind: 'read'; earlier: number };

/** Below this many links a page is no front page or article list: no badges are even looked for. */
export const BADGE_MIN_LINKS = 20;
/** Headline links looked up per page, and badges drawn at most. */
export const BADGE_MAX_LINKS = 150;
export const BADGE_MAX_SHOWN = 60;

/**
 * The badge for the headline of `story`, given the stories of its thread (it may be among them): null when
 * there is nothing to say (a story known only as a headline, in a thread the reader never read).
 */
export function teaserBadge(story: BadgeStory, thread: readonly BadgeStory[]): TeaserBadge | null {
  const readOthers = thread.filter((s) => s.read && s.id !== story.id && s.threadId === story.threadId);
  const earlier = readOthers.filter((s) => s.publishedTs <= story.publishedTs).length;
  if (story.read) return { kind: 'read', earlier };
  if (readOthers.length === 0) return null;
  const lastRead = Math.max(...readOthers.map((s) => s.lastSeenTs));
  if (story.publishedTs > lastRead) return { kind: 'new', earlier };
  return earlier > 0 ? { kind: 'earlier', count: earlier } : null;
}

/**
 * The address forms a headline link may have been stored under: without fragment and tracking parameters,
 * with and without a trailing slash, over http and https. The first is the link's own cleaned form.
 */
export function urlVariants(href: string): string[] {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return [];
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return [];
  url.hash = '';
  for (const key of [...url.searchParams.keys()]) {
    if (/^(?:utm_[a-z_]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|smid|xtor|ito)$/i.test(key))
      url.searchParams.delete(key);
  }
  if ([...url.searchParams.keys()].length === 0) url.search = '';
  const out = new Set<string>();
  for (const protocol of [url.protocol, url.protocol === 'https:' ? 'http:' : 'https:']) {
    const u = new URL(url.href);
    u.protocol = protocol;
    const withSlash = u.pathname.endsWith('/') ? u.href : `${u.origin}${u.pathname}/${u.search}`;
    const withoutSlash =
      u.pathname.length > 1 && u.pathname.endsWith('/')
        ? `${u.origin}${u.pathname.replace(/\/+$/, '')}${u.search}`
        : u.href;
    out.add(u.href);
    out.add(withoutSlash);
    out.add(withSlash);
  }
  return [...out];
}
