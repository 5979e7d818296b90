// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { generateCorpus, rng, zipf } from '../../../scripts/scale/generate';

describe('scale generator', () => {
  const a = generateCorpus({ n: 3000, seed: 7 });

  it('is deterministic for a seed and differs between seeds', () => {
    const b = generateCorpus({ n: 3000, seed: 7 });
    for (const i of [0, 1234, 2999]) expect(b.story(i)).toEqual(a.story(i));
    expect(generateCorpus({ n: 3000, seed: 8 }).story(0).title).not.toBe(a.story(0).title);
  });

  it('orders stories by publication time over about three years, with unique URLs', () => {
    const stories = Array.from({ length: a.n }, (_, i) => a.story(i));
    for (let i = 1; i < stories.length; i++) {
      expect(stories[i]!.publishedTs).toBeGreaterThanOrEqual(stories[i - 1]!.publishedTs);
    }
    const span = (stories.at(-1)!.publishedTs - stories[0]!.publishedTs) / 86_400_000;
    expect(span).toBeGreaterThan(900);
    expect(span).toBeLessThan(1200);
    expect(new Set(stories.map((s) => s.url)).size).toBe(a.n);
  });

  it('makes mostly feed stubs, some read articles with full text', () => {
    const stories = Array.from({ length: a.n }, (_, i) => a.story(i));
    const read = stories.filter((s) => s.read);
    expect(read.length / a.n).toBeGreaterThan(0.03);
    expect(read.length / a.n).toBeLessThan(0.1);
    for (const s of read) expect(s.text.length).toBeGreaterThan(s.summary.length * 3);
    for (const s of stories.filter((x) => !x.read)) expect(s.text).toBe('');
    for (const s of stories) expect(s.title.split(' ').length).toBeGreaterThanOrEqual(6);
  });

  it('gives entities a heavy tail and threads a few long runs', () => {
    const mentions = new Map<string, number>();
    const threads = new Map<number, number>();
    for (let i = 0; i < a.n; i++) {
      const s = a.story(i);
      for (const e of s.entities) mentions.set(e.key, (mentions.get(e.key) ?? 0) + 1);
      threads.set(s.threadId, (threads.get(s.threadId) ?? 0) + 1);
    }
    const counts = [...mentions.values()].sort((x, y) => y - x);
    // The most named entity is in a large share of stories; most entities are named in very few.
    expect(counts[0]! / a.n).toBeGreaterThan(0.05);
    expect(counts[Math.floor(counts.length / 2)]!).toBeLessThanOrEqual(3);
    const sizes = [...threads.values()].sort((x, y) => y - x);
    expect(sizes[0]!).toBeGreaterThan(30);
    expect(sizes[Math.floor(sizes.length / 2)]!).toBeLessThanOrEqual(6);
    expect(a.entities.every((e) => e.key === `${e.type}:${e.name.toLowerCase()}`)).toBe(true);
  });

  it('samples Zipf ranks with the expected head', () => {
    const sample = zipf(1000, 1.07);
    const r = rng(1);
    const hits = new Array<number>(1000).fill(0);
    for (let i = 0; i < 50_000; i++) hits[sample(r)]!++;
    // P(rank 1) / P(rank 10) = 10^1.07 ≈ 11.7
    expect(hits[0]! / hits[9]!).toBeGreaterThan(9);
    expect(hits[0]! / hits[9]!).toBeLessThan(15);
    expect(hits[0]!).toBeGreaterThan(hits[1]!);
  });
});
