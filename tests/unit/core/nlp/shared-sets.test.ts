// @vitest-environment node
/**
 * Scores the extractors on the shared evaluation sets (CoNLL-2003 DEV half, TimeBank) with the shared
 * scorers, when the shared folder sits next to the repository (`<repo>/../shared`). The sets are read at
 * test time only; nothing from them is copied into the project. Floors sit a little below the measured
 * figures so that a regression fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDates } from '@/core/nlp/dates';
import { extractEntities } from '@/core/nlp/entities';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const shared = path.resolve(repo, '..', 'shared');
const conll = path.join(shared, 'data/ner/conll2003-test-dev.iob2.txt');
const timebank = path.join(shared, 'data/timex/timebank');
const nerTool = path.join(shared, 'tools/eval-entities.mjs');
const timexTool = path.join(shared, 'tools/eval-timex.mjs');
const haveNer = existsSync(conll) && existsSync(nerTool);
const haveTimex = existsSync(timebank) && existsSync(timexTool);

if (!haveNer || !haveTimex) {
  console.warn(`shared evaluation sets not found under ${shared}: skipping the score floors`);
}

const work = mkdtempSync(path.join(tmpdir(), 'backstory-nlp-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const node = (args: string[]): string =>
  execFileSync(process.execPath, args, { cwd: shared, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
const figure = (line: string, name: string): number =>
  Number(new RegExp(`${name} ([0-9.]+)`).exec(line)?.[1]);

describe('shared evaluation sets', () => {
  it.skipIf(!haveNer)('entities: CoNLL-2003 DEV F1 stays above the floor', () => {
    const docs = path.join(work, 'ner-docs.jsonl');
    const pred = path.join(work, 'ner-pred.jsonl');
    node([nerTool, '--conll', conll, '--emit', docs]);
    const rows = readJsonl<{ id: string; text: string }>(docs).map((d) =>
      JSON.stringify({ id: d.id, entities: extractEntities(d.text) }),
    );
    writeFileSync(pred, `${rows.join('\n')}\n`);
    const last = node([nerTool, '--conll', conll, '--pred', pred]).trim().split('\n').pop() ?? '';
    console.info(`entities: ${last}`);
    expect(figure(last, 'F1')).toBeGreaterThanOrEqual(0.8);
    expect(figure(last, 'PER')).toBeGreaterThanOrEqual(0.79);
    expect(figure(last, 'ORG')).toBeGreaterThanOrEqual(0.73);
    expect(figure(last, 'LOC')).toBeGreaterThanOrEqual(0.87);
  });

  it.skipIf(!haveTimex)('dates: TimeBank relaxed and value F1 stay above the floor', () => {
    const docs = path.join(work, 'tx-docs.jsonl');
    const pred = path.join(work, 'tx-pred.jsonl');
    node([timexTool, '--tml', timebank, '--emit', docs]);
    const rows = readJsonl<{ id: string; text: string; ref: string }>(docs).map((d) =>
      JSON.stringify({ id: d.id, dates: extractDates(d.text, d.ref) }),
    );
    writeFileSync(pred, `${rows.join('\n')}\n`);
    const last = node([timexTool, '--tml', timebank, '--pred', pred]).trim().split('\n').pop() ?? '';
    console.info(`dates: ${last}`);
    expect(figure(last, 'relaxedF1')).toBeGreaterThanOrEqual(0.9);
    expect(figure(last, 'valueF1')).toBeGreaterThanOrEqual(0.78);
  });
});
