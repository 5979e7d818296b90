/**
 * The pages the "never harmed" test loads: every page of the shared extraction set (`../shared/data/extraction`,
 * read from disk at test time, never copied into the repository) and the project's own page fixtures
 * (tests/fixtures/pages, the seed page, tests/fixtures/e2e, the demo corpus). Each is served on 127.0.0.1 at the
 * path of the address it was saved from or written for (as `npm run bench` does), so detection sees the address
 * a reader's browser would show; on a clash, a path of its own.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readHtml } from '../../../cli/io';
import { demoPages, ROOT, SEED_FILE, SEED_PATH } from '../../../scripts/lib/serve';

export const SHARED_EXTRACTION = path.resolve(ROOT, '../shared/data/extraction');

export interface CorpusEntry {
  /** Path (and query) to visit. */
  visit: string;
  /** Where it comes from: "extraction/<id>" or the fixture's path in the repository. */
  name: string;
  source: 'extraction' | 'fixture';
}

export interface Corpus {
  entries: CorpusEntry[];
  routes: Record<string, string | Buffer>;
  /** False when ../shared/data/extraction is absent (only the project's own fixtures are loaded). */
  hasShared: boolean;
}

export function harmCorpus(): Corpus {
  const routes: Record<string, string | Buffer> = {};
  const entries: CorpusEntry[] = [];
  const add = (
    url: string | undefined,
    fallback: string,
    body: string | Buffer,
    e: Omit<CorpusEntry, 'visit'>,
  ) => {
    let visit = fallback;
    try {
      const u = new URL(url ?? '');
      if (routes[u.pathname] === undefined) visit = u.pathname + u.search;
    } catch {
      // Not an address: the fallback path.
    }
    routes[visit.replace(/\?.*$/, '')] = body;
    entries.push({ ...e, visit });
  };

  const html = path.join(SHARED_EXTRACTION, 'html');
  const hasShared = existsSync(html);
  if (hasShared) {
    const truth = JSON.parse(
      readFileSync(path.join(SHARED_EXTRACTION, 'ground-truth.json'), 'utf8'),
    ) as Record<string, { url?: string }>;
    for (const f of readdirSync(html)
      .filter((x) => x.endsWith('.html.gz'))
      .sort()) {
      const id = f.replace(/\.html\.gz$/, '');
      // Decoded with the charset the page declares, served as UTF-8 (the server's header).
      add(truth[id]?.url, `/extraction/${id}`, Buffer.from(readHtml(path.join(html, f)), 'utf8'), {
        name: `extraction/${id}`,
        source: 'extraction',
      });
    }
  }

  const fixtures = path.join(ROOT, 'tests/fixtures/pages');
  const urls = JSON.parse(readFileSync(path.join(fixtures, 'urls.json'), 'utf8')) as {
    pages: Record<string, string>;
    nonArticles: Record<string, string>;
    multi: Record<string, { url: string }>;
  };
  const urlOf = (name: string): string | undefined =>
    name.startsWith('non-articles/')
      ? urls.nonArticles[name.slice(13)]
      : name.startsWith('multi/')
        ? urls.multi[name.slice(6)]?.url
        : urls.pages[name];
  for (const f of readdirSync(fixtures, { recursive: true })
    .map(String)
    .filter((x) => x.endsWith('.html'))
    .sort()) {
    add(urlOf(f.replace(/\.html$/, '')), `/fixtures/${f}`, path.join(fixtures, f), {
      name: `tests/fixtures/pages/${f}`,
      source: 'fixture',
    });
  }
  add(`https://news.example${SEED_PATH}`, '/fixtures/seed', SEED_FILE, {
    name: 'tests/fixtures/seed/article.html',
    source: 'fixture',
  });
  for (const [file, at] of [
    ['plain-page.html', '/library/hours'],
    ['spa.html', '/spa/ferry-terminal'],
  ] as const) {
    add(`https://e2e.example${at}`, `/fixtures/e2e/${file}`, path.join(ROOT, 'tests/fixtures/e2e', file), {
      name: `tests/fixtures/e2e/${file}`,
      source: 'fixture',
    });
  }
  for (const p of demoPages()) {
    add(`https://demo.example${p.path}`, `/demo/${path.basename(p.file)}`, p.file, {
      name: `demo/pages/${path.basename(p.file)}`,
      source: 'fixture',
    });
  }
  return { entries, routes, hasShared };
}
