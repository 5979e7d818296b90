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
import { STOP_WORDS } from '../text/tokens';
import { compareDates, dayOf, precisionOf, rangeLabel, startTs } from './date-label';
import { sentenceUrl } from './text-fragment';

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
  /** Dated sentences taken from each closely linked (same event / thread) story (default 1). */
  mentionsPerRelated?: number;
}

/** A timeline entry's source: the story, and the sentence in it with a link that scrolls to it when there is one. */
export function sourceOf(story: StorySummary, sentence?: SentenceRef): TimelineSource {
  return {
    storyId: story.id,
    title: story.title,
    url: story.url,
    publisher: story.publisher,
    ...(sentence && {
      start: sentence.start,
      end: sentence.end,
      link: sentenceUrl(story.url, sentence.text),
    }),
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
  return new Set(
    norm(s)
      .split(' ')
      .filter((w) => w.length > 2),
  );
}

function overlap(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (!wa.size || !wb.size) return 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / Math.min(wa.size, wb.size);
}

/** Month and weekday names: capitalised in a sentence, but not the names of who or what a happening is about. */
const CALENDAR_WORD =
  /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;

/**
 * The names a sentence gives: its capitalised words after the first (a headline capitalises every word, so names
 * are read from the sentence side only), lower-cased, without month and weekday names.
 */
function sentenceNames(sentence: string): Set<string> {
  const out = new Set<string>();
  const tokens = sentence.match(/[\p{L}\p{N}]+/gu) ?? [];
  tokens.forEach((token, i) => {
    if (i === 0 || !/^\p{Lu}/u.test(token) || token.length < 2) return;
    const word = token.toLowerCase();
    if (!CALENDAR_WORD.test(word)) out.add(word);
  });
  return out;
}

/** Names a dated sentence and a headline of the same day share for the two to be one happening. */
export const SAME_HAPPENING_NAMES = 2;

/**
 * Whether a dated sentence (`mention`) and a related story published that day (`story`) tell the same happening:
 * the same day, and the headline names at least SAME_HAPPENING_NAMES of the people, places or organisations the
 * sentence names ("the White House stated on June 11 that Trump…" and "White House Says Trump Is Still Open…").
 */
function sameHappening(mention: TimelineEntry, story: TimelineEntry): boolean {
  if (precisionOf(mention.date) !== 'day' || mention.dateEnd) return false;
  const headline = new Set(norm(story.text).split(' '));
  let shared = 0;
  for (const name of sentenceNames(mention.text)) if (headline.has(name)) shared++;
  return shared >= SAME_HAPPENING_NAMES;
}

/** How much of a headline a sentence of the day before must say again for the two to be one happening. */
export const RESTATED_HEADLINE = 0.6;

const DAY_MS = 86_400_000;
const STOP_LISTS = Object.values(STOP_WORDS);

/** A text's words that carry meaning: without the stop words of any language Backstory knows. */
function contentWords(s: string): Set<string> {
  return new Set(
    norm(s)
      .split(' ')
      .filter((w) => w.length > 1 && !STOP_LISTS.some((list) => list.has(w))),
  );
}

/**
 * Whether a sentence dated the day before a headline tells the happening the headline reports: news of a
 * happening is often published the day after it, and its lede says most of the headline again ("Trump has agreed
 * to meet North Korean leader Kim Jong Un, accepting an invitation … on Thursday, March 8" and the next day's
 * "Trump Agrees to Meet Kim Jong Un After South Korean Envoys Relay Invitation"). The headline's names must be in
 * it as for a sentence of the same day, and RESTATED_HEADLINE of the headline's words: a story of the day after
 * also tells what led up to it, the day before, with the same names ("Trump posted on Twitter that he would be
 * happy to meet Kim at the border", and "Trump Steps Into North Korea, Meets Kim at Panmunjom").
 */
function restatesHeadline(mention: TimelineEntry, story: TimelineEntry): boolean {
  if (mention.dateEnd || story.dateEnd) return false;
  if (precisionOf(mention.date) !== 'day' || precisionOf(story.date) !== 'day') return false;
  if (startTs(story.date) - startTs(mention.date) !== DAY_MS) return false;
  if (!sameHappening(mention, story)) return false;
  const headline = contentWords(story.text);
  const sentence = contentWords(mention.text);
  let shared = 0;
  for (const w of headline) if (sentence.has(w)) shared++;
  return headline.size > 0 && shared / headline.size >= RESTATED_HEADLINE;
}

/** Whether two entries tell the same thing: of the same date, or a headline and its lede of the day before. */
function sameThing(a: TimelineEntry, b: TimelineEntry): boolean {
  if (a.kind !== b.kind && (a.kind === 'mention' ? restatesHeadline(a, b) : restatesHeadline(b, a)))
    return true;
  if (a.date !== b.date || a.dateEnd !== b.dateEnd) return false;
  if (norm(a.text) === norm(b.text)) return true;
  if (a.kind === b.kind) return overlap(a.text, b.text) >= 0.6;
  return a.kind === 'mention' ? sameHappening(a, b) : sameHappening(b, a);
}

/**
 * Adds an entry, or merges it into an entry that tells the same thing: one entry with every source. A dated
 * sentence and a headline of the same happening become the sentence (it says what happened, and its source points
 * to it), its source first. Returns the entry it is in.
 */
function addEntry(entries: TimelineEntry[], entry: TimelineEntry): TimelineEntry {
  const same = entries.find((e) => sameThing(e, entry));
  if (!same) {
    entries.push(entry);
    return entry;
  }
  // The entry that leads keeps its text and its sources first; the other adds the stories it does not list.
  const [lead, other] = same.kind === 'story' && entry.kind === 'mention' ? [entry, same] : [same, entry];
  const sources = [...lead.sources];
  for (const s of other.sources) if (!sources.some((x) => x.storyId === s.storyId)) sources.push(s);
  // The sentence's date too: a headline published the day after the happening it reports.
  Object.assign(same, { kind: lead.kind, text: lead.text, label: lead.label, date: lead.date, sources });
  if (lead.dateEnd) same.dateEnd = lead.dateEnd;
  else delete same.dateEnd;
  return same;
}

/** Names of the article's people, organisations and places as they appear in text (surnames too). */
function entityNames(story: ContextStory): string[] {
  const names = new Set<string>();
  for (const e of story.entities) {
    if (e.name.length < 3) continue;
    names.add(e.name);
    if (e.type === 'person') {
      const last = e.name.split(/\s+/).pop();
      if (last && last.length > 2) names.add(last);
    }
  }
  return [...names];
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

/**
 * The timeline: the article's dated sentences, the related stories' headlines on their publication days, and what
 * the closely linked stories say of earlier dates that matter to the article, one entry per happening: the same
 * text or nearly (60% of words), a sentence and a headline that tell one happening (sameThing), and the headlines
 * of one event on one day (linking put the stories in the same event), each entry with all its sources.
 */
export function buildTimeline(
  story: ContextStory,
  related: readonly { story: ContextStory; kind: LinkKind }[],
  options: ContextOptions = {},
): TimelineEntry[] {
  const { locale } = options;
  const entries: TimelineEntry[] = [];
  const names = entityNames(story);
  /** The entry of each event's headlines of a day: stories linking put in one event, published the same day. */
  const eventDays = new Map<string, TimelineEntry>();
  for (const d of story.dated) addEntry(entries, mentionEntry(story, d, locale));
  for (const { story: r, kind } of related) {
    const day = dayOf(r.publishedAt);
    const eventDay = day && r.eventId ? `${r.eventId}|${day}` : null;
    const sameEvent = eventDay ? eventDays.get(eventDay) : undefined;
    if (sameEvent) {
      // The same happening told by another outlet that day: one entry, its headline among the sources.
      if (!sameEvent.sources.some((x) => x.storyId === r.id)) sameEvent.sources.push(sourceOf(r));
    } else if (day) {
      const entry: TimelineEntry = {
        date: day,
        label: rangeLabel(day, undefined, locale),
        text: r.title,
        kind: 'story',
        sources: [sourceOf(r)],
      };
      const into = addEntry(entries, entry);
      if (eventDay) eventDays.set(eventDay, into);
    }
    if (kind === 'related') continue;
    // What a closely linked story says about an earlier date that matters to this article: dated to the day
    // or month, naming someone or something this article names too.
    const mention = r.dated
      .filter((d) => d.date !== day && (!day || compareDates(d.date, day) < 0))
      .filter((d) => ['day', 'month'].includes(precisionOf(d.date)))
      .map((d) => ({ d, shared: names.filter((n) => d.text.includes(n)).length }))
      .filter((x) => x.shared > 0)
      .sort((a, b) => b.shared - a.shared || a.d.start - b.d.start)
      .slice(0, options.mentionsPerRelated ?? 1);
    for (const { d } of mention) addEntry(entries, mentionEntry(r, d, locale));
  }
  return entries.sort(
    (a, b) => compareDates(a.date, b.date) || (a.kind === b.kind ? 0 : a.kind === 'story' ? 1 : -1),
  );
}

/** Just the summary fields of a story (a stored record has many more). */
export function summaryOf(s: StorySummary): StorySummary {
  return {
    id: s.id,
    url: s.url,
    title: s.title,
    publisher: s.publisher,
    publishedAt: s.publishedAt,
    lang: s.lang,
  };
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
