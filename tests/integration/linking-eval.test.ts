// @vitest-environment node
/**
 * Story linking scored with the shared scorer on the shared DEV sets (when `<repo>/../shared` exists): the
 * same ingest + healing the CLI's `link` runs, in process. AllSides (events) always runs (~30 s); Timeline17
 * (threads, 2,672 articles, several minutes) only with BACKSTORY_EVAL_T17=1. The floors sit a little below
 * the figures reached (see FLOORS).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BackstoryDB } from '@/lib/db/schema';
import { linkCorpus } from '@/lib/link-corpus';

const SHARED = path.resolve(__dirname, '../../../shared');
const DATA = path.join(SHARED, 'data/linking');
const SCORER = path.join(SHARED, 'tools/eval-linking.mjs');
const available = existsSync(path.join(DATA, 'allsides.jsonl')) && existsSync(SCORER);
if (!available) console.warn(`linking-eval: ${SHARED} not found (shared DEV sets and scorer); skipped`);

interface Line {
  id: string;
  title: string;
  text: string;
  publishedAt: string;
  publisher: string | null;
  lang: string | null;
  cluster: string;
}
interface Scores {
  p5: number;
  map: number;
  b3_f1: number;
}

async function linkAndScore(set: string, field: 'event' | 'thread'): Promise<Scores> {
  const data = readFileSync(path.join(DATA, `${set}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
  const db = new BackstoryDB(`eval-${set}-${Math.random()}`);
  const preds = (await linkCorpus(db, data)).map((l) => ({
    id: l.id,
    related: l.related,
    cluster: l[field],
  }));
  await db.delete();
  const scorer = (await import(pathToFileURL(SCORER).href)) as {
    evaluate: (data: Line[], preds: unknown[]) => Scores;
  };
  const res = scorer.evaluate(data, preds);
  console.log(`${set}: P@5 ${res.p5.toFixed(3)} MAP ${res.map.toFixed(3)} B3F1 ${res.b3_f1.toFixed(3)}`);
  return res;
}

describe.skipIf(!available)('linking on the shared DEV sets', () => {
  it('AllSides: same-event stories rank first and cluster into events', async () => {
    const res = await linkAndScore('allsides', 'event');
    expect(res.map).toBeGreaterThanOrEqual(FLOORS.allsides.map);
    expect(res.b3_f1).toBeGreaterThanOrEqual(FLOORS.allsides.b3f1);
  }, 180_000);

  it.runIf(process.env.BACKSTORY_EVAL_T17 === '1')(
    'Timeline17: stories of one long-running story link and cluster into threads',
    async () => {
      const res = await linkAndScore('t17-threads', 'thread');
      expect(res.p5).toBeGreaterThanOrEqual(FLOORS.t17.p5);
      expect(res.b3_f1).toBeGreaterThanOrEqual(FLOORS.t17.b3f1);
    },
    1_200_000,
  );
});

const FLOORS = {
  // reached: AllSides MAP 0.934, B3F1 0.917; Timeline17 P@5 0.983, B3F1 0.863. The Timeline17 floor is close
  // enough to catch a drift like the candidate look-up's postings cap at 400 (B3F1 0.855, lib/db/stories.ts).
  allsides: { map: 0.92, b3f1: 0.9 },
  t17: { p5: 0.975, b3f1: 0.858 },
};
