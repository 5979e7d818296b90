/** The feeds switch: off until the reader turns it on on the options page. Stored in `db.settings`. */
import type { BackstoryDB } from '@/lib/db/schema';

export const FEEDS_ENABLED_KEY = 'feeds.enabled';

export async function feedsEnabled(db: BackstoryDB): Promise<boolean> {
  return (await db.settings.get(FEEDS_ENABLED_KEY))?.value === true;
}

export async function setFeedsEnabled(db: BackstoryDB, enabled: boolean): Promise<void> {
  await db.settings.put({ key: FEEDS_ENABLED_KEY, value: enabled });
}
