/**
 * Backfill on demand ("Find more coverage" on one story, opt-in): one request to the search-feed provider for
 * the story's query (core/feeds/backfill.ts), its items parsed by the feed parser and stored as stubs linked
 * like any feed item. Never automatic: only the reader's click sends the `findMoreCoverage` message. Nothing is
 * fetched while the switch is off or while the browser has not granted the provider's site (asked in the click).
 *
 * The provider's address is a setting: the real default (Bing News RSS search), or another template set through
 * `setBackfillSettings` (how the e2e test points it at a local server). Its value is checked: http(s) with a
 * `{query}` slot.
 */
import {
  type BackfillResult,
  type BackfillSettings,
  backfillQuery,
  backfillUrl,
  DEFAULT_BACKFILL_TEMPLATE,
  isBackfillTemplate,
  templateOrigin,
  unwrapSearchLink,
} from '@/core/feeds/backfill';
import { FeedError } from '@/core/feeds/errors';
import type { FeedItem } from '@/core/feeds/parse';
import { siteOf } from '@/core/site';
import type { BackstoryDB } from '@/lib/db/schema';
import { t } from '@/lib/i18n';
import type { StoryService } from '@/lib/story-service';
import { textKit } from '@/lib/text-kit';
import { FeedFetchError, type FetchLike, fetchFeed } from './fetch';
import { ingestStubBatches, isoOrNull } from './ingest';
import { originGranted } from './poller';

export const BACKFILL_ENABLED_KEY = 'backfill.enabled';
export const BACKFILL_TEMPLATE_KEY = 'backfill.urlTemplate';
/** Items stored from one answer, at most. */
export const MAX_BACKFILL_ITEMS = 30;

export async function backfillSettings(db: BackstoryDB): Promise<BackfillSettings> {
  const [enabled, stored] = await Promise.all([
    db.settings.get(BACKFILL_ENABLED_KEY),
    db.settings.get(BACKFILL_TEMPLATE_KEY),
  ]);
  const custom = typeof stored?.value === 'string' && isBackfillTemplate(stored.value) ? stored.value : null;
  const template = custom ?? DEFAULT_BACKFILL_TEMPLATE;
  return {
    enabled: enabled?.value === true,
    template,
    origin: templateOrigin(template),
    custom: custom !== null,
  };
}

/** `urlTemplate`: a provider address with `{query}` (and `{lang}`); null goes back to the default. */
export async function setBackfillSettings(
  db: BackstoryDB,
  input: { enabled: boolean; urlTemplate?: string | null },
): Promise<BackfillSettings> {
  if (typeof input.urlTemplate === 'string' && !isBackfillTemplate(input.urlTemplate)) {
    throw new Error(t('backfillBadTemplate'));
  }
  await db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key: BACKFILL_ENABLED_KEY, value: input.enabled });
    if (input.urlTemplate === null) await db.settings.delete(BACKFILL_TEMPLATE_KEY);
    else if (input.urlTemplate !== undefined)
      await db.settings.put({ key: BACKFILL_TEMPLATE_KEY, value: input.urlTemplate });
  });
  return backfillSettings(db);
}

export interface BackfillDeps {
  fetch?: FetchLike;
  /** Whether the browser granted the origin pattern; defaults to browser.permissions.contains. */
  hasOrigin?: (pattern: string) => Promise<boolean>;
}

/** The provider's answer for one story, stored as stubs. Throws, in the reader's words, when nothing could be done. */
export async function findMoreCoverage(
  db: BackstoryDB,
  service: StoryService,
  storyId: number,
  deps: BackfillDeps = {},
): Promise<BackfillResult> {
  const settings = await backfillSettings(db);
  if (!settings.enabled) throw new Error(t('backfillOff'));
  const story = await db.stories.get(storyId);
  if (!story) throw new Error(t('backfillNoStory'));
  const host = new URL(settings.origin.replace(/\/\*$/, '/')).host;
  if (!(await (deps.hasOrigin ?? originGranted)(settings.origin)))
    throw new Error(t('backfillNoAccess', host));
  const q = backfillQuery(story);
  if (!q.query) throw new Error(t('backfillNoQuery'));
  const url = backfillUrl(settings.template, q);

  let items: FeedItem[];
  try {
    const response = await fetchFeed({ url }, deps.fetch ? { fetch: deps.fetch } : {});
    if (response.status !== 'ok') throw new FeedFetchError('not modified');
    items = (await textKit()).parseFeed(response.body, { url, contentType: response.contentType }).items;
  } catch (error) {
    const why = error instanceof FeedError || error instanceof FeedFetchError ? error.message : String(error);
    throw new Error(t('backfillFailed', host, why));
  }

  const own = new Set(story.urls ?? [story.url]);
  const picked = [
    ...new Map(
      items
        .map((item) => ({ ...item, url: unwrapSearchLink(item.url, settings.template) }))
        .filter((item) => !own.has(item.url) && item.title.trim())
        .map((item) => [item.url, item]),
    ).values(),
  ].slice(0, MAX_BACKFILL_ITEMS);

  const results = await ingestStubBatches(
    db,
    service,
    picked.map((item) => ({
      title: item.title,
      url: item.url,
      publishedAt: isoOrNull(item.publishedAt),
      summary: item.summary ?? null,
      source: 'feed' as const,
      publisher: siteOf(item.url),
      lang: story.lang,
    })),
  );
  const added = results.flatMap((r) => (r?.created ? [r.story.id] : []));
  const after = await db.stories.get(storyId);
  const related = new Set((after?.related ?? []).map((r) => r.storyId));
  return {
    query: q.query,
    lang: q.lang,
    found: items.length,
    added: added.length,
    linked: added.filter((id) => related.has(id)).length,
  };
}
