/**
 * Links a corpus of articles the way the extension would have, had the reader read them in publication order:
 * each ingested through the story service, then the idle-time thread healing. The CLI's `link`, the linking
 * benchmark and the linking evaluation test all run this.
 */
import type { ExtractedArticle } from '@/core/model';
import { analyzeArticle } from '@/core/nlp/analyze';
import type { BackstoryDB } from '@/lib/db/schema';
import { createStoryService } from '@/lib/story-service';
import { healThreads } from '@/lib/threads';

/** One article of a corpus file (the linking sets' schema). */
export interface CorpusLine {
  id: string;
  title?: string;
  text?: string;
  publishedAt?: string | null;
  publisher?: string | null;
  url?: string | null;
  lang?: string | null;
}

export interface LinkedLine {
  id: string;
  related: string[];
  event: string;
  thread: string;
}

const byPublished = (a: CorpusLine, b: CorpusLine) =>
  (Date.parse(a.publishedAt ?? '') || 0) - (Date.parse(b.publishedAt ?? '') || 0) || (a.id < b.id ? -1 : 1);

/** The article a corpus line stands for; `url` is its canonical URL (unique within the corpus). */
export function corpusArticle(line: CorpusLine, url: string): ExtractedArticle {
  return {
    canonicalUrl: url,
    url,
    title: line.title ?? '',
    publishedAt: line.publishedAt ?? null,
    modifiedAt: null,
    authors: [],
    publisher: line.publisher ?? null,
    lang: line.lang ?? null,
    section: null,
    image: null,
    description: null,
    text: line.text ?? '',
  };
}

export async function linkCorpus(
  db: BackstoryDB,
  corpus: readonly CorpusLine[],
  options: { onIngested?: (line: CorpusLine, ms: number) => void } = {},
): Promise<LinkedLine[]> {
  const lines = [...corpus].sort(byPublished);
  const service = createStoryService(db, { analyze: analyzeArticle, now: () => 0 });
  // Lines sharing a URL (or without one) get a URL of their own, so each stays its own story.
  const urlCount = new Map<string, number>();
  for (const l of lines) if (l.url) urlCount.set(l.url, (urlCount.get(l.url) ?? 0) + 1);
  const idOf = new Map<number, string>();
  const storyOf = new Map<string, number>();
  for (const l of lines) {
    const url = l.url && urlCount.get(l.url) === 1 ? l.url : `urn:backstory:${encodeURIComponent(l.id)}`;
    const t = performance.now();
    const { story } = await service.ingestArticle(corpusArticle(l, url), { source: 'import' });
    options.onIngested?.(l, performance.now() - t);
    idOf.set(story.id, l.id);
    storyOf.set(l.id, story.id);
  }
  // What the extension does in idle time: merge threads that tell the same story.
  await healThreads(db);
  const out: LinkedLine[] = [];
  for (const l of lines) {
    const story = await db.stories.get(storyOf.get(l.id)!);
    if (!story) continue;
    out.push({
      id: l.id,
      related: story.related.map((r) => idOf.get(r.storyId)).filter((x): x is string => !!x),
      event: story.eventId,
      thread: story.threadId,
    });
  }
  return out;
}
