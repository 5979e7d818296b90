import { describe, expect, it } from 'vitest';
import {
  type CapturePart,
  createCaptureParts,
  MAX_UPLOADS,
  UPLOAD_TTL_MS,
} from '@/lib/background/capture-parts';

const URL_A = 'https://news.example/a';
const part = (index: number, last: boolean, html: string, over: Partial<CapturePart> = {}): CapturePart => ({
  url: URL_A,
  upload: 'u1',
  index,
  last,
  html,
  ...over,
});

describe('capture parts: a page too large for one message, put together', () => {
  it.each([
    ['in order', [0, 1, 2]],
    ['out of order', [2, 0, 1]],
    ['last first', [2, 1, 0]],
  ])('%s', (_name, order) => {
    const parts = createCaptureParts({ maxChars: 100 });
    const text = ['<html>', '<p>a</p>', '</html>'];
    const results = order.map((i) => parts.add('7', part(i, i === 2, text[i]!)));
    expect(results.slice(0, -1)).toEqual([
      { done: false, received: 1 },
      { done: false, received: 2 },
    ]);
    expect(results.at(-1)).toEqual({ done: true, url: URL_A, html: '<html><p>a</p></html>' });
    expect(parts.pending()).toBe(0);
  });

  it('keeps the uploads of two tabs apart', () => {
    const parts = createCaptureParts({ maxChars: 100 });
    parts.add('1', part(0, false, 'a'));
    parts.add('2', part(0, false, 'x'));
    expect(parts.add('2', part(1, true, 'y'))).toEqual({ done: true, url: URL_A, html: 'xy' });
    expect(parts.add('1', part(1, true, 'b'))).toEqual({ done: true, url: URL_A, html: 'ab' });
  });

  it.each([
    ['a part sent twice', [part(0, false, 'a'), part(0, false, 'a')], /sent twice/],
    [
      'a part after the last',
      [part(0, false, 'a'), part(1, true, 'b'), part(0, false, 'c', { upload: 'u1' })],
      null,
    ],
    ['a part numbered after the last', [part(1, true, 'b'), part(2, false, 'c')], /after the last/],
    ['a last part before parts already in', [part(3, false, 'd'), part(1, true, 'b')], /after the last/],
    [
      'a part of another page',
      [part(0, false, 'a'), part(1, true, 'b', { url: 'https://news.example/b' })],
      /another page/,
    ],
    [
      'more than the limit in all',
      [part(0, false, 'a'.repeat(60)), part(1, true, 'b'.repeat(60))],
      /too large/,
    ],
  ])('refuses %s, and forgets that upload', (_name, list, error) => {
    const parts = createCaptureParts({ maxChars: 100 });
    const last = list.at(-1)!;
    for (const p of list.slice(0, -1)) parts.add('7', p);
    if (error) {
      expect(() => parts.add('7', last)).toThrow(error);
      expect(parts.pending()).toBe(0);
    } else {
      // The upload was complete and forgotten: a part with its id starts a new one.
      expect(parts.add('7', last)).toEqual({ done: false, received: 1 });
    }
  });

  it('holds a bounded number of uploads, each for a bounded time', () => {
    let now = 0;
    const parts = createCaptureParts({ maxChars: 100, now: () => now });
    for (let i = 0; i < MAX_UPLOADS + 3; i++) parts.add('7', part(0, false, 'a', { upload: `u${i}` }));
    expect(parts.pending()).toBe(MAX_UPLOADS);
    // The oldest went first: its last part starts an upload that has no first part.
    expect(parts.add('7', part(1, true, 'b', { upload: 'u0' }))).toEqual({ done: false, received: 1 });
    now += UPLOAD_TTL_MS + 1;
    expect(parts.add('7', part(1, true, 'b', { upload: 'u6' }))).toEqual({ done: false, received: 1 });
    expect(parts.pending()).toBe(1);
  });
});
