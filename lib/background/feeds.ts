/**
 * The feeds alarm (`feeds-poll`, every 15 minutes): headlines seen on pages become stubs, due feeds are polled
 * (only when the reader turned feeds on), followed threads get their notifications, and once a day retention
 * runs with the reader's policy (lib/feeds/retention.ts). A run that leaves work asks for the next one in half a minute instead of holding the worker.
 */
import { browser } from 'wxt/browser';
import type { BackstoryDB } from '@/lib/db/schema';
import {
  flushFollowNotifications,
  markThreadSeen,
  noteNewStories,
  threadOfNotification,
} from '@/lib/feeds/follows';
import { stubsFromTeasers } from '@/lib/feeds/ingest';
import { type PollDeps, type PollReport, pollFeeds } from '@/lib/feeds/poller';
import { retentionPolicy, runRetention, storageUnderPressure } from '@/lib/feeds/retention';
import { feedsEnabled } from '@/lib/feeds/settings';
import type { StoryService } from '@/lib/story-service';

export const FEEDS_ALARM = 'feeds-poll';
export const FEEDS_PERIOD_MIN = 15;
const RETENTION_KEY = 'retention.lastRunTs';
const RETENTION_EVERY_MS = 24 * 60 * 60 * 1000;

export interface FeedsRun extends PollReport {
  teaserStubs: number;
  notifications: number;
}

let running: Promise<FeedsRun> | null = null;

async function runOnce(db: BackstoryDB, service: StoryService, deps: PollDeps): Promise<FeedsRun> {
  const now = deps.now ?? Date.now;
  const teasers = await stubsFromTeasers(db, service);
  const report = await pollFeeds(db, service, deps);
  const fresh = [...teasers.stories, ...report.newStories];
  let notifications = await noteNewStories(db, fresh, now());
  // Stories noted earlier and held back by the hourly limit.
  if (!fresh.length) notifications += await flushFollowNotifications(db, now());

  const last = (await db.settings.get(RETENTION_KEY))?.value;
  const enabled = report.enabled || (await feedsEnabled(db));
  const pressure = enabled && (await storageUnderPressure());
  if (pressure || typeof last !== 'number' || now() - last >= RETENTION_EVERY_MS) {
    // The reader's policy (options page), or the defaults.
    await runRetention(db, { now: now(), pressure, policy: await retentionPolicy(db) });
    await db.settings.put({ key: RETENTION_KEY, value: now() });
  }
  const more = report.more || teasers.more;
  if (more)
    await browser.alarms.create(FEEDS_ALARM, { delayInMinutes: 0.5, periodInMinutes: FEEDS_PERIOD_MIN });
  return { ...report, more, teaserStubs: teasers.stories.length, notifications };
}

/** One run at a time: an alarm that fires during a run (or a "check now") joins it. */
export function runFeedsAlarm(
  db: BackstoryDB,
  service: StoryService,
  deps: PollDeps = {},
): Promise<FeedsRun> {
  running ??= runOnce(db, service, deps).finally(() => {
    running = null;
  });
  return running;
}

export function registerFeeds(db: BackstoryDB, service: StoryService): () => void {
  void browser.alarms.create(FEEDS_ALARM, { delayInMinutes: 1, periodInMinutes: FEEDS_PERIOD_MIN });
  const onAlarm = (alarm: { name: string }) => {
    if (alarm.name === FEEDS_ALARM) void runFeedsAlarm(db, service).catch(() => undefined);
  };
  browser.alarms.onAlarm.addListener(onAlarm);
  // A click on a follow notification opens the thread's newest story: its news are seen.
  const onClicked = (id: string) => {
    const threadId = threadOfNotification(id);
    if (!threadId) return;
    void (async () => {
      const stories = await db.stories.where('threadId').equals(threadId).toArray();
      const newest = stories.sort((a, b) => b.firstSeenTs - a.firstSeenTs)[0];
      if (newest) await browser.tabs.create({ url: newest.url });
      await browser.notifications.clear(id);
      await markThreadSeen(db, threadId);
    })().catch(() => undefined);
  };
  browser.notifications?.onClicked.addListener(onClicked);
  return () => {
    browser.alarms.onAlarm.removeListener(onAlarm);
    browser.notifications?.onClicked.removeListener(onClicked);
  };
}
