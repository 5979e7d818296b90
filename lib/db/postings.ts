/**
 * The candidate look-up's postings, kept per key as one record. Linking reads, for each of a new story's entity
 * keys and salient terms, the newest MAX_POSTINGS stories indexed under it. Read from the stories' multiEntry
 * index, that is one index entry per story: at 100,000 stories, 26 keys of up to 1,000 entries each were most of
 * an ingest's time (docs/measurements.md). The `postings` table keeps, for a key with many stories, the same ids
 * as one record, read in one request.
 *
 * The index stays the truth; a record is a copy of it, exact or absent:
 * - a record, when present, holds exactly the newest min(n, MAX_POSTINGS) ids under its key, ascending;
 * - a key has a record only once its postings are worth one (MIN_CACHED), and the look-up reads the index for
 *   any key without one;
 * - whoever adds a key to a story, takes one from it or deletes the story updates the record or deletes it
 *   (ingest: `updatePostings`; retention, import: `refreshPostings`); a key without a record gets one from the
 *   index at the next ingest whose look-up finds it worth one.
 */
import type { BackstoryDB, PostingsRecord } from '@/lib/db/schema';

/**
 * Stories read per key by the candidate look-up, newest first. A key in thousands of stories (a country, a
 * common word) weighs little in tf-idf and mostly finds old stories the time discount ranks low; its newest
 * postings are what linking can use. The cap must still reach back over a long story: at 400, Timeline17's
 * threads (hundreds of articles over months, the same names in most) lost their older members as candidates, and
 * thread B3F1 fell from 0.863 to 0.855; at 1,000 it is 0.863 again, the same as reading every posting
 * (docs/measurements.md).
 */
export const MAX_POSTINGS = 1000;

/** A key whose index read returns fewer ids is read from the index every time: cheap, and not worth a record. */
export const MIN_CACHED = 64;

export type PostingIndex = 'entityKeys' | 'terms';

/** The record key of `key` in `index` (entity keys hold a ':', terms never do; the prefix keeps them apart anyway). */
export function postingKey(index: PostingIndex, key: string): string {
  return `${index === 'entityKeys' ? 'e' : 't'}|${key}`;
}

/** The keys a story is indexed under, as record keys. */
export function storyPostingKeys(story: {
  entityKeys?: readonly string[];
  terms?: readonly string[];
}): string[] {
  return [
    ...(story.entityKeys ?? []).map((k) => postingKey('entityKeys', k)),
    ...(story.terms ?? []).map((t) => postingKey('terms', t)),
  ];
}

function splitKey(recordKey: string): [PostingIndex, string] {
  return [recordKey.startsWith('e|') ? 'entityKeys' : 'terms', recordKey.slice(2)];
}

/** A record as stored: its ids as 32-bit integers, copied in and out of IndexedDB as one block of bytes. */
function postings(key: string, ids: readonly number[]): PostingsRecord {
  return { key, ids: Uint32Array.from(ids) };
}

/** The newest `max` ids under `key` in the stories' index, ascending. */
async function fromIndex(db: BackstoryDB, index: PostingIndex, key: string, max: number): Promise<number[]> {
  const ids = (await db.stories.where(index).equals(key).reverse().limit(max).primaryKeys()) as number[];
  return ids.reverse();
}

export interface PostingsRead {
  /** The ids of each key, in the order asked: at most `max`, the newest. */
  lists: (readonly number[] | Uint32Array)[];
  /** Keys read from the index that have enough postings for a record (`updatePostings` builds them). */
  worthCaching: string[];
}

/**
 * The newest `max` (≤ MAX_POSTINGS) ids under each key: from its record when there is one, else from the index,
 * the index queries issued together. Call inside a transaction on stories and postings (or none).
 */
export async function readPostings(
  db: BackstoryDB,
  keys: readonly (readonly [PostingIndex, string])[],
  max = MAX_POSTINGS,
): Promise<PostingsRead> {
  const recordKeys = keys.map(([index, key]) => postingKey(index, key));
  return db.transaction('r', [db.stories, db.postings], async () => {
    const records = max <= MAX_POSTINGS ? await db.postings.bulkGet(recordKeys) : [];
    const worthCaching: string[] = [];
    const lists = await Promise.all(
      keys.map(async ([index, key], i) => {
        const record = records[i];
        if (record) return record.ids.length > max ? record.ids.slice(-max) : record.ids;
        const ids = await fromIndex(db, index, key, max);
        if (ids.length >= MIN_CACHED) worthCaching.push(recordKeys[i]!);
        return ids;
      }),
    );
    return { lists, worthCaching };
  });
}

