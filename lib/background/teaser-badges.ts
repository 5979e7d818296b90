/**
 * The background's side of the in-page badges: which of a page's headline links lead to stories the reader's
 * stories know, and what to say beside each (core/badges/teaser-badges.ts decides, this module looks up and
 * words it). Nothing is answered when the setting is off or the page's site is paused; nothing is stored.
 */
import {
  BADGE_MAX_SHOWN,
  type BadgeStory,
  type TeaserBadge,
  teaserBadge,
  urlVariants,
} from '@/core/badges/teaser-badges';
import { badgesEnabled } from '@/lib/badges/setting';
import { type BackstoryDB, isStub, type StoryRecord } from '@/lib/db/schema';
import { t, tp } from '@/lib/i18n';
import { isPaused } from './pause';

export interface KnownTeaser {
  url: string;
  label: string;
}

function summary(s: StoryRecord): BadgeStory {
  return {
    id: s.id,
    threadId: s.threadId,
    publishedTs: s.publishedTs,
    lastSeenTs: s.lastSeenTs,
    read: !isStub(s),
  };
}

/** A badge in the reader's language. */
export function badgeLabel(badge: TeaserBadge): string {
  switch (badge.kind) {
    case 'earlier':
      return tp('teaserBadgeEarlierParts', badge.count);
    case 'new':
      return badge.earlier > 0
        ? t('teaserBadgeNewWithEarlier', tp('teaserBadgeEarlierParts', badge.earlier))
        : t('teaserBadgeNew');
    case 'read':
      return badge.earlier > 0
        ? t('teaserBadgeReadWithEarlier', tp('teaserBadgeEarlierParts', badge.earlier))
        : t('teaserBadgeRead');
  }
}

/** The badges for the headline links `urls` of the page at `pageUrl`, in the order of `urls`. */
export async function knownTeasers(
  db: BackstoryDB,
  { pageUrl, urls }: { pageUrl: string; urls: string[] },
  enabled: () => Promise<boolean> = badgesEnabled,
): Promise<KnownTeaser[]> {
  if (!(await enabled()) || (await isPaused(db, pageUrl))) return [];
  const variants = new Map<string, string>();
  for (const url of urls) for (const v of urlVariants(url)) if (!variants.has(v)) variants.set(v, url);
  if (variants.size === 0) return [];
  const stories = await db.stories
    .where('url')
    .anyOf([...variants.keys()])
    .toArray();
  if (stories.length === 0) return [];
  const byLink = new Map<string, StoryRecord>();
  for (const s of stories) {
    const link = variants.get(s.url);
    if (link !== undefined && !byLink.has(link)) byLink.set(link, s);
  }
  const threadIds = [...new Set(stories.map((s) => s.threadId).filter(Boolean))];
  const threads = new Map<string, BadgeStory[]>();
  if (threadIds.length) {
    for (const s of await db.stories.where('threadId').anyOf(threadIds).toArray()) {
      const list = threads.get(s.threadId) ?? [];
      list.push(summary(s));
      threads.set(s.threadId, list);
    }
  }
  const out: KnownTeaser[] = [];
  for (const url of urls) {
    const story = byLink.get(url);
    if (!story) continue;
    const badge = teaserBadge(summary(story), threads.get(story.threadId) ?? []);
    if (badge) out.push({ url, label: badgeLabel(badge) });
    if (out.length >= BADGE_MAX_SHOWN) break;
  }
  return out;
}
