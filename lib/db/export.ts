/** Export of everything the reader's Backstory holds, versioned so a later import can migrate it. */
import type { BackstoryDB, SettingRecord, StoryRecord, TeaserRecord } from '@/lib/db/schema';

export const EXPORT_FORMAT = 'backstory-export';
/**
 * 2: links are stored as the database keeps them since its v6 (storyId, score, kind, similarity; the reasons
 * are recomputed when shown). 1: links with their reasons. Import reads both.
 */
export const EXPORT_VERSION = 2;
export const READABLE_EXPORT_VERSIONS = [1, 2] as const;

/** Tables written to the file, and tables left out because import rebuilds them from the stories. */
export const EXPORTED_TABLES = ['stories', 'teasers', 'settings'] as const;
export const DERIVED_TABLES = ['termStats', 'entities', 'threads'] as const;

/** What the file holds and what it leaves out, for whoever reads it (import ignores it). */
export interface ExportSchemaNote {
  /** The Dexie schema version the records come from (lib/db/schema.ts). */
  dbVersion: number;
  tables: readonly string[];
  derived: readonly string[];
  note: string;
}

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  /** EXPORT_VERSION when written by this version; files of earlier versions are read too. */
  version: (typeof READABLE_EXPORT_VERSIONS)[number];
  exportedAt: string;
  /** Absent from files written before it was added (same format version). */
  schema?: ExportSchemaNote;
  stories: StoryRecord[];
  teasers: TeaserRecord[];
  settings: SettingRecord[];
}

export async function exportAll(db: BackstoryDB, now: Date): Promise<ExportFile> {
  return db.transaction('r', [db.stories, db.teasers, db.settings], async () => ({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    schema: {
      dbVersion: db.verno,
      tables: EXPORTED_TABLES,
      derived: DERIVED_TABLES,
      note:
        'termStats (document frequencies), entities (search names) and threads (thread centroids) are derived ' +
        'from the stories and rebuilt on import; tabs (what each open tab shows) are not exported.',
    },
    stories: await db.stories.toArray(),
    teasers: await db.teasers.toArray(),
    settings: await db.settings.toArray(),
  }));
}

/**
 * Deletes every stored record, in every table the schema declares (a table added later is wiped too); returns how
 * many stories were removed.
 */
export async function clearAll(db: BackstoryDB): Promise<number> {
  return db.transaction('rw', db.tables, async () => {
    const n = await db.stories.count();
    await Promise.all(db.tables.map((t) => t.clear()));
    return n;
  });
}
