/**
 * `npm run eval -- [extraction|metadata|linking|timeline|entities|dates|all]`: runs the CLI on the shared DEV
 * sets (../shared/data) and scores it with the shared scorers (../shared/tools), printing each scorer's last
 * lines. The figures quoted in docs/measurements.md come from here. Inputs and predictions go to bench-output/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib/serve';

const SHARED = path.resolve(ROOT, '../shared');
const DATA = path.join(SHARED, 'data');
const TOOLS = path.join(SHARED, 'tools');
const OUT = path.join(ROOT, 'bench-output');

const jsonl = (rows: unknown[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);

function cli(args: string[], outFile: string): void {
  const t = Date.now();
  const out = execFileSync('npx', ['tsx', path.join(ROOT, 'cli/main.ts'), ...args], {
    cwd: ROOT,
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  writeFileSync(outFile, out);
  console.log(`  cli ${args[0]}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

function score(tool: string, args: string[], lines = 3): void {
  const out = execFileSync('node', [path.join(TOOLS, tool), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  console.log(
    out
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .map((l) => `  ${l}`)
      .join('\n'),
  );
}

function extraction(): void {
  const truthFile = path.join(DATA, 'extraction/ground-truth.json');
  const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as Record<string, { url?: string }>;
  const list = Object.entries(truth).map(([id, t]) => ({
    id,
    path: path.join(DATA, 'extraction/html', `${id}.html.gz`),
    url: t.url,
  }));
  writeFileSync(path.join(OUT, 'extraction-list.jsonl'), jsonl(list));
  cli(
    ['extract', '--batch', path.join(OUT, 'extraction-list.jsonl')],
    path.join(OUT, 'extraction-pred.jsonl'),
  );
  score('eval-extraction.mjs', ['--truth', truthFile, '--pred', path.join(OUT, 'extraction-pred.jsonl')], 2);
}

function metadata(): void {
  const truthFile = path.join(DATA, 'metadata/truth.json');
  const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as Record<string, { url?: string }>;
  const files = new Set(readdirSync(path.join(DATA, 'metadata/html')));
  const list = Object.entries(truth)
    .filter(([id]) => files.has(`${id}.html.gz`))
    .map(([id, t]) => ({ id, path: path.join(DATA, 'metadata/html', `${id}.html.gz`), url: t.url }));
  writeFileSync(path.join(OUT, 'metadata-list.jsonl'), jsonl(list));
  cli(['extract', '--batch', path.join(OUT, 'metadata-list.jsonl')], path.join(OUT, 'metadata-pred.jsonl'));
  score('eval-metadata.mjs', ['--truth', truthFile, '--pred', path.join(OUT, 'metadata-pred.jsonl')], 12);
}

function linking(): void {
  for (const [set, field] of [
    ['allsides', 'event'],
    ['t17-threads', 'thread'],
  ] as const) {
    const data = path.join(DATA, 'linking', `${set}.jsonl`);
    const pred = path.join(OUT, `link-${set}.jsonl`);
    cli(['link', data], pred);
    // The scorer reads the predicted cluster from "cluster": events for AllSides, threads for Timeline17.
    const withCluster = readJsonl<Record<string, unknown>>(pred).map((r) => ({ ...r, cluster: r[field] }));
    writeFileSync(pred.replace('.jsonl', `-${field}.jsonl`), jsonl(withCluster));
    console.log(`  ${set} (cluster = ${field}):`);
    score('eval-linking.mjs', ['--data', data, '--pred', pred.replace('.jsonl', `-${field}.jsonl`)], 1);
  }
}

function timeline(): void {
  const articles = readJsonl<{ cluster: string }>(path.join(DATA, 'timeline/t17-articles.jsonl'));
  const topics = [...new Set(articles.map((a) => a.cluster))].sort();
  const preds: unknown[] = [];
  for (const topic of topics) {
    const file = path.join(OUT, `timeline-${topic}.jsonl`);
    writeFileSync(file, jsonl(articles.filter((a) => a.cluster === topic)));
    cli(['timeline', file], `${file}.out`);
    const { entries } = JSON.parse(readFileSync(`${file}.out`, 'utf8')) as { entries: unknown[] };
    preds.push({ topic, entries });
  }
  writeFileSync(path.join(OUT, 'timeline-pred.jsonl'), jsonl(preds));
  score('eval-timeline.mjs', [
    '--truth',
    path.join(DATA, 'timeline/t17-timelines.jsonl'),
    '--pred',
    path.join(OUT, 'timeline-pred.jsonl'),
  ]);
}

function entities(): void {
  const conll = path.join(DATA, 'ner/conll2003-test-dev.iob2.txt');
  const docs = path.join(OUT, 'ner-docs.jsonl');
  execFileSync('node', [path.join(TOOLS, 'eval-entities.mjs'), '--conll', conll, '--emit', docs]);
  cli(['entities', '--batch', docs], path.join(OUT, 'ner-pred.jsonl'));
  score('eval-entities.mjs', ['--conll', conll, '--pred', path.join(OUT, 'ner-pred.jsonl')], 1);
}

function dates(): void {
  const tml = path.join(DATA, 'timex/timebank');
  const docs = path.join(OUT, 'timex-docs.jsonl');
  execFileSync('node', [path.join(TOOLS, 'eval-timex.mjs'), '--tml', tml, '--emit', docs]);
  cli(['dates', '--batch', docs], path.join(OUT, 'timex-pred.jsonl'));
  score('eval-timex.mjs', ['--tml', tml, '--pred', path.join(OUT, 'timex-pred.jsonl')], 1);
}

const TASKS: Record<string, () => void> = { extraction, metadata, linking, timeline, entities, dates };

function main(): void {
  if (!existsSync(DATA)) {
    console.log(`eval: skipped, ${DATA} not found (the shared DEV sets live beside the repository)`);
    return;
  }
  mkdirSync(OUT, { recursive: true });
  const wanted = process.argv.slice(2).filter((a) => a !== '--');
  const names = !wanted.length || wanted.includes('all') ? Object.keys(TASKS) : wanted;
  for (const name of names) {
    const task = TASKS[name];
    if (!task) {
      console.error(`eval: unknown set "${name}" (one of ${Object.keys(TASKS).join(', ')}, all)`);
      process.exitCode = 2;
      return;
    }
    console.log(`${name}:`);
    task();
  }
}

main();
