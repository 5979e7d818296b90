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

/** Non-article fixtures (tests/fixtures/pages/non-articles) and where each one "lives". */
export const NON_ARTICLE_URLS: Record<string, string> = {
  'home-news': 'https://dailyledger.example/',
  'home-portal': 'https://nordpost.example/index.php?ref=masthead',
  'section-world': 'https://harbourcourier.example/world/',
  'section-business': 'https://lakesidetribune.example/business/markets',
  'search-results': 'https://islandherald.example/find?terms=ferry+timetable',
  'video-page': 'https://coasttv.example/clips/crane-lifts-lighthouse-lantern-88213',
  'shop-product': 'https://pottersrow.example/item/4711-ceramic-teapot',
  'docs-page': 'https://tidekit.example/docs/configuration',
  'forum-thread': 'https://forum.islandlife.example/t/ferry-timetable-changes-this-winter/4821',
  'login-wall': 'https://morninggazette.example/account/login?return=%2Fnews%2F2025%2F06%2Fport-strike',
  'newsletter-landing': 'https://dailyledger.example/newsletters/morning-ledger',
  'author-profile': 'https://harbourcourier.example/staff/maria-okafor',
  'tag-page': 'https://baysideobserver.example/tag/coastal-erosion',
};

/** Multi-article fixtures (tests/fixtures/pages/multi): URL and whether the page is one article. */
export const MULTI_URLS: Record<string, { url: string; article: boolean }> = {
  'live-blog': { url: 'https://harbourcourier.example/world/live/2025/jun/30/storm-eleanor-live-updates', article: true },
  'section-front': { url: 'https://baysideobserver.example/news/', article: false },
  'amp-article': { url: 'https://dailyledger.example/amp/local/2025/06/30/river-dam-inspection-finds-cracks', article: true },
  'paywalled-article': { url: 'https://morninggazette.example/news/2025/06/30/port-strike-talks-collapse', article: true },
  'infinite-scroll': { url: 'https://lakesidetribune.example/business/2025/06/30/mill-town-bets-on-batteries', article: true },
};

export const NOW = new Date('2025-07-01T12:00:00Z');
