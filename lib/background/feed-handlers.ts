/**
 * The message handlers of feeds, follows, discovery, backfill and retention (lib/messaging.ts), spread into
 * createHandlers.
 * Adding or following a feed fetches nothing: the page asked the browser for the feed's site first, and the
 * poller fetches it. "Find more coverage" is the one request made on the reader's click (lib/feeds/backfill.ts).
 */
import type { BackstoryDB } from '@/lib/db/schema';
import { backfillSettings, findMoreCoverage, setBackfillSettings } from '@/lib/feeds/backfill';
import { feedOffersForTab, followPageFeed } from '@/lib/feeds/discovery';
import { followState, followThread, listFollows, unfollowThread } from '@/lib/feeds/follows';
import { retentionSettings, setRetentionPolicy } from '@/lib/feeds/retention';
import { feedsEnabled, setFeedsEnabled } from '@/lib/feeds/settings';
import { addFeed, exportOpml, importOpml, listFeeds, removeFeed } from '@/lib/feeds/store';
import type { Handlers } from '@/lib/messaging';
import type { StoryService } from '@/lib/story-service';
import { runFeedsAlarm } from './feeds';

export type FeedHandlers = Pick<
  Handlers,
  | 'listFeeds'
  | 'addFeed'
  | 'removeFeed'
  | 'importOpml'
  | 'exportOpml'
  | 'setFeedsEnabled'
  | 'pollFeeds'
  | 'getFollow'
  | 'followThread'
  | 'unfollowThread'
  | 'listFollows'
  | 'getPageFeeds'
  | 'followPageFeed'
  | 'getBackfillSettings'
  | 'setBackfillSettings'
  | 'findMoreCoverage'
  | 'getRetention'
  | 'setRetention'
>;

export function createFeedHandlers(db: BackstoryDB, service: StoryService): FeedHandlers {
  return {
    listFeeds: async () => ({ enabled: await feedsEnabled(db), feeds: await listFeeds(db) }),
    addFeed: (data) => addFeed(db, data),
    removeFeed: async ({ id }) => ({ removed: await removeFeed(db, id) }),
    importOpml: ({ text }) => importOpml(db, text),
    exportOpml: async () => ({ text: await exportOpml(db) }),
    async setFeedsEnabled({ enabled }) {
      await setFeedsEnabled(db, enabled);
      return { enabled };
    },
    async pollFeeds() {
      const run = await runFeedsAlarm(db, service, { force: true });
      return {
        enabled: run.enabled,
        fetched: run.feeds.length,
        newItems: run.newStories.length,
        teaserStubs: run.teaserStubs,
        notifications: run.notifications,
      };
    },
    getFollow: ({ threadId }) => followState(db, threadId),
    followThread: ({ threadId, title }) => followThread(db, threadId, title),
    unfollowThread: ({ threadId }) => unfollowThread(db, threadId),
    listFollows: () => listFollows(db),
    getPageFeeds: ({ tabId }) => feedOffersForTab(db, tabId),
    followPageFeed: (data) => followPageFeed(db, data),
    getBackfillSettings: () => backfillSettings(db),
    setBackfillSettings: (data) => setBackfillSettings(db, data),
    findMoreCoverage: ({ storyId }) => findMoreCoverage(db, service, storyId),
    getRetention: () => retentionSettings(db),
    setRetention: (policy) => setRetentionPolicy(db, policy),
  };
}
