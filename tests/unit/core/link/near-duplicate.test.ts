// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BANDS,
  bandKeys,
  containment,
  isWireCopy,
  SIGNATURE_SIZE,
  signature,
  similarity,
  wireCopyGroups,
} from '@/core/link/near-duplicate';

const dir = join(__dirname, '../../../fixtures/wire');
const text = (name: string) => readFileSync(join(dir, `${name}.txt`), 'utf8');
const sig = (name: string, lang = 'en') => signature(text(name), lang);

describe('wire copies (MinHash over 4-word shingles)', () => {
  it.each([
    [
      'agency',
      'copy-outlet-a',
      'en',
      true,
      'the same text with the outlet’s dateline, promo and credit lines',
    ],
    ['agency', 'copy-outlet-b', 'en', true, 'cut after five paragraphs, with a few words edited'],
    ['agentur-de', 'agentur-de-kopie', 'de', true, 'a German agency text republished with small edits'],
    ['agency', 'own-report', 'en', false, 'an outlet’s own report of the same event'],
    ['agency', 'follow-up', 'en', false, 'the agency’s next story, repeating two sentences'],
    ['agency', 'agentur-de', 'en', false, 'the same story in another language'],
  ])('%s vs %s (%s): copy %s — %s', (a, b, lang, expected) => {
    const sa = sig(a, a.startsWith('agentur') ? 'de' : 'en');
    const sb = sig(b, lang);
    expect(sa?.minhash).toHaveLength(SIGNATURE_SIZE);
    expect(isWireCopy(sa, sb)).toBe(expected);
  });

  it('estimates Jaccard similarity and containment: a cut copy is contained though less similar', () => {
    const a = sig('agency')!;
    expect(similarity(a.minhash, sig('agency')!.minhash)).toBe(1);
    expect(similarity(a.minhash, sig('copy-outlet-a')!.minhash)).toBeGreaterThan(0.8);
    expect(similarity(a.minhash, sig('own-report')!.minhash)).toBeLessThan(0.2);
    const cut = sig('copy-outlet-b')!;
    expect(containment(a, cut)).toBeGreaterThan(similarity(a.minhash, cut.minhash));
    expect(containment(a, cut)).toBeGreaterThan(0.8);
    expect(containment(a, sig('follow-up')!)).toBeLessThan(0.3);
  });

  it('gives no signature to a text too short to tell a copy from a coincidence', () => {
    expect(signature('Port Aldren closes its northern terminal for three weeks')).toBeNull();
    expect(signature('')).toBeNull();
    expect(isWireCopy(null, sig('agency'))).toBe(false);
  });

  it('copies share an LSH band; unrelated texts do not', () => {
    const keys = (name: string) => new Set(bandKeys(sig(name)!));
    const a = keys('agency');
    expect(a.size).toBe(BANDS);
    expect([...keys('copy-outlet-a')].some((k) => a.has(k))).toBe(true);
    expect([...keys('own-report')].some((k) => a.has(k))).toBe(false);
  });

  it('groups the copies of a set of stories, leaving the others alone', () => {
    const items = ['agency', 'own-report', 'copy-outlet-a', 'follow-up', 'copy-outlet-b'].map((id) => ({
      id,
      signature: sig(id),
    }));
    items.push({ id: 'stub', signature: null });
    expect(wireCopyGroups(items)).toEqual([['agency', 'copy-outlet-a', 'copy-outlet-b']]);
  });
});
