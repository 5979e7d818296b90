/**
 * Polls the reader's feeds from one alarm. Each run takes the due feeds (by `nextFetchTs`, oldest first) with a
 * cap on feeds and on items, so the worker stays responsive; a run that leaves work asks for the next one soon.
 *
 * Nothing is fetched unless feeds are on (./settings.ts) and the browser granted the feed's site
 * (`permissions.contains`): otherwise the feed records "permission not granted" and waits for its next turn.
 * Requests are conditional (./fetch.ts); a failure backs off exponentially with jitter. Feeds are parsed here,
 * in the worker, by core/feeds/parse.ts (pure JS, no DOM), and their new items become stubs (./ingest.ts).
 */
import { browser } from 'wxt/browser';
import { FeedError } from '@/core/feeds/errors';
import { originPattern } from '@/core/site';
import type { BackstoryDB, FeedRecord } from '@/lib/db/schema';
import type { StoryService } from '@/lib/story-service';
import { textKit } from '@/lib/text-kit';
import { FeedFetchError, type FetchLike, fetchFeed } from './fetch';
import { ingestFeedItems } from './ingest';
import { feedsEnabled } from './settings';

export interface PollLimits {
  /** Feeds fetched per run. */
  maxFeeds: number;
  /** Items turned into stubs per run, over all feeds. */
  maxItems: number;
}

export const DEFAULT_POLL_LIMITS: PollLimits = { maxFeeds: 5, maxItems: 200 };
/** Longest wait after failures, and the first one. */
export const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;
const MIN_BACKOFF_MS = 5 * 60 * 1000;

export interface PollDeps {
  fetch?: FetchLike;
  now?: () => number;
  /** 0 ≤ x < 1, for jitter. */
  random?: () => number;
  /** Whether the browser granted the origin pattern; defaults to browser.permissions.contains. */
  hasOrigin?: (pattern: string) => Promise<boolean>;
  limits?: Partial<PollLimits>;
  /** The reader asked ("Check now"): the feeds waiting longest are taken even before they are due. */
  force?: boolean;
}

export interface FeedPollOutcome {
  feedId: number;
  url: string;
  result: string;
  newItems: number;
  error?: string;
}

export interface PollReport {
  /** False when feeds are off: nothing was fetched. */
  enabled: boolean;
  feeds: FeedPollOutcome[];
  newStories: { id: number; threadId: string }[];
  /** True when due feeds or items were left for the next run. */
  more: boolean;
}

export async function originGranted(pattern: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [pattern] });
  } catch {
    return false;
  }
}

/** The wait after `errorCount` consecutive failures: doubling from 5 minutes (or the interval), capped, ±20 %. */
export function backoffMs(errorCount: number, intervalMin: number, random: () => number): number {
  const base = Math.max(MIN_BACKOFF_MS, intervalMin * 60_000);
  const raw = Math.min(MAX_BACKOFF_MS, base * 2 ** Math.max(0, errorCount - 1));
  return Math.round(raw * (0.8 + 0.4 * random()));
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export async function pollFeeds(
  db: BackstoryDB,
  service: StoryService,
  deps: PollDeps = {},
): Promise<PollReport> {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const hasOrigin = deps.hasOrigin ?? originGranted;
  const limits = { ...DEFAULT_POLL_LIMITS, ...deps.limits };
  const report: PollReport = { enabled: false, feeds: [], newStories: [], more: false };
  if (!(await feedsEnabled(db))) return report;
  report.enabled = true;

  const start = now();
  const due = await (deps.force
    ? db.feeds.orderBy('nextFetchTs')
    : db.feeds.where('nextFetchTs').belowOrEqual(start)
  )
    .limit(limits.maxFeeds + 1)
    .toArray();
  report.more = due.length > limits.maxFeeds;
  let itemBudget = limits.maxItems;

  for (const feed of due.slice(0, limits.maxFeeds)) {
    const t = now();
    const outcome: FeedPollOutcome = { feedId: feed.id!, url: feed.url, result: '', newItems: 0 };
    const update: Partial<FeedRecord> = { lastFetchTs: t };
    if (itemBudget <= 0) {
      report.more = true;
      break;
    }
    try {
      if (!(await hasOrigin(originPattern(feed.url)))) {
        outcome.result = 'permission not granted';
        outcome.error = `The browser has not granted access to ${new URL(feed.url).host}.`;
        Object.assign(update, {
          lastResult: outcome.result,
          lastError: outcome.error,
          nextFetchTs: t + feed.intervalMin * 60_000,
        });
      } else {
        const response = await fetchFeed(feed, deps.fetch ? { fetch: deps.fetch } : {});
        if (response.status === 'not-modified') {
          outcome.result = 'not modified';
          Object.assign(update, { errorCount: 0, lastResult: outcome.result, lastError: undefined });
          update.nextFetchTs = t + feed.intervalMin * 60_000;
        } else {
          const parsed = (await textKit()).parseFeed(response.body, {
            url: feed.url,
            contentType: response.contentType,
          });
          const ingested = await ingestFeedItems(db, service, feed, parsed.items, itemBudget);
          itemBudget -= ingested.considered;
          report.newStories.push(...ingested.stories);
          outcome.newItems = ingested.stories.length;
          outcome.result = ingested.complete
            ? plural(ingested.stories.length, 'new item', 'new items')
            : `${plural(ingested.stories.length, 'new item', 'new items')} (more next time)`;
          Object.assign(update, {
            errorCount: 0,
            lastResult: outcome.result,
            lastError: undefined,
            title:
              feed.title === new URL(feed.url).hostname && parsed.title
                ? parsed.title.slice(0, 300)
                : feed.title,
            ...(parsed.siteUrl && !feed.siteUrl && { siteUrl: parsed.siteUrl }),
          });
          if (ingested.complete) {
            // The validators only once every item was seen: otherwise the next request must get the whole feed.
            update.etag = response.etag;
            update.lastModified = response.lastModified;
            update.nextFetchTs = t + feed.intervalMin * 60_000;
          } else {
            report.more = true;
            update.nextFetchTs = t;
          }
        }
      }
    } catch (error) {
      const words =
        error instanceof FeedError || error instanceof FeedFetchError
          ? error.message
          : `failed: ${error instanceof Error ? error.message : String(error)}`;
      const errorCount = Math.min(feed.errorCount + 1, 30);
      outcome.result = 'error';
      outcome.error = words;
      Object.assign(update, {
        errorCount,
        lastResult: `error (${plural(errorCount, 'failure', 'failures')} in a row)`,
        lastError: words,
        nextFetchTs: t + backoffMs(errorCount, feed.intervalMin, random),
      });
    }
    // The feed may have been removed meanwhile: update, never re-create.
    await db.feeds.update(feed.id!, update);
    report.feeds.push(outcome);
  }
  return report;
}
