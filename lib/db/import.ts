/**
 * Import of an export file (lib/db/export.ts: format "backstory-export", version 1 or 2).
 *
 * The whole file is validated first (valibot: types, http(s) URLs, sizes, unique ids and URLs); a file that
 * fails is refused with an `ImportError` and the database is not touched. A valid file is merged in one
 * transaction:
 *
 * - **Stories** are keyed by canonical URL. A story not on this device is added, under its id from the file
 *   when that id is free (so a backup restored into an emptied database keeps its ids), else under a new one;
 *   its links to other stories of the file follow it. Its thread and event keep their ids unless a story on
 *   this device already uses them, in which case they are renamed.
 * - A story **already on this device is kept** (its title, text, analysis, thread and event): only the reading
 *   history is merged in from the file — the URLs it was seen under, the earliest first sight, the latest
 *   visit (and the one before it), the larger visit count — and its related stories become the union of both
 *   lists (best score per story, at most MAX_RELATED). Importing the same file twice changes nothing.
 * - **Teasers** are keyed by URL: one already stored is kept, a new one is added. **Settings** are keyed by
 *   key: the device's value is kept, a missing one is added.
 * - **Derived data** is rebuilt from the stories: document frequencies (`termStats`) and the search names
 *   (`entities`) over all stories, and the centroids of the threads the imported stories belong to (marked
 *   dirty, so the idle-time healing pass may merge them with the device's threads). Stories already on the
 *   device are not re-linked against the imported ones; the next ingest links new articles against both.
 */
import * as v from 'valibot';
import { addToSum, type CentroidSum, centroidKeys } from '@/core/link/clusters';
import { weighFeatures } from '@/core/link/similarity';
import { titleWords } from '@/core/search/search-words';
import { EXPORT_FORMAT, EXPORT_VERSION, READABLE_EXPORT_VERSIONS } from '@/lib/db/export';
import { refreshPostings } from '@/lib/db/postings';
import {
  type BackstoryDB,
  CoverageCounter,
  type EntityRecord,
  mergeEntity,
  type SettingRecord,
  type StoredLink,
  type StoryRecord,
  storedLink,
  type TeaserRecord,
  type TermStat,
  type ThreadRecord,
  wireFields,
} from '@/lib/db/schema';
import { STORIES_COUNT } from '@/lib/db/stories';
import {
  boundedArray,
  boundedString,
  describeIssues,
  httpUrl as httpUrlSchema,
  LIMITS,
  teaserEntries,
  thousands,
} from '@/lib/protocol-schema';

/** Thrown for a file that cannot be imported; the database is unchanged. The message is for the reader. */
export class ImportError extends Error {
  override name = 'ImportError';
}

/** Sizes an import file may have (on top of the field limits of lib/protocol-schema.ts). */
export const IMPORT_LIMITS = {
  stories: 500_000,
  teasers: 1_000_000,
  settings: 10_000,
  /** A setting's value, as JSON. */
  settingChars: 1_000_000,
  /** URLs one story was seen under. */
  urls: 1_000,
  /** Per story: entity keys, indexed terms, term counts, entities, related stories. */
  keys: 10_000,
  /** Per story: dated and past sentences. */
  sentences: 100_000,
  /** Per story: revisions, and paragraphs per revision. */
  revisions: 100,
  revisionParagraphs: 1_000,
} as const;

/** Related stories kept per story (as lib/story-service.ts keeps). */
const MAX_RELATED = 20;

const httpUrl = httpUrlSchema();
const line = (what?: string) => boundedString(LIMITS.line, what);
const nullableLine = v.nullable(line());
const finite = v.pipe(v.number(), v.finite());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const storyId = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER));

const sentenceRef = {
  text: boundedString(LIMITS.text, 'sentence'),
  start: count,
  end: count,
};

