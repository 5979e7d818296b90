/**
 * What each entrypoint pulls in, read from the import statements (type-only imports left out, as the bundler
 * drops them). The reader's pages must open fast: they get no DOM parser, NLP or database library. Those belong
 * to the background. A feeds helper that imported the OPML reader once brought linkedom into the popup: 358 KB
 * of script parsed at every click (docs/measurements.md). The content script, which runs on every page, gets
 * no library at all, and the background worker gets the text libraries only when it reads text (text-kit.js).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const HEAVY = ['linkedom', 'compromise', 'chrono-node', '@mozilla/readability', 'dexie'];

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith('@/')
    ? path.join(ROOT, spec.slice(2))
    : spec.startsWith('.')
      ? path.resolve(path.dirname(from), spec)
      : null;
  if (base === null) return null;
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, 'index.ts'),
    path.join(base, 'index.tsx'),
  ])
    if (existsSync(candidate) && /\.tsx?$/.test(candidate)) return candidate;
  return 'asset';
}

/** The packages an entrypoint reaches through its own modules, with one import chain to each. */
function packagesOf(entry: string): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  const seen = new Set<string>();
  const queue: [string, string[]][] = [[path.join(ROOT, entry), [entry]]];
  while (queue.length) {
    const [file, chain] = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2])!;
      const target = resolve(file, spec);
      if (target === 'asset') continue;
      if (target === null) {
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (!packages.has(name)) packages.set(name, [...chain, name]);
      } else queue.push([target, [...chain, path.relative(ROOT, target)]]);
    }
  }
  return packages;
}

const UI_PAGES = [
  'entrypoints/popup/main.tsx',
  'entrypoints/sidepanel/main.tsx',
  'entrypoints/options/main.tsx',
  'entrypoints/onboarding/main.tsx',
];

describe('what the entrypoints import', () => {
  it.each(UI_PAGES)('%s reaches no DOM parser, NLP or database library', (entry) => {
    const packages = packagesOf(entry);
    expect(packages.has('preact')).toBe(true); // the walk does follow the page's imports
    const heavy = HEAVY.filter((name) => packages.has(name)).map((name) => packages.get(name)!.join(' → '));
    expect(heavy).toEqual([]);
  });

  it.each(['entrypoints/page-gate.ts', 'entrypoints/page-reader.ts'])(
    'the content script (%s) reaches no package but the build tool',
    (entry) => {
      const packages = [...packagesOf(entry).keys()];
      expect(packages.filter((name) => name !== '#imports' && name !== 'wxt')).toEqual([]);
    },
  );

  it('the background reaches the database but not the text kit (loaded when first needed)', () => {
    // With the NLP and the DOM parser in its bundle, a cold worker was ready to answer 250 ms later (lib/text-kit/
    // index.ts). The worker loads them from text-kit.js when a page or feed is read.
    const packages = packagesOf('entrypoints/background.ts');
    expect(packages.has('dexie')).toBe(true); // the walk does see through lib/ and core/
    const heavy = ['linkedom', 'compromise', 'chrono-node', '@mozilla/readability']
      .filter((name) => packages.has(name))
      .map((name) => packages.get(name)!.join(' → '));
    expect(heavy).toEqual([]);
  });

  it('the text kit does reach them', () => {
    const packages = packagesOf('entrypoints/text-kit.ts');
    for (const name of ['linkedom', 'compromise', 'chrono-node', '@mozilla/readability'])
      expect(packages.has(name), name).toBe(true);
  });
});
