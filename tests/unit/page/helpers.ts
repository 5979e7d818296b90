import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { readHtml } from '../../../cli/io';

/** Repository root (tests/unit/page → ../../..). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The shared evaluation folder next to the repository, when present. */
export const sharedDir = resolve(repoRoot, '../shared');
export const hasShared = existsSync(resolve(sharedDir, 'data'));

/** A linkedom document, typed as the DOM's. */
export function parse(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

/** A page fixture of tests/fixtures/pages (or the seed page) as a document. */
export function fixture(name: string): Document {
  const file =
    name === 'seed'
      ? resolve(repoRoot, 'tests/fixtures/seed/article.html')
      : resolve(repoRoot, 'tests/fixtures/pages', `${name}.html`);
  return parse(readFileSync(file, 'utf8'));
}

/** Where each fixture "lives", as a content script would see location.href (shared with `npm run bench`). */
const URLS = JSON.parse(readFileSync(resolve(repoRoot, 'tests/fixtures/pages/urls.json'), 'utf8')) as {
  pages: Record<string, string>;
  nonArticles: Record<string, string>;
  multi: Record<string, { url: string; article: boolean }>;
};

/** Page fixtures of tests/fixtures/pages. */
export const FIXTURE_URLS: Record<string, string> = URLS.pages;
/** Non-article fixtures (tests/fixtures/pages/non-articles). */
export const NON_ARTICLE_URLS: Record<string, string> = URLS.nonArticles;
/** Multi-article fixtures (tests/fixtures/pages/multi): URL and whether the page is one article. */
export const MULTI_URLS: Record<string, { url: string; article: boolean }> = URLS.multi;

export const NOW = new Date('2025-07-01T12:00:00Z');

/** The shared extraction DEV set's folder (present when ../shared is). */
export const extractionDir = resolve(sharedDir, 'data/extraction');
export const hasExtraction = hasShared && existsSync(extractionDir);

/**
 * The DEV article pages with the address each was saved from (pages without one are left out), read as the CLI
 * reads a saved page (cli/io.ts: gunzipped, decoded in the charset it declares).
 */
export function devArticlePages(): { file: string; url: string; html: string }[] {
  const truth = JSON.parse(readFileSync(resolve(extractionDir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { url?: string }
  >;
  return readdirSync(resolve(extractionDir, 'html'))
    .filter((f) => f.endsWith('.html.gz'))
    .flatMap((file) => {
      const url = truth[file.replace(/\.html\.gz$/, '')]?.url;
      if (!url) return [];
      return [{ file, url, html: readHtml(resolve(extractionDir, 'html', file)) }];
    });
}