const storySchema = v.object({
  id: storyId,
  url: httpUrl,
  urls: boundedArray(httpUrl, IMPORT_LIMITS.urls, 'URLs'),
  title: line('title'),
  publisher: nullableLine,
  publishedAt: nullableLine,
  publishedTs: finite,
  modifiedAt: nullableLine,
  authors: boundedArray(line('author'), LIMITS.authors, 'authors'),
  lang: nullableLine,
  section: nullableLine,
  image: v.nullable(httpUrl),
  description: v.nullable(boundedString(LIMITS.paragraph, 'description')),
  text: boundedString(LIMITS.text, 'story text'),
  partial: v.boolean(),
  source: v.picklist(['visit', 'import', 'feed', 'teaser']),
  entityKeys: boundedArray(line('key'), IMPORT_LIMITS.keys, 'entity keys'),
  terms: boundedArray(line('term'), IMPORT_LIMITS.keys, 'terms'),
  termCounts: v.pipe(
    v.record(line('term'), v.pipe(finite, v.minValue(0))),
    v.maxEntries(IMPORT_LIMITS.keys, `more than ${IMPORT_LIMITS.keys} term counts`),
  ),
  entities: boundedArray(
    v.object({
      key: line('key'),
      name: line('name'),
      type: v.picklist(['person', 'organization', 'place']),
      count,
      first: count,
      role: v.optional(line('role')),
    }),
    IMPORT_LIMITS.keys,
    'entities',
  ),
  dated: boundedArray(
    v.object({
      ...sentenceRef,
      date: line('date'),
      dateEnd: v.optional(line('date')),
      expression: line('expression'),
    }),
    IMPORT_LIMITS.sentences,
    'dated sentences',
  ),
  past: boundedArray(v.object(sentenceRef), IMPORT_LIMITS.sentences, 'past sentences'),
  eventId: line('event id'),
  threadId: line('thread id'),
  // Version 2 files store links as the database does (v6: no reasons); version 1 files with their reasons,
  // which are dropped (they are recomputed when shown) once the similarity is taken from them.
  related: boundedArray(
    v.pipe(
      v.object({
        storyId,
        score: finite,
        kind: v.picklist(['event', 'thread', 'related']),
        similarity: v.optional(finite),
        reasons: v.optional(
          v.object({
            entities: boundedArray(line('name'), IMPORT_LIMITS.keys, 'names'),
            terms: boundedArray(line('term'), IMPORT_LIMITS.keys, 'terms'),
            daysApart: v.nullable(finite),
            similarity: finite,
          }),
        ),
      }),
      v.transform((link) => storedLink(link)),
    ),
    IMPORT_LIMITS.keys,
    'related stories',
  ),
  firstSeenTs: finite,
  lastSeenTs: finite,
  visits: count,
  prevSeenTs: v.optional(finite),
  revisions: v.optional(
    boundedArray(
      v.object({
        seenTs: finite,
        previousSeenTs: finite,
        previousTitle: line('title'),
        previousTextHash: line('hash'),
        title: v.optional(line('title')),
        added: boundedArray(boundedString(LIMITS.text), IMPORT_LIMITS.revisionParagraphs, 'paragraphs'),
        removed: boundedArray(boundedString(LIMITS.text), IMPORT_LIMITS.revisionParagraphs, 'paragraphs'),
        addedCount: count,
        removedCount: count,
      }),
      IMPORT_LIMITS.revisions,
      'revisions',
    ),
  ),
  // titleWords (from the title) and the wire fingerprint (from the text) are derived: recomputed on import,
  // whatever the file says.
});

const teaserRecordSchema = v.object({
  ...teaserEntries(),
  id: v.optional(storyId),
  seenOnStoryId: v.nullable(storyId),
  seenOnUrl: httpUrl,
  seenTs: finite,
});

const settingSchema = v.object({
  key: line('key'),
  value: v.pipe(
    v.unknown(),
    v.check(
      (value) => value !== undefined && jsonLength(value) <= IMPORT_LIMITS.settingChars,
      `value missing or larger than ${thousands(IMPORT_LIMITS.settingChars)} characters`,
    ),
  ),
});

function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? Number.POSITIVE_INFINITY;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

const fileSchema = v.object({
  format: v.literal(EXPORT_FORMAT),
  version: v.picklist(READABLE_EXPORT_VERSIONS),
  exportedAt: line('date'),
  stories: boundedArray(storySchema, IMPORT_LIMITS.stories, 'stories'),
  teasers: boundedArray(teaserRecordSchema, IMPORT_LIMITS.teasers, 'headlines'),
  settings: boundedArray(settingSchema, IMPORT_LIMITS.settings, 'settings'),
});

export type ImportedStory = v.InferOutput<typeof storySchema>;
export type ImportedFile = v.InferOutput<typeof fileSchema>;

export interface ImportSummary {
  stories: { added: number; merged: number };
  teasers: { added: number; kept: number };
  settings: { added: number; kept: number };
}

