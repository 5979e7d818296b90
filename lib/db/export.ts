/** Export of everything the reader's Backstory holds, versioned so a later import can migrate it. */
import type { BackstoryDB, SettingRecord, StoryRecord, TeaserRecord } from '@/lib/db/schema';

export const EXPORT_FORMAT = 'backstory-export';
export const EXPORT_VERSION = 1;

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  stories: StoryRecord[];
  teasers: TeaserRecord[];
  settings: SettingRecord[];
}

export async function exportAll(db: BackstoryDB, now: Date): Promise<ExportFile> {
  return db.transaction('r', [db.stories, db.teasers, db.settings], async () => ({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    stories: await db.stories.toArray(),
    teasers: await db.teasers.toArray(),
    settings: await db.settings.toArray(),
  }));
}

/** Deletes every stored record; returns how many stories were removed. */
export async function clearAll(db: BackstoryDB): Promise<number> {
  const tables = [db.stories, db.teasers, db.termStats, db.threads, db.entities, db.tabs, db.settings];
  return db.transaction('rw', tables, async () => {
    const n = await db.stories.count();
    await Promise.all(tables.map((t) => t.clear()));
    return n;
  });
}
