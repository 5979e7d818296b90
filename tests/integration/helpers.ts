/** Reads the demo corpus and the seed page with the extension's own page reader (linkedom as the DOM). */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import type { ExtractedArticle, PageReading } from '@/core/model';
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
