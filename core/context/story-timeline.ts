/**
 * A story's timeline from many articles (the CLI's `timeline`, and the thread view): dates mentioned in the
 * articles and the days they were published, ranked by how many articles point at each day (a day still
 * mentioned a week after it counts more than one mentioned on the day itself); each entry's
 * summary is the sentence that best represents what the articles say about that date.
 */
import type { DatedSentence } from '@/core/model';
import { compareDates, dayOf, precisionOf, startTs } from './date-label';

export interface TimelineDoc {
  id: string;
  title: string;
  publishedAt: string | null;
  dated: DatedSentence[];
}

export interface StoryTimelineEntry {
  date: string;
  score: number;
  summary: string[];
  sources: string[];
}

const tokens = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** The sentence sharing the most words with the other sentences of the same date (a centroid pick). */
function central(sentences: readonly string[]): string | undefined {
  if (sentences.length <= 2) return sentences[0];
  const df = new Map<string, number>();
  const sets = sentences.map((s) => new Set(tokens(s)));
  for (const set of sets) for (const t of set) df.set(t, (df.get(t) ?? 0) + 1);
  let best = 0;
  let bestScore = -1;
  sets.forEach((set, i) => {
    let score = 0;
    for (const t of set) score += (df.get(t) ?? 1) - 1;
    score /= Math.sqrt(set.size || 1);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return sentences[best];
}

export interface StoryTimelineOptions {
  /** Weight of an article published on a day. */
  publishedWeight?: number;
  /** Weight of an article mentioning its own day or a later one ("on Monday", "next week"). */
  sameDayWeight?: number;
  /**
   * An article mentioning an earlier date counts 1, growing to 2 when the date lies this many days or more
   * before the article: a day still talked about a week later is a day that mattered.
   */
  lookbackDays?: number;
  /** Keep only day-precision dates (what a day-level timeline can use). */
  daysOnly?: boolean;
}

export function buildStoryTimeline(
  docs: readonly TimelineDoc[],
  options: StoryTimelineOptions = {},
): StoryTimelineEntry[] {
  const publishedWeight = options.publishedWeight ?? 0.3;
  const sameDayWeight = options.sameDayWeight ?? 0.3;
  const lookback = options.lookbackDays ?? 7;
  const byDate = new Map<
    string,
    { mentions: Map<string, string[]>; weight: number; published: Set<string> }
  >();
  const slot = (date: string) => {
    const found = byDate.get(date);
    if (found) return found;
    const created = { mentions: new Map<string, string[]>(), weight: 0, published: new Set<string>() };
    byDate.set(date, created);
    return created;
  };
  const mentionWeight = (date: string, day: string | null) => {
    if (!day) return 1;
    const gap = (startTs(day) - startTs(date)) / 86_400_000;
    return gap <= 0 ? sameDayWeight : 1 + Math.min(1, gap / lookback);
  };
  for (const doc of docs) {
    const day = dayOf(doc.publishedAt);
    for (const d of doc.dated) {
      if (options.daysOnly !== false && precisionOf(d.date) !== 'day') continue;
      const s = slot(d.date);
      if (!s.mentions.has(doc.id)) s.weight += mentionWeight(d.date, day);
      const list = s.mentions.get(doc.id) ?? [];
      list.push(d.text);
      s.mentions.set(doc.id, list);
    }
    if (day) slot(day).published.add(doc.id);
  }
  const titleOf = new Map(docs.map((d) => [d.id, d.title]));
  const entries: StoryTimelineEntry[] = [];
  for (const [date, s] of byDate) {
    const sentences = [...s.mentions.values()].flat();
    const summary = central(sentences) ?? titleOf.get([...s.published][0] ?? '') ?? '';
    const sources = [...new Set([...s.mentions.keys(), ...s.published])];
    entries.push({
      date,
      score: Math.round((s.weight + publishedWeight * s.published.size) * 1000) / 1000,
      summary: summary ? [summary] : [],
      sources,
    });
  }
  return entries.sort((a, b) => b.score - a.score || compareDates(a.date, b.date));
}
