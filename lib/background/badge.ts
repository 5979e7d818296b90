/**
 * The toolbar badge (MV3 `action`, MV2 `browserAction`). An article tab shows its related stories' count; new
 * stories in threads the reader follows, not seen yet, show on every tab and take precedence, article tabs
 * included (core/feeds/badge.ts says why). The global badge carries the followed news; a tab without an article
 * has no badge of its own, so it shows the global one. The tooltip names both counts.
 */
import { browser } from 'wxt/browser';
import { type BadgeState, badgeFor } from '@/core/feeds/badge';
import type { BackstoryDB } from '@/lib/db/schema';
import { t } from '@/lib/i18n';

function actionApi() {
  return browser.action ?? browser.browserAction;
}

/** New stories in followed threads the reader has not looked at yet. */
export async function followedUnseen(db: BackstoryDB): Promise<number> {
  let unseen = 0;
  await db.follows.each((f) => {
    unseen += f.unseen ?? 0;
  });
  return unseen;
}

function tooltip(related: number | null, unseen: number): string {
  const parts = [t('extName')];
  if (unseen > 0) parts.push(t('badgeFollowedNews', unseen));
  if (related !== null && related > 0) parts.push(t('badgeRelatedStories', related));
  return parts.join(' · ');
}

async function apply(state: BadgeState, title: string, tabId?: number): Promise<void> {
  const action = actionApi();
  if (!action) return;
  const scope = tabId === undefined ? {} : { tabId };
  try {
    await action.setBadgeText({ ...scope, text: state.text });
    if (state.text) await action.setBadgeBackgroundColor({ ...scope, color: state.color });
    await action.setTitle({ ...scope, title });
  } catch {
    // The tab was closed meanwhile, or there is no toolbar button.
  }
}

/** A tab without a badge of its own: it shows the global one (followed news, or nothing). */
async function clearTab(tabId: number): Promise<void> {
  const action = actionApi();
  if (!action) return;
  try {
    // null (not ""): the tab-specific text is removed and the global badge shows (Chrome and Firefox).
    await action.setBadgeText({ tabId, text: null as unknown as string });
  } catch {
    // The tab was closed meanwhile.
  }
}

/**
 * The badge of one tab: `related` is the count of the article it shows, null when it shows no article. Without
 * followed news and without related stories the tab falls back to the global badge.
 */
export async function setTabBadge(
  db: BackstoryDB,
  tabId: number,
  related: number | null,
  unseen?: number,
): Promise<void> {
  const news = unseen ?? (await followedUnseen(db));
  if (related === null || related === 0 || news > 0) {
    // Followed news (or nothing) is what the global badge shows: the tab shows it too.
    await clearTab(tabId);
    if (related !== null && related > 0) {
      const action = actionApi();
      await action?.setTitle({ tabId, title: tooltip(related, news) }).catch(() => undefined);
    }
    return;
  }
  await apply(badgeFor(related, news), tooltip(related, news), tabId);
}

/**
 * Brings every badge up to date after the followed news changed: the global badge, and each tab that shows an
 * article (its related count comes back once the news are seen).
 */
export async function refreshBadges(db: BackstoryDB): Promise<void> {
  const unseen = await followedUnseen(db);
  await apply(badgeFor(null, unseen), tooltip(null, unseen));
  const tabs = (await db.tabs.toArray()).filter((r) => r.view === 'ready' && r.storyId !== null);
  if (!tabs.length) return;
  const stories = await db.stories.bulkGet(tabs.map((r) => r.storyId!));
  await Promise.all(tabs.map((r, i) => setTabBadge(db, r.tabId, stories[i]?.related.length ?? null, unseen)));
}
