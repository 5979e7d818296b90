/**
 * What is kept as the store grows. The default policy, oldest first:
 *  1. stubs (feed items and headlines, never read) older than 60 days;
 *  2. beyond the story cap (20,000), more stubs, then the read stories last seen longest ago.
 * Stories of followed threads and stories a tab shows are always kept. Deleting a story takes it out of the
 * document frequencies and its thread's centroid; links to it from other stories are dropped when read.
 *
 * A write that fails with QuotaExceededError (withQuotaRetry) frees space by deleting the oldest stubs only —
 * never a story the reader opened — and is retried once. When feeds are on, the worker also checks
 * navigator.storage.estimate(): past 80 % of the quota, stubs older than 7 days go too.
 *
 * The reader may change the two numbers on the options page (`setRetention`): they are kept in `db.settings`
 * under RETENTION_POLICY_KEY, checked against RETENTION_LIMITS before they are stored; a missing or malformed
 * stored value reads as the defaults.
 */
import { Dexie } from 'dexie';
import { numberFormat } from '@/core/i18n/intl';
import { type DocFreq, weighFeatures } from '@/core/link/similarity';
import { refreshPostings } from '@/lib/db/postings';
import type { BackstoryDB, StoryRecord, StorySource } from '@/lib/db/schema';
import { bumpDocFreq, moveCoverage, STORIES_COUNT } from '@/lib/db/stories';
import { displayLocale, t } from '@/lib/i18n';
import { removeFromThread } from '@/lib/threads';

export interface RetentionPolicy {
  /** Stubs older than this many days (by when they arrived or were last refreshed) are deleted. */
  stubMaxAgeDays: number;
  /** Stories kept at most, all sources together. */
  maxStories: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { stubMaxAgeDays: 60, maxStories: 20_000 };
/** The `db.settings` key of the reader's policy; absent while the defaults apply. */
export const RETENTION_POLICY_KEY = 'retention.policy';
/** What the reader may choose: whole numbers within these bounds, inclusive. */
export const RETENTION_LIMITS = {
  stubMaxAgeDays: { min: 1, max: 3650 },
  maxStories: { min: 500, max: 1_000_000 },
} as const satisfies Record<keyof RetentionPolicy, { min: number; max: number }>;

/** What the options page shows (`getRetention`, `setRetention`). */
export interface RetentionSettings {
  /** The policy the daily run uses. */
  policy: RetentionPolicy;
  defaults: RetentionPolicy;
  limits: typeof RETENTION_LIMITS;
  /** Whether the reader saved a policy other than the defaults. */
  custom: boolean;
}

export type RetentionCheck = { ok: true; policy: RetentionPolicy } | { ok: false; error: string };

function formatCount(n: number): string {
  try {
    return numberFormat(displayLocale()).format(n);
  } catch {
    return String(n);
  }
}

function inLimits(value: unknown, field: keyof RetentionPolicy): value is number {
  const { min, max } = RETENTION_LIMITS[field];
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** The policy in `input` if both numbers are whole and within RETENTION_LIMITS; else why not, in the reader's words. */
export function checkRetentionPolicy(input: unknown): RetentionCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, error: t('retentionNotAPolicy') };
  }
  const { stubMaxAgeDays, maxStories } = input as Partial<Record<keyof RetentionPolicy, unknown>>;
  const errors: string[] = [];
  const days = RETENTION_LIMITS.stubMaxAgeDays;
  const stories = RETENTION_LIMITS.maxStories;
  if (!inLimits(stubMaxAgeDays, 'stubMaxAgeDays')) {
    errors.push(t('retentionBadDays', formatCount(days.min), formatCount(days.max)));
  }
  if (!inLimits(maxStories, 'maxStories')) {
    errors.push(t('retentionBadStories', formatCount(stories.min), formatCount(stories.max)));
  }
  if (errors.length) return { ok: false, error: errors.join(' ') };
  return { ok: true, policy: { stubMaxAgeDays, maxStories } as RetentionPolicy };
}

