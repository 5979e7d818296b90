/**
 * Feed items and headlines become stubs: stories with a title, link, date and summary but no full text, analysed
 * and linked by the story service like read articles (StoryService.ingestStubs: a feed's new items in batches of
 * one transaction each). Opening one later upgrades it.
 *
 * Headlines (teasers) stay in `db.teasers` as they are stored from the pages read (the record of what was seen,
 * exported and imported with the data); a cursor in `db.settings` marks how far they were made into stubs, so
 * each is considered once, a bounded batch per alarm.
 */
import type { FeedItem } from '@/core/feeds/parse';
import type { BackstoryDB, FeedRecord } from '@/lib/db/schema';
import type { IngestResult, StoryService, StubInput } from '@/lib/story-service';
import { withQuotaRetry } from './retention';

export interface IngestedItems {
  stories: { id: number; threadId: string }[];
  /** Items analysed (new ones), counted against the run's budget. */
  considered: number;
  /** False when the budget ran out before the feed's last item. */
  complete: boolean;
}

/** A date the stub can carry: parseable, else none. */
export function isoOrNull(raw: string | undefined): string | null {
  if (!raw) return null;
  return Number.isNaN(Date.parse(raw)) ? null : raw;
}

/**
 * The longest a feed batch's transaction runs before the rest of the items go in the next one: a page the reader
 * opens meanwhile waits for it (as the thread healing's steps, lib/threads.ts).
 */
export const FEED_BATCH_MS = 250;

/**
 * Stores stubs through `StoryService.ingestStubs`, in batches of at most FEED_BATCH_MS each, each batch retried
 * once after retention made room when storage is full. Returns the results in order, one per stub.
 */
export async function ingestStubBatches(
  db: BackstoryDB,
  service: StoryService,
  stubs: readonly StubInput[],
): Promise<(IngestResult | null)[]> {
  const out: (IngestResult | null)[] = [];
  while (out.length < stubs.length) {
    const rest = stubs.slice(out.length);
    const results = await withQuotaRetry(db, () => service.ingestStubs(rest, { budgetMs: FEED_BATCH_MS }));
    if (!results.length) throw new Error('ingestStubs took none of the stubs');
    out.push(...results);
  }
  return out;
}

export async function ingestFeedItems(
  db: BackstoryDB,
  service: StoryService,
  feed: Pick<FeedRecord, 'id' | 'title'>,
  items: readonly FeedItem[],
  budget: number,
): Promise<IngestedItems> {
  const known = new Set(
    (
      await db.stories
        .where('url')
        .anyOf(items.map((i) => i.url))
        .toArray()
    ).map((s) => s.url),
  );
  const fresh = items.filter((item) => !known.has(item.url));
  const taken = fresh.slice(0, Math.max(0, budget));
  const results = await ingestStubBatches(
    db,
    service,
    taken.map((item) => ({
      title: item.title,
      url: item.url,
      publishedAt: isoOrNull(item.publishedAt),
      summary: item.summary ?? null,
      source: 'feed' as const,
      ...(feed.id !== undefined && { feedId: feed.id }),
      publisher: feed.title || null,
    })),
  );
  const stories = results.flatMap((r) =>
    r?.created ? [{ id: r.story.id, threadId: r.story.threadId }] : [],
  );
  return { stories, considered: taken.length, complete: taken.length === fresh.length };
}

export const TEASER_CURSOR_KEY = 'teasers.stubbedThrough';
/** Headlines made into stubs per run. */
export const TEASERS_PER_RUN = 50;

/** Makes the next headlines seen on pages into stubs; returns the new stubs. */
export async function stubsFromTeasers(
  db: BackstoryDB,
  service: StoryService,
  limit = TEASERS_PER_RUN,
): Promise<{ stories: { id: number; threadId: string }[]; more: boolean }> {
  const cursor = (await db.settings.get(TEASER_CURSOR_KEY))?.value;
  const after = typeof cursor === 'number' ? cursor : 0;
  const batch = await db.teasers
    .where('id')
    .above(after)
    .limit(limit + 1)
    .toArray();
  const stories: { id: number; threadId: string }[] = [];
  for (const t of batch.slice(0, limit)) {
    if (t.url !== t.seenOnUrl && t.title.trim()) {
      const result = await withQuotaRetry(db, () =>
        service.ingestStub({
          title: t.title,
          url: t.url,
          publishedAt: isoOrNull(t.time),
          summary: null,
          source: 'teaser',
        }),
      );
      if (result?.created) stories.push({ id: result.story.id, threadId: result.story.threadId });
    }
    await db.settings.put({ key: TEASER_CURSOR_KEY, value: t.id });
  }
  return { stories, more: batch.length > limit };
}
