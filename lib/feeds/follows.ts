/**
 * Threads the reader follows. A new story joining one (a feed item or a headline made into a stub) is noted as
 * pending; notifications are grouped and rate-limited: at most one per thread per hour, naming how many stories
 * arrived ("3 new stories in …"). The toolbar badge shows, on every tab (lib/background/badge.ts), how many new
 * stories of followed threads the reader has not looked at yet; looking at the thread (Backstory opened on one
 * of its stories) or clicking its notification clears them.
 */
import { browser } from 'wxt/browser';
import { refreshBadges } from '@/lib/background/badge';
import type { BackstoryDB, FollowRecord, StoryRecord } from '@/lib/db/schema';
import { t } from '@/lib/i18n';

/** One notification per thread per this long, at most. */
export const NOTIFY_EVERY_MS = 60 * 60 * 1000;
/** Story ids kept as pending per thread (the count shown is `unseen`). */
const MAX_PENDING = 50;
export const NOTIFICATION_PREFIX = 'backstory-follow:';

export async function followThread(db: BackstoryDB, threadId: string, title: string, now = Date.now()) {
  const known = await db.follows.get(threadId);
  if (!known) {
    await db.follows.put({ threadId, title: title.slice(0, 300), followedTs: now, lastNotifiedTs: now });
  }
  return { following: true };
}

export async function unfollowThread(db: BackstoryDB, threadId: string) {
  await db.follows.delete(threadId);
  await updateFollowBadge(db);
  await browser.notifications?.clear(NOTIFICATION_PREFIX + threadId).catch(() => false);
  return { following: false };
}

/** Whether the reader follows the thread; asking it means the reader is looking at it: its news are seen. */
export async function followState(db: BackstoryDB, threadId: string) {
  const known = await db.follows.get(threadId);
  if (known?.unseen) await markThreadSeen(db, threadId);
  return { following: !!known };
}

/** The reader saw the thread's new stories (looked at the thread, clicked its notification): the badge drops them. */
export async function markThreadSeen(db: BackstoryDB, threadId: string): Promise<void> {
  const known = await db.follows.get(threadId);
  if (!known?.unseen) return;
  await db.follows.put({ ...known, unseen: 0 });
  await updateFollowBadge(db);
}

export async function listFollows(db: BackstoryDB) {
  return (await db.follows.toArray()).map((f) => ({
    threadId: f.threadId,
    title: f.title,
    followedTs: f.followedTs,
    unseen: f.unseen ?? 0,
  }));
}

/** Notes new stories (just stored) that joined followed threads, then raises the notifications that are due. */
export async function noteNewStories(
  db: BackstoryDB,
  stories: readonly Pick<StoryRecord, 'id' | 'threadId'>[],
  now = Date.now(),
): Promise<number> {
  const byThread = new Map<string, number[]>();
  for (const s of stories) byThread.set(s.threadId, [...(byThread.get(s.threadId) ?? []), s.id]);
  if (!byThread.size) return 0;
  const follows = (await db.follows.bulkGet([...byThread.keys()])).filter((f): f is FollowRecord => !!f);
  if (!follows.length) return 0;
  await db.follows.bulkPut(
    follows.map((f) => {
      const ids = byThread.get(f.threadId) ?? [];
      return {
        ...f,
        pending: [...(f.pending ?? []), ...ids].slice(-MAX_PENDING),
        unseen: (f.unseen ?? 0) + ids.length,
      };
    }),
  );
  await updateFollowBadge(db);
  return flushFollowNotifications(db, now);
}

function notificationText(follow: FollowRecord, newest: StoryRecord | undefined, count: number): string {
  if (count === 1 && newest) return t('followNotificationOne', follow.title, newest.title);
  return t('followNotificationMany', count, follow.title);
}

/** Raises one notification per followed thread with pending stories, unless one was raised within the hour. */
export async function flushFollowNotifications(db: BackstoryDB, now = Date.now()): Promise<number> {
  const due = (await db.follows.toArray()).filter(
    (f) =>
      f.pending?.length &&
      (f.lastNotificationTs === undefined || now - f.lastNotificationTs >= NOTIFY_EVERY_MS),
  );
  let raised = 0;
  for (const f of due) {
    const ids = f.pending ?? [];
    const stories = (await db.stories.bulkGet(ids)).filter((s): s is StoryRecord => !!s);
    const updated: FollowRecord = { ...f, pending: [], lastNotificationTs: now, lastNotifiedTs: now };
    if (stories.length) {
      const newest = stories.reduce((a, b) => (b.publishedTs > a.publishedTs ? b : a));
      try {
        await browser.notifications.create(NOTIFICATION_PREFIX + f.threadId, {
          type: 'basic',
          iconUrl: browser.runtime.getURL('/icon/128.png'),
          title: t('extName'),
          message: notificationText(f, newest, stories.length),
        });
        raised++;
      } catch {
        // Notifications turned off by the reader or the system: the badge still shows the count.
      }
    }
    await db.follows.put(updated);
  }
  return raised;
}

/** The toolbar badges after the followed news changed (lib/background/badge.ts). */
export async function updateFollowBadge(db: BackstoryDB): Promise<void> {
  await refreshBadges(db);
}

/** The thread a notification is about, from its id. */
export function threadOfNotification(id: string): string | null {
  return id.startsWith(NOTIFICATION_PREFIX) ? id.slice(NOTIFICATION_PREFIX.length) : null;
}
