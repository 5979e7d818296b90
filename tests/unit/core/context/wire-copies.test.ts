// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeWireCopies } from '@/core/context/wire-copies';
import { type Fingerprint, signature } from '@/core/link/near-duplicate';
import type { RelatedItem } from '@/core/model';

const dir = join(__dirname, '../../../fixtures/wire');
const fp = (name: string) => signature(readFileSync(join(dir, `${name}.txt`), 'utf8'), 'en');

function item(id: number, score: number): RelatedItem {
  return {
    id,
    url: `https://outlet-${id}.example/story`,
    title: `Story ${id}`,
    publisher: `Outlet ${id}`,
    publishedAt: '2026-11-20',
    lang: 'en',
    score,
    kind: 'event',
    reasons: { entities: [], terms: [], daysApart: 0, similarity: score },
  };
}

describe('wire copies in a context', () => {
  const texts: Record<string, Fingerprint | null> = {
    agency: fp('agency'),
    a: fp('copy-outlet-a'),
    b: fp('copy-outlet-b'),
    own: fp('own-report'),
    follow: fp('follow-up'),
  };

  it.each([
    {
      name: 'copies of the article leave the related list and are listed as its copies',
      current: 'agency',
      related: [
        [2, 'a'],
        [3, 'own'],
        [4, 'b'],
      ] as const,
      expectRelated: [[3, []]],
      expectCopies: [2, 4],
    },
    {
      name: 'copies among the related stories become one item, the strongest linked, with the others as its copies',
      current: 'own',
      related: [
        [2, 'a'],
        [3, 'agency'],
        [4, 'follow'],
        [5, 'b'],
      ] as const,
      expectRelated: [
        [2, [3, 5]],
        [4, []],
      ],
      expectCopies: [],
    },
    {
      name: 'no copies: the list is left as it is',
      current: 'agency',
      related: [
        [3, 'own'],
        [4, 'follow'],
      ] as const,
      expectRelated: [
        [3, []],
        [4, []],
      ],
      expectCopies: [],
    },
    {
      name: 'a story without a fingerprint (a stub) is never a copy',
      current: 'agency',
      related: [
        [2, 'none'],
        [3, 'a'],
      ] as const,
      expectRelated: [[2, []]],
      expectCopies: [3],
    },
  ])('$name', ({ current, related, expectRelated, expectCopies }) => {
    const items = related.map(([id], i) => item(id, 1 - i / 10));
    const out = mergeWireCopies({
      current: { id: 1, fingerprint: texts[current] },
      related: items,
      fingerprints: new Map(related.map(([id, name]) => [id, texts[name] ?? null])),
    });
    expect(out.related.map((r) => [r.id, (r.copies ?? []).map((c) => c.id)])).toEqual(expectRelated);
    expect(out.copies.map((c) => c.id)).toEqual(expectCopies);
    // Copies are plain summaries: no score, kind or reasons of their own.
    for (const c of [...out.copies, ...out.related.flatMap((r) => r.copies ?? [])]) {
      expect(Object.keys(c).sort()).toEqual(['id', 'lang', 'publishedAt', 'publisher', 'title', 'url']);
    }
  });
});
