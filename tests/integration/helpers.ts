/** Reads the demo corpus and the seed page with the extension's own page reader (linkedom as the DOM). */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import type { ExtractedArticle, PageReading } from '@/core/model';
import type { StubInput } from '@/lib/story-service';
import { readPage } from '@/page/read-page';
import { demoPages, SEED_FILE, SEED_PATH } from '../../scripts/lib/serve';

export const ORIGIN = 'http://127.0.0.1:8080';

export function readFixture(file: string, url: string): PageReading {
  const { document } = parseHTML(readFileSync(file, 'utf8'));
  return readPage(document as unknown as Document, url, { now: new Date('2026-11-25T00:00:00Z') });
}

export function corpusReadings(): { path: string; kind: string; reading: PageReading }[] {
  return demoPages().map((p) => ({
    path: p.path,
    kind: p.kind,
    reading: readFixture(p.file, ORIGIN + p.path),
  }));
}

export function seedReading(): PageReading {
  return readFixture(SEED_FILE, ORIGIN + SEED_PATH);
}

/** An extracted article with the fields a test names and empty metadata otherwise (canonical URL = URL). */
export function extractedArticle(
  fields: Pick<ExtractedArticle, 'url' | 'title' | 'text'> & Partial<ExtractedArticle>,
): ExtractedArticle {
  return {
    canonicalUrl: fields.url,
    publishedAt: null,
    modifiedAt: null,
    authors: [],
    publisher: null,
    lang: 'en',
    section: null,
    image: null,
    description: null,
    ...fields,
  };
}

/**
 * Feed items that share a few names and words (hourly from 2026-02-01), so that keys have many stories and each
 * item many candidates.
 */
export function feedStubs(n: number, from = 0, places: readonly string[] = ['Korea', 'Japan']): StubInput[] {
  const words = ['flooding', 'election', 'tariffs', 'earthquake', 'strike', 'vaccine'];
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const place = places[i % places.length]!;
    const word = words[i % words.length]!;
    return {
      title: `${place} ${word} report number ${i} from Ministry of ${place}`,
      url: `https://news.example/${i}`,
      publishedAt: new Date(Date.parse('2026-02-01T00:00:00Z') + i * 3_600_000).toISOString(),
      summary: `Officials in ${place} said the ${word} affected region ${i % 7} and the capital on Monday.`,
      source: 'feed',
    };
  });
}
