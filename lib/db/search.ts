/**
 * The search box's query: the reader's stories by title words, and people, organisations and places by name
 * or alias, through the `stories.*titleWords`, `entities.*words` and `stories.*entityKeys` indexes. Every word
 * of the query must match (the last one as a prefix, so results come as the reader types). Never a scan.
 */
import { summaryOf } from '@/core/context/build-context';
import type { EntitySearchHit, SearchResults } from '@/core/model';
import { searchWords } from '@/core/search/search-words';
import type { BackstoryDB, StoryRecord } from '@/lib/db/schema';

export const MAX_QUERY_CHARS = 200;
const MAX_QUERY_WORDS = 8;
/** Entities considered before ranking by how many stories mention them. */
const MAX_ENTITY_CANDIDATES = 30;
/** Entities whose stories are added after the title matches. */
const ENTITY_STORY_SOURCES = 3;

function intersect(sets: Set<string | number>[]): Set<string | number> {
  const [first, ...rest] = [...sets].sort((a, b) => a.size - b.size);
  if (!first) return new Set();
  return new Set([...first].filter((x) => rest.every((s) => s.has(x))));
}

export async function search(
  db: BackstoryDB,
  query: string,
  options: { maxStories?: number; maxEntities?: number } = {},
): Promise<SearchResults> {
  const maxStories = options.maxStories ?? 10;
  const maxEntities = options.maxEntities ?? 6;
  const words = searchWords(String(query ?? '').slice(0, MAX_QUERY_CHARS)).slice(0, MAX_QUERY_WORDS);
  // A single letter would match half the index: wait for a second one.
  if (words.length === 0 || (words.length === 1 && words[0]!.length < 2))
    return { stories: [], entities: [] };

  const titleSets: Set<string | number>[] = [];
  const entitySets: Set<string | number>[] = [];
  for (const word of words) {
    titleSets.push(new Set(await db.stories.where('titleWords').startsWith(word).primaryKeys()));
    entitySets.push(new Set(await db.entities.where('words').startsWith(word).primaryKeys()));
  }
  const titleIds = [...intersect(titleSets)] as number[];
  const entityKeys = ([...intersect(entitySets)] as string[]).sort().slice(0, MAX_ENTITY_CANDIDATES);

  const records = await db.entities.bulkGet(entityKeys);
  const hits: (EntitySearchHit & { ids: number[] })[] = [];
  for (const e of records) {
    if (!e) continue;
    const ids = (await db.stories.where('entityKeys').equals(e.key).primaryKeys()) as number[];
    if (ids.length) hits.push({ key: e.key, name: e.name, type: e.type, count: ids.length, ids });
  }
  hits.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));

  // Title matches first, then stories naming the best entity matches; newest stored first within each.
  const ordered = [
    ...titleIds.sort((a, b) => b - a),
    ...hits.slice(0, ENTITY_STORY_SOURCES).flatMap((h) => [...h.ids].sort((a, b) => b - a)),
  ];
  const ids = [...new Set(ordered)].slice(0, maxStories);
  const stories = (await db.stories.bulkGet(ids)).filter((s): s is StoryRecord => !!s).map(summaryOf);
  return {
    stories,
    entities: hits.slice(0, maxEntities).map(({ key, name, type, count }) => ({ key, name, type, count })),
  };
}
