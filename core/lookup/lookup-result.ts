/**
 * Shapes what a look-up shows ("Look up in Backstory" on a selected name or phrase) from what the search found:
 * the matching entities with their roles and other spellings, their stories newest first, and a timeline of
 * those stories' dated sentences that name the match, each with its source sentence. Pure: no IndexedDB.
 */

import { sourceOf } from '@/core/context/build-context';
import { compareDates, dayOf, rangeLabel } from '@/core/context/date-label';
import type {
  ArticleEntity,
  DatedSentence,
  EntityType,
  LookupEntity,
  LookupResult,
  StorySummary,
  TimelineEntry,
} from '@/core/model';

/** An entity the search matched, with its spellings (EntityRecord's fields). */
export interface LookupEntityInput {
  key: string;
  name: string;
  type: EntityType;
  /** How many stories mention it. */
  count: number;
  names: readonly string[];
}

/** A story the look-up shows, with what the timeline needs. */
export interface LookupStoryInput extends StorySummary {
  entities: readonly ArticleEntity[];
  dated: readonly DatedSentence[];
}

export interface LookupOptions {
  locale?: string;
  maxTimeline?: number;
  maxRoles?: number;
  maxAliases?: number;
}

const fold = (s: string) =>
  ` ${s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;

/** The phrases a sentence must contain to be about the match: names, a person's surname, or the query. */
export function lookupNeedles(query: string, entities: readonly LookupEntityInput[]): string[] {
  const needles = new Set<string>();
  for (const e of entities) {
    for (const name of [e.name, ...e.names]) {
      const folded = fold(name).trim();
      if (folded.length >= 3) needles.add(folded);
      if (e.type === 'person') {
        const last = folded.split(' ').pop();
        if (last && last.length > 3 && last !== folded) needles.add(last);
      }
    }
  }
  if (needles.size === 0) {
    const folded = fold(query).trim();
    if (folded.length >= 2) needles.add(folded);
  }
  return [...needles];
}

/** True when the text names one of the needles as whole words. */
export function mentions(text: string, needles: readonly string[]): boolean {
  const folded = fold(text);
  return needles.some((n) => folded.includes(` ${n} `));
}

/** Roles the stories give an entity, most frequent first ("North Korean leader"). */
export function rolesOf(key: string, stories: readonly LookupStoryInput[], max = 3): string[] {
  const counts = new Map<string, { role: string; n: number }>();
  for (const s of stories) {
    for (const e of s.entities) {
      if (e.key !== key || !e.role) continue;
      const id = e.role.toLowerCase();
      const c = counts.get(id);
      if (c) c.n++;
      else counts.set(id, { role: e.role, n: 1 });
    }
  }
  // "meet North Korean leader" is "North Korean leader" with a word of the sentence before it: count it there.
  const all = [...counts.values()];
  const kept = all.filter((c) => {
    const [first = '', ...rest] = c.role.split(' ');
    const tail = rest.join(' ').toLowerCase();
    const stray = /^\p{Ll}/u.test(first) && rest.length > 0;
    const shorter = stray ? all.find((o) => o !== c && o.role.toLowerCase() === tail) : undefined;
    if (shorter) shorter.n += c.n;
    return !shorter;
  });
  return kept
    .sort((a, b) => b.n - a.n || a.role.localeCompare(b.role))
    .slice(0, max)
    .map((c) => c.role);
}

function add(entries: TimelineEntry[], entry: TimelineEntry): void {
  const key = fold(entry.text);
  const same = entries.find(
    (e) => e.date === entry.date && e.dateEnd === entry.dateEnd && fold(e.text) === key,
  );
  if (!same) {
    entries.push(entry);
    return;
  }
  for (const s of entry.sources) if (!same.sources.some((x) => x.storyId === s.storyId)) same.sources.push(s);
}

/** Newest first by publication day, then by id (newest stored first). */
function newestFirst(a: StorySummary, b: StorySummary): number {
  const da = dayOf(a.publishedAt) ?? '';
  const db = dayOf(b.publishedAt) ?? '';
  return da === db ? b.id - a.id : da < db ? 1 : -1;
}

export function shapeLookup(
  query: string,
  entities: readonly LookupEntityInput[],
  stories: readonly LookupStoryInput[],
  options: LookupOptions = {},
): LookupResult {
  const { locale } = options;
  const needles = lookupNeedles(query, entities);
  const ordered = [...stories].sort(newestFirst);
  const mentionsOf: TimelineEntry[] = [];
  const days: TimelineEntry[] = [];
  for (const story of ordered) {
    for (const d of story.dated) {
      if (!mentions(d.text, needles)) continue;
      add(mentionsOf, {
        date: d.date,
        ...(d.dateEnd && { dateEnd: d.dateEnd }),
        label: rangeLabel(d.date, d.dateEnd, locale),
        text: d.text,
        kind: 'mention',
        sources: [sourceOf(story, d)],
      });
    }
    const day = dayOf(story.publishedAt);
    if (day) {
      add(days, {
        date: day,
        label: rangeLabel(day, undefined, locale),
        text: story.title,
        kind: 'story',
        sources: [sourceOf(story)],
      });
    }
  }
  const max = options.maxTimeline ?? 40;
  // What the stories say about dates first; their own days fill what is left.
  const timeline = [...mentionsOf.slice(0, max), ...days.slice(0, Math.max(0, max - mentionsOf.length))].sort(
    (a, b) => compareDates(a.date, b.date) || (a.kind === b.kind ? 0 : a.kind === 'story' ? 1 : -1),
  );
  const shaped: LookupEntity[] = entities.map((e) => ({
    key: e.key,
    name: e.name,
    type: e.type,
    count: e.count,
    aliases: e.names.filter((n) => n !== e.name).slice(0, options.maxAliases ?? 5),
    roles: rolesOf(e.key, stories, options.maxRoles ?? 3),
  }));
  return {
    query,
    entities: shaped,
    stories: ordered.map(({ id, url, title, publisher, publishedAt, lang }) => ({
      id,
      url,
      title,
      publisher,
      publishedAt,
      lang,
    })),
    timeline,
  };
}

/** A selection as a look-up query: one line, collapsed spaces, bounded; empty when nothing usable. */
export function lookupQuery(selection: string | null | undefined, max = 200): string {
  const text = String(selection ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return space > max / 2 ? cut.slice(0, space) : cut;
}
