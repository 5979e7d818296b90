/**
 * Builds what the reader sees for one article — background, timeline, related — from the stored story and
 * its related stories. Extractive: every line is a stored sentence or a story's own metadata, with its source.
 */
import type {
  ArticleEntity,
  BackgroundBlock,
  DatedSentence,
  LinkKind,
  RelatedItem,
  RelatedStory,
  SentenceRef,
  StoryContext,
  StorySummary,
  TimelineEntry,
  TimelineSource,
} from '@/core/model';
import { compareDates, dayOf, rangeLabel } from './date-label';

/** The parts of a stored story that context needs. */
export interface ContextStory extends StorySummary {
  entities: ArticleEntity[];
  dated: DatedSentence[];
  past: SentenceRef[];
  eventId: string;
  threadId: string;
}

export interface ContextOptions {
  locale?: string;
  /** Entities per type in the background block. */
  maxEntities?: number;
  maxPast?: number;
  /** Dated sentences taken from each closely linked (same event / thread) story. */
  mentionsPerRelated?: number;
}

function sourceOf(story: StorySummary, sentence?: SentenceRef): TimelineSource {
  return {
    storyId: story.id,
    title: story.title,
    url: story.url,
    publisher: story.publisher,
    ...(sentence && { start: sentence.start, end: sentence.end }),
  };
}

function topEntities(entities: ArticleEntity[], type: ArticleEntity['type'], max: number): ArticleEntity[] {
  return entities
    .filter((e) => e.type === type)
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .slice(0, max);
}

export function buildBackground(story: ContextStory, options: ContextOptions = {}): BackgroundBlock {
  const max = options.maxEntities ?? 8;
  return {
    people: topEntities(story.entities, 'person', max),
    organizations: topEntities(story.entities, 'organization', max),
    places: topEntities(story.entities, 'place', max),
    past: story.past.slice(0, options.maxPast ?? 5),
  };
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function words(s: string): Set<string> {
  return new Set(norm(s).split(' ').filter((w) => w.length > 2));
}

function overlap(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (!wa.size || !wb.size) return 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / Math.min(wa.size, wb.size);
}

/** Adds an entry, or merges it into an entry of the same date that tells the same thing. */
function addEntry(entries: TimelineEntry[], entry: TimelineEntry): void {
  const same = entries.find(
    (e) =>
      e.date === entry.date &&
      e.dateEnd === entry.dateEnd &&
      (norm(e.text) === norm(entry.text) || (e.kind === entry.kind && overlap(e.text, entry.text) >= 0.6)),
  );
  if (!same) {
    entries.push(entry);
    return;
  }
  for (const s of entry.sources) {
    if (!same.sources.some((x) => x.storyId === s.storyId)) same.sources.push(s);
  }
}

function mentionEntry(story: StorySummary, d: DatedSentence, locale: string | undefined): TimelineEntry {
  return {
    date: d.date,
    ...(d.dateEnd && { dateEnd: d.dateEnd }),
    label: rangeLabel(d.date, d.dateEnd, locale),
    text: d.text,
    kind: 'mention',
    sources: [sourceOf(story, d)],
  };
}

export function buildTimeline(
  story: ContextStory,
  related: readonly { story: ContextStory; kind: LinkKind }[],
  options: ContextOptions = {},
): TimelineEntry[] {
  const { locale } = options;
  const entries: TimelineEntry[] = [];
  for (const d of story.dated) addEntry(entries, mentionEntry(story, d, locale));
  for (const { story: r, kind } of related) {
    const day = dayOf(r.publishedAt);
    if (day) {
      addEntry(entries, {
        date: day,
        label: rangeLabel(day, undefined, locale),
        text: r.title,
        kind: 'story',
        sources: [sourceOf(r)],
      });
    }
    if (kind === 'related') continue;
    // What closely linked stories say about earlier dates (not about their own day: the story entry covers it).
    const earlier = r.dated.filter((d) => d.date !== day && (!day || compareDates(d.date, day) < 0));
    for (const d of earlier.slice(0, options.mentionsPerRelated ?? 2)) addEntry(entries, mentionEntry(r, d, locale));
  }
  return entries.sort((a, b) => compareDates(a.date, b.date) || (a.kind === b.kind ? 0 : a.kind === 'story' ? 1 : -1));
}

function summaryOf(s: StorySummary): StorySummary {
  return { id: s.id, url: s.url, title: s.title, publisher: s.publisher, publishedAt: s.publishedAt, lang: s.lang };
}

export function buildContext(
  story: ContextStory,
  related: readonly { story: ContextStory; link: RelatedStory }[],
  options: ContextOptions = {},
): StoryContext {
  const relatedItems: RelatedItem[] = related.map(({ story: r, link }) => ({
    ...summaryOf(r),
    score: link.score,
    kind: link.kind,
    reasons: link.reasons,
  }));
  return {
    story: summaryOf(story),
    eventId: story.eventId,
    threadId: story.threadId,
    background: buildBackground(story, options),
    timeline: buildTimeline(
      story,
      related.map(({ story: r, link }) => ({ story: r, kind: link.kind })),
      options,
    ),
    related: relatedItems,
  };
}
