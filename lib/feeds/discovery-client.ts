/**
 * The real FeedOfferControl (components/context/feed-offers.tsx) and BackfillControl
 * (components/context/more-coverage.tsx): the permission prompt in the reader's click, then the messages.
 */
import { browser } from 'wxt/browser';
import type { FeedOfferControl } from '@/components/context/feed-offers';
import type { BackfillControl } from '@/components/context/more-coverage';
import type { BackfillSettingsClient } from '@/components/options/backfill-section';
import { originPattern } from '@/core/site';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging';

/** `currentTabId()`: the tab the popup or side panel shows. */
export function createFeedOfferControl(currentTabId: () => number | null): FeedOfferControl {
  return {
    async list() {
      const tabId = currentTabId();
      if (tabId === null) return [];
      return (await sendMessage('getPageFeeds', { tabId })).feeds;
    },
    follow(offer, pageUrl) {
      // The prompt first, before anything is awaited. The feed is stored whatever the answer (the popup may
      // close while the prompt is open): without access the poller fetches nothing, and the options page says so.
      const granted = browser.permissions.request({ origins: [originPattern(offer.url)] });
      const siteUrl = pageUrl && /^https?:\/\//i.test(pageUrl) ? new URL(pageUrl).origin : undefined;
      const followed = sendMessage('followPageFeed', {
        url: offer.url,
        ...(offer.title && { title: offer.title }),
        ...(siteUrl && { siteUrl }),
      });
      return { granted, followed };
    },
  };
}

export function createBackfillControl(): BackfillControl {
  return {
    settings: () => sendMessage('getBackfillSettings', {}),
    find(storyId, origin) {
      // In the click, before anything is awaited: the prompt for the provider's site.
      const asked = browser.permissions.request({ origins: [origin] });
      return asked.then((granted) => {
        if (!granted) throw new Error(t('backfillNotGranted', new URL(origin.replace(/\/\*$/, '/')).host));
        return sendMessage('findMoreCoverage', { storyId });
      });
    },
  };
}

/** The options page's backfill switch (components/options/backfill-section.tsx). */
export function createBackfillSettingsClient(): BackfillSettingsClient {
  return {
    getSettings: () => sendMessage('getBackfillSettings', {}),
    setEnabled: (enabled) => sendMessage('setBackfillSettings', { enabled }),
  };
}
