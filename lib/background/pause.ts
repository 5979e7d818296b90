/**
 * "Pause on this site": the reader's list of sites Backstory must not read. A page from a paused site is not
 * read, stored or linked (its headlines neither); what was stored before stays until the reader deletes it.
 */
import { siteOf } from '@/core/site';
import type { BackstoryDB } from '@/lib/db/schema';

export const PAUSED_SITES_KEY = 'pausedSites';

export async function pausedSites(db: BackstoryDB): Promise<string[]> {
  const value = (await db.settings.get(PAUSED_SITES_KEY))?.value;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export async function isPaused(db: BackstoryDB, url: string): Promise<boolean> {
  const site = siteOf(url);
  return site !== null && (await pausedSites(db)).includes(site);
}

export async function setSitePaused(db: BackstoryDB, site: string, paused: boolean): Promise<string[]> {
  const key = site.toLowerCase().replace(/^www\./, '');
  return db.transaction('rw', db.settings, async () => {
    const sites = new Set(await pausedSites(db));
    if (paused) sites.add(key);
    else sites.delete(key);
    const value = [...sites].sort();
    await db.settings.put({ key: PAUSED_SITES_KEY, value });
    return value;
  });
}