/** The stored policy, or the defaults when none is stored or the stored value is not a valid policy. */
export async function retentionPolicy(db: BackstoryDB): Promise<RetentionPolicy> {
  const checked = checkRetentionPolicy((await db.settings.get(RETENTION_POLICY_KEY))?.value);
  return checked.ok ? checked.policy : { ...DEFAULT_RETENTION };
}

export async function retentionSettings(db: BackstoryDB): Promise<RetentionSettings> {
  const policy = await retentionPolicy(db);
  return {
    policy,
    defaults: { ...DEFAULT_RETENTION },
    limits: RETENTION_LIMITS,
    custom: !sameAsDefaults(policy),
  };
}

function sameAsDefaults(policy: RetentionPolicy): boolean {
  return (
    policy.stubMaxAgeDays === DEFAULT_RETENTION.stubMaxAgeDays &&
    policy.maxStories === DEFAULT_RETENTION.maxStories
  );
}

/**
 * Stores the reader's policy after checking it; an invalid one throws (in the reader's words) and changes
 * nothing. The defaults are stored as no record, so a later change of the defaults reaches the reader.
 */
export async function setRetentionPolicy(db: BackstoryDB, input: unknown): Promise<RetentionSettings> {
  const checked = checkRetentionPolicy(input);
  if (!checked.ok) throw new Error(checked.error);
  if (sameAsDefaults(checked.policy)) await db.settings.delete(RETENTION_POLICY_KEY);
  else await db.settings.put({ key: RETENTION_POLICY_KEY, value: checked.policy });
  return retentionSettings(db);
}
/** Past this share of the quota, stubs older than PRESSURE_STUB_DAYS go too. */
export const STORAGE_PRESSURE = 0.8;
const PRESSURE_STUB_DAYS = 7;
const DAY = 24 * 60 * 60 * 1000;
const BATCH = 200;
const STUBS: StorySource[] = ['feed', 'teaser'];
const READ: StorySource[] = ['visit', 'import'];

export interface RetentionResult {
  deletedStubs: number;
  deletedRead: number;
}

async function keptThreadsAndStories(
  db: BackstoryDB,
): Promise<{ threads: Set<string>; stories: Set<number> }> {
  const threads = new Set((await db.follows.toArray()).map((f) => f.threadId));
  const stories = new Set((await db.tabs.toArray()).flatMap((t) => (t.storyId === null ? [] : [t.storyId])));
  return { threads, stories };
}

/** Ids of stories of `sources`, oldest `lastSeenTs` first, below `beforeTs`, not kept, at most `max`. */
async function oldest(
  db: BackstoryDB,
  sources: readonly StorySource[],
  beforeTs: number,
  max: number,
  kept: { threads: Set<string>; stories: Set<number> },
): Promise<StoryRecord[]> {
  const out: StoryRecord[] = [];
  for (const source of sources) {
    if (out.length >= max) break;
    await db.stories
      .where('[source+lastSeenTs]')
      .between([source, Dexie.minKey], [source, beforeTs], true, false)
      .until(() => out.length >= max)
      .each((s) => {
        if (!kept.threads.has(s.threadId) && !kept.stories.has(s.id)) out.push(s);
      });
  }
  // Several sources: the oldest of them all first.
  return out.sort((a, b) => a.lastSeenTs - b.lastSeenTs).slice(0, max);
}

