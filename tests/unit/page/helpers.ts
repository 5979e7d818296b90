import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';

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

/** Where each fixture "lives", as a content script would see location.href. */
export const FIXTURE_URLS: Record<string, string> = {
  seed: 'https://news.example/world/trump-north-korea-conflict-solved',
  'jsonld-article': 'https://courier.example/news/harbour-bridge-reopens-after-repair?utm_source=feed#top',
  'meta-only': 'https://gazette.example/agriculture/valley-farmers-drought-wheat?utm_campaign=x',
  'meta-value': 'https://riverside.example/2021/11/09/city-library-extends-opening-hours',
  'german-text-date': 'https://stadtanzeiger.example/lokales/neue-radwege-fuer-die-innenstadt',
  home: 'https://harbortimes.example/',
  search: 'https://courier.example/search?q=bridge',
  shop: 'https://kitchencorner.example/products/stainless-kettle',
};

export const NOW = new Date('2025-07-01T12:00:00Z');