/** Ascending `ids` with `id` in it (once), keeping the newest `cap`: an id older than a full list's oldest stays out. */
export function withPosting(ids: ArrayLike<number>, id: number, cap = MAX_POSTINGS): number[] {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  const list = Array.from(ids);
  if (list[lo] === id) return list;
  list.splice(lo, 0, id);
  return list.length > cap ? list.slice(list.length - cap) : list;
}

/**
 * Ascending `ids` without `id`, or null when the list is full (`cap` ids): the index may hold an older id that
 * would then belong in it, so the record must be rebuilt rather than trimmed.
 */
export function withoutPosting(ids: ArrayLike<number>, id: number, cap = MAX_POSTINGS): number[] | null {
  if (ids.length >= cap) return null;
  return Array.from(ids).filter((x) => x !== id);
}

/**
 * Keeps the records right after story `id` was written (added, or changed from `before`). Keys the story gained:
 * its id goes into their records; keys in `build` without a record get one from the index (the story is written,
 * so it is in it). Keys it lost: its id leaves a record that holds every posting, and a full record (which would
 * then lack the one before its oldest) is deleted. Call after the story's write, in the same rw transaction on
 * stories and postings.
 */
export async function updatePostings(
  db: BackstoryDB,
  id: number,
  before: { entityKeys?: readonly string[]; terms?: readonly string[] } | undefined,
  after: { entityKeys?: readonly string[]; terms?: readonly string[] },
  build: readonly string[] = [],
): Promise<void> {
  const had = new Set(before ? storyPostingKeys(before) : []);
  const has = new Set(storyPostingKeys(after));
  const gained = [...has].filter((k) => !had.has(k));
  const lost = [...had].filter((k) => !has.has(k));
  const toBuild = new Set(build.filter((k) => has.has(k)));
  const keys = [...new Set([...gained, ...lost, ...toBuild])];
  if (!keys.length) return;
  // Read again here although the look-up read some of them: another ingest may have written them in between.
  const records = await db.postings.bulkGet(keys);
  const puts: PostingsRecord[] = [];
  const deletes: string[] = [];
  const builds: Promise<void>[] = [];
  keys.forEach((key, i) => {
    const record = records[i];
    if (has.has(key)) {
      if (record) {
        const ids = withPosting(record.ids, id);
        if (ids.length !== record.ids.length || ids[0] !== record.ids[0]) puts.push(postings(key, ids));
      } else if (toBuild.has(key)) {
        const [index, value] = splitKey(key);
        builds.push(
          fromIndex(db, index, value, MAX_POSTINGS).then((ids) => {
            puts.push(postings(key, ids));
          }),
        );
      }
    } else if (record) {
      const ids = withoutPosting(record.ids, id);
      if (ids) puts.push(postings(key, ids));
      else deletes.push(key);
    }
  });
  await Promise.all(builds);
  await Promise.all([
    puts.length ? db.postings.bulkPut(puts) : null,
    deletes.length ? db.postings.bulkDelete(deletes) : null,
  ]);
}

/**
 * After stories were deleted, imported or rewritten outside ingest: the records of their keys are read again from
 * the index, and with `build` (an import) a key without one gets one when it now has MIN_CACHED stories or more,
 * as ingest would have built it, so linking after a restore is as fast as before it. Call in the transaction that
 * writes the stories, after the writes.
 */
export async function refreshPostings(
  db: BackstoryDB,
  stories: readonly { entityKeys?: readonly string[]; terms?: readonly string[] }[],
  options: { build?: boolean } = {},
): Promise<void> {
  const keys = [...new Set(stories.flatMap((s) => storyPostingKeys(s)))];
  if (!keys.length) return;
  const records = await db.postings.bulkGet(keys);
  const rebuilt = await Promise.all(
    keys.map(async (key, i) => {
      if (!records[i] && !options.build) return null;
      const [index, value] = splitKey(key);
      // A key without a record is first read as far as MIN_CACHED: most keys stop there.
      if (!records[i] && (await fromIndex(db, index, value, MIN_CACHED)).length < MIN_CACHED) return null;
      return postings(key, await fromIndex(db, index, value, MAX_POSTINGS));
    }),
  );
  const puts = rebuilt.filter((r): r is PostingsRecord => !!r?.ids.length);
  const deletes = keys.filter((_key, i) => records[i] && !rebuilt[i]?.ids.length);
  await Promise.all([db.postings.bulkPut(puts), db.postings.bulkDelete(deletes)]);
}