/** Deletes stories with their share of the document frequencies and thread centroids. */
export async function deleteStories(db: BackstoryDB, stories: readonly StoryRecord[]): Promise<number> {
  for (let i = 0; i < stories.length; i += BATCH) {
    const batch = stories.slice(i, i + BATCH);
    await db.transaction(
      'rw',
      [db.stories, db.termStats, db.threads, db.entities, db.postings, db.counts],
      async () => {
        const size = await db.stories.count();
        // The stored number of stories is no longer right: without one, the next load counts them (createDocFreqCache).
        await db.counts.delete(STORIES_COUNT);
        for (const s of batch) {
          const terms = Object.keys(s.termCounts ?? {});
          const stats = await db.termStats.bulkGet(terms);
          const df = new Map(terms.map((t, j) => [t, stats[j]?.df ?? 0]));
          const docFreq: DocFreq = { size, df: (t) => df.get(t) ?? 0 };
          if (s.threadId) {
            const entities: Record<string, number> = {};
            for (const e of s.entities ?? []) entities[e.key] = (entities[e.key] ?? 0) + e.count;
            const weighted = weighFeatures(
              { terms: s.termCounts ?? {}, entities, publishedTs: s.publishedTs },
              docFreq,
            );
            await removeFromThread(db, s.threadId, weighted.terms);
          }
          await bumpDocFreq(db, terms, -1);
        }
        await db.stories.bulkDelete(batch.map((s) => s.id));
        await refreshPostings(db, batch);
        // The entities' coverage (stories naming them, earliest date) without the deleted stories.
        await db.entities.bulkPut(await moveCoverage(db, batch, []));
      },
    );
  }
  return stories.length;
}

export async function runRetention(
  db: BackstoryDB,
  options: { now?: number; policy?: Partial<RetentionPolicy>; pressure?: boolean } = {},
): Promise<RetentionResult> {
  const now = options.now ?? Date.now();
  const policy = { ...DEFAULT_RETENTION, ...options.policy };
  const kept = await keptThreadsAndStories(db);
  const stubDays = options.pressure
    ? Math.min(PRESSURE_STUB_DAYS, policy.stubMaxAgeDays)
    : policy.stubMaxAgeDays;
  const result: RetentionResult = { deletedStubs: 0, deletedRead: 0 };

  // 1. Old stubs, in batches.
  for (;;) {
    const old = await oldest(db, STUBS, now - stubDays * DAY, BATCH, kept);
    if (!old.length) break;
    result.deletedStubs += await deleteStories(db, old);
    if (old.length < BATCH) break;
  }
  // 2. Over the cap: more stubs, then the read stories last seen longest ago.
  let excess = (await db.stories.count()) - policy.maxStories;
  for (const [sources, key] of [
    [STUBS, 'deletedStubs'],
    [READ, 'deletedRead'],
  ] as const) {
    while (excess > 0) {
      const list = await oldest(db, sources, Number.MAX_SAFE_INTEGER, Math.min(excess, BATCH), kept);
      if (!list.length) break;
      const n = await deleteStories(db, list);
      result[key] += n;
      excess -= n;
    }
  }
  return result;
}

/** True for the browser's "storage is full" error, also when Dexie wraps it. */
export function isQuotaError(error: unknown): boolean {
  for (let e = error as { name?: string; inner?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (e.name === 'QuotaExceededError') return true;
    e = e.inner as typeof e;
  }
  return false;
}

/** Frees room for a write: the oldest tenth of the stubs (at least 100), never a read story. */
export async function freeSpace(db: BackstoryDB): Promise<number> {
  const kept = await keptThreadsAndStories(db);
  const stubs = await db.stories
    .where('[source+lastSeenTs]')
    .between(['feed', Dexie.minKey], ['feed', Dexie.maxKey])
    .count();
  const teasers = await db.stories
    .where('[source+lastSeenTs]')
    .between(['teaser', Dexie.minKey], ['teaser', Dexie.maxKey])
    .count();
  const n = Math.max(100, Math.ceil((stubs + teasers) / 10));
  return deleteStories(db, await oldest(db, STUBS, Number.MAX_SAFE_INTEGER, n, kept));
}

/**
 * Runs a write; if the storage is full, frees space (stubs only) and runs it once more. Transactions that
 * committed before are untouched: a failed write rolls back only itself.
 */
export async function withQuotaRetry<T>(db: BackstoryDB, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    await freeSpace(db);
    return write();
  }
}

/** Whether the origin's storage is past STORAGE_PRESSURE of its quota (false when the browser does not say). */
export async function storageUnderPressure(): Promise<boolean> {
  try {
    const estimate = await globalThis.navigator?.storage?.estimate?.();
    if (!estimate?.quota || estimate.usage === undefined) return false;
    return estimate.usage / estimate.quota > STORAGE_PRESSURE;
  } catch {
    return false;
  }
}
