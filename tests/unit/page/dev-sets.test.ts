// @vitest-environment node
/**
 * Regression floors on the shared DEV sets (extraction and metadata), read from <repo>/../shared when it is
 * there. The scores are computed here the way the shared scorers define them (shingle F1 for bodies, day
 * accuracy for dates, normalised exact match for titles and author sets), slightly simplified; the floors sit
 * a little below the measured values so that a regression fails. Skipped when the shared folder is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readPage } from '../../../page/read-page';
import { hasShared, parse, sharedDir } from './helpers';

const extractionDir = resolve(sharedDir, 'data/extraction');
const metadataDir = resolve(sharedDir, 'data/metadata');

if (!hasShared)
  console.warn(`[dev-sets] ${sharedDir}/data not found: skipping the DEV-set regression tests.`);

/** Decodes a saved page in the charset its <meta charset> declares. */
function decode(buf: Buffer): string {
  const head = buf.subarray(0, 4000).toString('latin1');
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
  try {
    return new TextDecoder(declared === 'utf8' ? 'utf-8' : declared).decode(buf);
  } catch {
    return new TextDecoder('utf-8').decode(buf);
  }
}

function pages(dir: string): { id: string; html: string }[] {
  return readdirSync(resolve(dir, 'html'))
    .filter((f) => f.endsWith('.html.gz'))
    .sort()
    .map((f) => ({
      id: f.replace(/\.html\.gz$/, ''),
      html: decode(gunzipSync(readFileSync(resolve(dir, 'html', f)))),
    }));
}

function shingles(text: string): Map<string, number> {
  const tokens = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  const out = new Map<string, number>();
  const last = Math.max(1, tokens.length - 3);
  for (let i = 0; i < last; i++) {
    const sh = tokens.slice(i, i + 4);
    if (sh.length === 0) continue;
    const key = sh.join(' ');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** Corpus F1 of the extraction benchmark: mean per-page precision and recall over shingle multisets. */
function extractionF1(pairs: { truth: string; pred: string }[]): number {
  const ps: number[] = [];
  const rs: number[] = [];
  for (const { truth, pred } of pairs) {
    const t = shingles(truth);
    const p = shingles(pred);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const [k, c] of p) {
      const ct = t.get(k) ?? 0;
      tp += Math.min(c, ct);
      fp += Math.max(0, c - ct);
    }
    for (const [k, c] of t) fn += Math.max(0, c - (p.get(k) ?? 0));
    if (tp + fp > 0) ps.push(fp === 0 && fn === 0 ? 1 : tp / (tp + fp));
    if (tp + fn > 0) rs.push(fp === 0 && fn === 0 ? 1 : tp / (tp + fn));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const P = mean(ps);
  const R = mean(rs);
  return (2 * P * R) / (P + R);
}

function normTitle(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‚‛]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function normName(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/^(?:by|von|par|por)\s+/i, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function nameSet(names: string[]): string {
  const split = names.flatMap((n) => n.split(/\s*(?:,|;|&| and | und | et | y |、|・)\s*/i));
  return [...new Set(split.map(normName).filter(Boolean))].sort().join('|');
}

describe.skipIf(!hasShared || !existsSync(extractionDir))('extraction DEV set', () => {
  it('keeps body-text F1 and detects every page as an article', () => {
    const truth = JSON.parse(readFileSync(resolve(extractionDir, 'ground-truth.json'), 'utf8')) as Record<
      string,
      { articleBody: string; url: string }
    >;
    const pairs: { truth: string; pred: string }[] = [];
    let articles = 0;
    for (const { id, html } of pages(extractionDir)) {
      const t = truth[id];
      if (!t) continue;
      const reading = readPage(parse(html), t.url);
      if (reading.isArticle) articles++;
      pairs.push({ truth: t.articleBody, pred: reading.article?.text ?? '' });
    }
    const f1 = extractionF1(pairs);
    console.log(`[dev-sets] extraction: F1 ${f1.toFixed(3)}, detected ${articles}/${pairs.length}`);
    expect(pairs.length).toBeGreaterThan(100);
    expect(articles / pairs.length).toBeGreaterThanOrEqual(0.98);
    expect(f1).toBeGreaterThanOrEqual(0.957);
  }, 240_000);
});

describe.skipIf(!hasShared || !existsSync(metadataDir))('metadata DEV set', () => {
  it('keeps date, title and author accuracy', () => {
    const truth = JSON.parse(readFileSync(resolve(metadataDir, 'truth.json'), 'utf8')) as Record<
      string,
      { url: string; date: string | null; title?: string; authors?: string[] }
    >;
    let nDate = 0;
    let dateOk = 0;
    let nTitle = 0;
    let titleOk = 0;
    let nAuthors = 0;
    let authorsOk = 0;
    for (const { id, html } of pages(metadataDir)) {
      const t = truth[id];
      if (!t) continue;
      const a = readPage(parse(html), t.url).article;
      if (t.date) {
        nDate++;
        if (a?.publishedAt?.slice(0, 10) === t.date) dateOk++;
      }
      if (t.title) {
        nTitle++;
        if (a && normTitle(a.title) === normTitle(t.title)) titleOk++;
      }
      if (t.authors?.length) {
        nAuthors++;
        if (a && nameSet(a.authors) === nameSet(t.authors)) authorsOk++;
      }
    }
    const date = dateOk / nDate;
    const title = titleOk / nTitle;
    const authors = authorsOk / nAuthors;
    console.log(
      `[dev-sets] metadata: date ${date.toFixed(3)} (n=${nDate}) title ${title.toFixed(3)} (n=${nTitle}) authors ${authors.toFixed(3)} (n=${nAuthors})`,
    );
    expect(nDate).toBeGreaterThan(500);
    expect(date).toBeGreaterThanOrEqual(DATE_FLOOR);
    expect(title).toBeGreaterThanOrEqual(TITLE_FLOOR);
    expect(authors).toBeGreaterThanOrEqual(AUTHORS_FLOOR);
  }, 300_000);
});

// Floors: a little below the values measured when these tests were written (see the console line).
const DATE_FLOOR = 0.885;
const TITLE_FLOOR = 0.95;
const AUTHORS_FLOOR = 0.85;