const NOTHING = 'Nothing was imported.';

function firstDuplicate<T>(items: readonly T[], key: (item: T) => unknown): number {
  const seen = new Set<unknown>();
  for (let i = 0; i < items.length; i++) {
    const k = key(items[i] as T);
    if (seen.has(k)) return i;
    seen.add(k);
  }
  return -1;
}

/**
 * Checks a whole export file (its text, or the parsed JSON) without touching any database. Throws an
 * ImportError saying what is wrong: not JSON, not a Backstory export, a newer version, or the first bad
 * records.
 */
export function parseExportFile(file: unknown): ImportedFile {
  let data = file;
  if (typeof file === 'string') {
    if (file.length > LIMITS.importChars) {
      throw new ImportError(
        `The file is too large (over ${thousands(LIMITS.importChars)} characters). ${NOTHING}`,
      );
    }
    try {
      data = JSON.parse(file);
    } catch {
      throw new ImportError(`The file is not JSON, so it is not a Backstory export. ${NOTHING}`);
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ImportError(`The file is not a Backstory export (it holds no export object). ${NOTHING}`);
  }
  const { format, version } = data as { format?: unknown; version?: unknown };
  if (format !== EXPORT_FORMAT) {
    throw new ImportError(
      `The file is not a Backstory export (its format is ${format === undefined ? 'missing' : JSON.stringify(String(format).slice(0, 60))}, not "${EXPORT_FORMAT}"). ${NOTHING}`,
    );
  }
  if (typeof version === 'number' && Number.isFinite(version) && version > EXPORT_VERSION) {
    throw new ImportError(
      `The file was exported by a newer Backstory (export version ${version}); this version reads versions up to ${EXPORT_VERSION}. Update Backstory, then import it again. ${NOTHING}`,
    );
  }
  if (!(READABLE_EXPORT_VERSIONS as readonly unknown[]).includes(version)) {
    throw new ImportError(
      `The file has an unknown export version (${JSON.stringify(String(version).slice(0, 20))}); this version reads versions up to ${EXPORT_VERSION}. ${NOTHING}`,
    );
  }
  const result = v.safeParse(fileSchema, data);
  if (!result.success) {
    throw new ImportError(
      `The file is not a valid Backstory export: ${describeIssues(result.issues)}. ${NOTHING}`,
    );
  }
  const parsed = result.output;
  const dupId = firstDuplicate(parsed.stories, (s) => s.id);
  if (dupId >= 0) {
    throw new ImportError(
      `The file is not a valid Backstory export: stories[${dupId}].id: used twice. ${NOTHING}`,
    );
  }
  const dupUrl = firstDuplicate(parsed.stories, (s) => s.url);
  if (dupUrl >= 0) {
    throw new ImportError(
      `The file is not a valid Backstory export: stories[${dupUrl}].url: used twice. ${NOTHING}`,
    );
  }
  const dupTeaser = firstDuplicate(parsed.teasers, (t) => t.url);
  if (dupTeaser >= 0) {
    throw new ImportError(
      `The file is not a valid Backstory export: teasers[${dupTeaser}].url: used twice. ${NOTHING}`,
    );
  }
  const dupKey = firstDuplicate(parsed.settings, (s) => s.key);
  if (dupKey >= 0) {
    throw new ImportError(
      `The file is not a valid Backstory export: settings[${dupKey}].key: used twice. ${NOTHING}`,
    );
  }
  return parsed;
}

/**
 * The union of two related lists, best score per story, strongest first (the device's order kept among equal
 * scores, so merging the same file again changes nothing), bounded.
 */
function unionRelated(a: readonly StoredLink[], b: readonly StoredLink[], self: number): StoredLink[] {
  const best = new Map<number, StoredLink>();
  for (const link of [...a, ...b]) {
    if (link.storyId === self) continue;
    const known = best.get(link.storyId);
    if (!known || link.score > known.score) best.set(link.storyId, link);
  }
  return [...best.values()].sort((x, y) => y.score - x.score).slice(0, MAX_RELATED);
}

/** The device's story with the reading history of the same story from the file. */
function mergeReading(device: StoryRecord, file: ImportedStory, related: StoredLink[]): StoryRecord {
  const lastSeenTs = Math.max(device.lastSeenTs, file.lastSeenTs);
  const earlier = [device.lastSeenTs, device.prevSeenTs, file.lastSeenTs, file.prevSeenTs].filter(
    (t): t is number => t !== undefined && t < lastSeenTs,
  );
  const merged: StoryRecord = {
    ...device,
    urls: [...new Set([...device.urls, ...file.urls])].slice(0, IMPORT_LIMITS.urls),
    firstSeenTs: Math.min(device.firstSeenTs, file.firstSeenTs),
    lastSeenTs,
    visits: Math.max(device.visits, file.visits),
    source: device.source === 'visit' || file.source === 'visit' ? 'visit' : 'import',
    related: unionRelated(device.related, related, device.id),
  };
  if (earlier.length) merged.prevSeenTs = Math.max(...earlier);
  return merged;
}

/** Document frequencies over every stored story (what bumpDocFreq keeps up to date at each ingest). */
async function rebuildTermStats(db: BackstoryDB): Promise<{ size: number; df: Map<string, number> }> {
  const df = new Map<string, number>();
  let size = 0;
  await db.stories.each((s) => {
    size++;
    for (const term of Object.keys(s.termCounts)) df.set(term, (df.get(term) ?? 0) + 1);
  });
  await db.termStats.clear();
  await db.termStats.bulkPut([...df].map(([term, n]): TermStat => ({ term, df: n })));
  return { size, df };
}

/** The search names and coverage of every entity of every story, the most recently seen spelling shown. */
async function rebuildEntities(db: BackstoryDB): Promise<void> {
  const entities = new Map<string, EntityRecord>();
  const coverage = new CoverageCounter();
  await db.stories.orderBy('lastSeenTs').each((s) => {
    for (const e of s.entities) entities.set(e.key, mergeEntity(entities.get(e.key), e));
    coverage.add(s);
  });
  await db.entities.clear();
  await db.entities.bulkPut([...entities.values()].map((e) => coverage.apply(e)));
}

/** The centroid of each thread, from its stories' tf-idf unit vectors (as lib/threads.ts addToThread sums them). */
async function rebuildThreads(
  db: BackstoryDB,
  threadIds: Iterable<string>,
  freq: { size: number; df: Map<string, number> },
): Promise<number> {
  const docFreq = { size: freq.size, df: (t: string) => freq.df.get(t) ?? 0 };
  const records: ThreadRecord[] = [];
  for (const id of new Set(threadIds)) {
    const members = await db.stories.where('threadId').equals(id).sortBy('id');
    if (!members.length) continue;
    let sum: CentroidSum = {};
    for (const s of members) {
      sum = addToSum(
        sum,
        weighFeatures({ terms: s.termCounts, entities: {}, publishedTs: s.publishedTs }, docFreq).terms,
      );
    }
    const times = members.map((s) => s.publishedTs);
    records.push({
      id,
      size: members.length,
      sum,
      keys: centroidKeys(sum),
      firstTs: Math.min(...times),
      lastTs: Math.max(...times),
      dirty: 1,
    });
  }
  await db.threads.bulkPut(records);
  return records.length;
}

/**
 * Validates `file` (an export file's text or its parsed JSON) and merges it into `db` in one transaction.
 * Throws ImportError, with the database unchanged, for a file that is not a valid Backstory export.
 */
export async function importAll(db: BackstoryDB, file: unknown): Promise<ImportSummary> {
  const parsed = parseExportFile(file);
  const tables = [
    db.stories,
    db.teasers,
    db.settings,
    db.termStats,
    db.entities,
    db.threads,
    db.postings,
    db.counts,
  ];
  return db.transaction('rw', tables, async () => {
    // The stored number of stories is no longer right: without one, the next load counts them (createDocFreqCache).
    await db.counts.delete(STORIES_COUNT);
    const onDevice = new Map(
      (
        await db.stories
          .where('url')
          .anyOf(parsed.stories.map((s) => s.url))
          .toArray()
      ).map((s) => [s.url, s]),
    );
    const incoming = parsed.stories.filter((s) => !onDevice.has(s.url));
    const merging = parsed.stories.filter((s) => onDevice.has(s.url));

    // Ids: the file's id when free on this device, else a new one. Explicit ids are written first, so that
    // the ids IndexedDB generates afterwards never meet them.
    const idTaken = await db.stories.bulkGet(incoming.map((s) => s.id));
    const keepId = incoming.filter((_, i) => !idTaken[i]);
    const newId = incoming.filter((_, i) => idTaken[i]);
    const idMap = new Map<number, number>();
    for (const s of merging) idMap.set(s.id, onDevice.get(s.url)!.id);
    for (const s of keepId) idMap.set(s.id, s.id);

    // Threads and events already used on this device are renamed for the imported stories.
    const rename = async (ids: Set<string>, used: (id: string) => Promise<boolean>) => {
      const names = new Map<string, string>();
      const chosen = new Set<string>();
      for (const id of ids) {
        let name = id;
        if (await used(id)) {
          for (let n = 2; ; n++) {
            const candidate = `${id}.${n}`;
            if (!ids.has(candidate) && !chosen.has(candidate) && !(await used(candidate))) {
              name = candidate;
              break;
            }
          }
        }
        chosen.add(name);
        names.set(id, name);
      }
      return names;
    };
    const threadNames = await rename(
      new Set(incoming.map((s) => s.threadId)),
      async (id) =>
        (await db.stories.where('threadId').equals(id).count()) > 0 || !!(await db.threads.get(id)),
    );
    const eventNames = await rename(
      new Set(incoming.map((s) => s.eventId)),
      async (id) => (await db.stories.where('eventId').equals(id).count()) > 0,
    );

    const record = (s: ImportedStory, id: number): StoryRecord => ({
      ...s,
      id,
      threadId: threadNames.get(s.threadId) ?? s.threadId,
      eventId: eventNames.get(s.eventId) ?? s.eventId,
      titleWords: titleWords(s.title),
      ...wireFields(s.text, s.lang),
    });
    await db.stories.bulkPut(keepId.map((s) => record(s, s.id)));
    for (const s of newId) {
      const { id: _old, ...rest } = record(s, 0);
      idMap.set(s.id, (await db.stories.add(rest as StoryRecord)) as number);
    }
    // Links follow the ids; a link to a story that is neither in the file nor on the device is dropped.
    const remap = (list: readonly StoredLink[]) =>
      list.flatMap((r) => {
        const id = idMap.get(r.storyId);
        return id === undefined ? [] : [{ ...r, storyId: id }];
      });
    const written = await db.stories.bulkGet(incoming.map((s) => idMap.get(s.id)!));
    await db.stories.bulkPut(
      written.flatMap((s) =>
        s ? [{ ...s, related: remap(s.related).filter((r) => r.storyId !== s.id) }] : [],
      ),
    );
    const merged = merging.map((s) => {
      const device = onDevice.get(s.url)!;
      return mergeReading(device, s, remap(s.related));
    });
    await db.stories.bulkPut(merged);
    // New stories under their keys: the look-up's records of those keys are read again from the index, and
    // built for keys that now have many stories.
    await refreshPostings(db, [...written.flatMap((s) => (s ? [s] : [])), ...merging, ...merged], {
      build: true,
    });

    // Teasers by URL, settings by key: what the device has is kept.
    const knownTeasers = new Set(
      (
        await db.teasers
          .where('url')
          .anyOf(parsed.teasers.map((t) => t.url))
          .toArray()
      ).map((t) => t.url),
    );
    const freshTeasers = parsed.teasers
      .filter((t) => !knownTeasers.has(t.url))
      .map(
        ({ id: _id, ...t }): Omit<TeaserRecord, 'id'> => ({
          ...t,
          seenOnStoryId: t.seenOnStoryId === null ? null : (idMap.get(t.seenOnStoryId) ?? null),
        }),
      );
    if (freshTeasers.length) await db.teasers.bulkAdd(freshTeasers as TeaserRecord[]);
    const knownKeys = new Set(
      (await db.settings.bulkGet(parsed.settings.map((s) => s.key))).flatMap((s) => (s ? [s.key] : [])),
    );
    const freshSettings = parsed.settings.filter((s) => !knownKeys.has(s.key)) as SettingRecord[];
    if (freshSettings.length) await db.settings.bulkAdd(freshSettings);

    const freq = await rebuildTermStats(db);
    await rebuildEntities(db);
    await rebuildThreads(
      db,
      incoming.map((s) => threadNames.get(s.threadId) ?? s.threadId),
      freq,
    );
    return {
      stories: { added: incoming.length, merged: merging.length },
      teasers: { added: freshTeasers.length, kept: parsed.teasers.length - freshTeasers.length },
      settings: { added: freshSettings.length, kept: parsed.settings.length - freshSettings.length },
    };
  });
}
