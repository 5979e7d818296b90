/**
 * After `npm run zip`: the store packages exist — the Chrome zip, the Firefox zip and the sources zip Mozilla asks
 * for — and each holds what a store needs (a manifest; for the sources, the package file and the code). Part of
 * `npm test`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib/serve';

const out = path.join(ROOT, '.output');
const { name, version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const expected: Record<string, string[]> = {
  [`${name}-${version}-chrome.zip`]: [
    'manifest.json',
    'page-gate.js',
    'page-reader.js',
    'background.js',
    'text-kit.js',
    'icon/128.png',
  ],
  [`${name}-${version}-firefox.zip`]: [
    'manifest.json',
    'page-gate.js',
    'page-reader.js',
    'background.js',
    'text-kit.js',
    'icon/128.png',
  ],
  [`${name}-${version}-sources.zip`]: [
    'package.json',
    'package-lock.json',
    'wxt.config.ts',
    'entrypoints/page-gate.ts',
    'entrypoints/page-reader.ts',
  ],
};
const present = new Set(readdirSync(out));
const problems: string[] = [];
for (const [zip, entries] of Object.entries(expected)) {
  if (!present.has(zip)) {
    problems.push(`${zip}: missing (run npm run zip)`);
    continue;
  }
  // A zip's central directory lists every entry's name uncompressed.
  const bytes = readFileSync(path.join(out, zip)).toString('latin1');
  for (const entry of entries) if (!bytes.includes(entry)) problems.push(`${zip}: no ${entry}`);
  console.log(`${zip}: ${(bytes.length / 1024).toFixed(0)} KB`);
}
// What each browser is told to allow (issue "Trust"): no host access and no private windows at install, and the
// browser's default content security policy (no remote or inline script, no eval) left as it is.
for (const [dir, hostKey] of [
  ['chrome-mv3', 'host_permissions'],
  ['firefox-mv2', 'permissions'],
] as const) {
  const manifest = JSON.parse(readFileSync(path.join(out, dir, 'manifest.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  problems.push(...manifestProblems(manifest, hostKey).map((p) => `${dir}/manifest.json: ${p}`));
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('store packages: ok (no host access or private windows at install, default CSP)');

function manifestProblems(manifest: Record<string, unknown>, hostKey: string): string[] {
  const problems: string[] = [];
  if (manifest.incognito !== 'not_allowed')
    problems.push(`incognito is ${String(manifest.incognito)}, not "not_allowed"`);
  const hosts = ((manifest[hostKey] as string[] | undefined) ?? []).filter(
    (p) => p === '<all_urls>' || p.includes('://'),
  );
  if (hosts.length) problems.push(`host access at install: ${hosts.join(', ')}`);
  if ('content_security_policy' in manifest) problems.push('a content security policy of its own');
  return problems;
}
