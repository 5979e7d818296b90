// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { diffParagraphs, paragraphs, textHash } from '@/core/context/revisions';

describe('paragraph diff', () => {
  it.each<[string, string[], string[], { added: string[]; removed: string[] }]>([
    ['no change', ['a', 'b'], ['a', 'b'], { added: [], removed: [] }],
    ['a paragraph added at the end', ['a', 'b'], ['a', 'b', 'c'], { added: ['c'], removed: [] }],
    ['a paragraph added in the middle', ['a', 'c'], ['a', 'b', 'c'], { added: ['b'], removed: [] }],
    ['a paragraph removed', ['a', 'b', 'c'], ['a', 'c'], { added: [], removed: ['b'] }],
    ['a paragraph edited', ['a', 'b', 'c'], ['a', 'B', 'c'], { added: ['B'], removed: ['b'] }],
    ['everything new', ['a'], ['x', 'y'], { added: ['x', 'y'], removed: ['a'] }],
    ['from nothing', [], ['x'], { added: ['x'], removed: [] }],
  ])('%s', (_name, before, after, expected) => {
    expect(diffParagraphs(before, after)).toEqual(expected);
  });

  it('splits text into trimmed non-empty paragraphs', () => {
    expect(paragraphs(' One  two. \n\n  Three.\n')).toEqual(['One two.', 'Three.']);
  });

  it('hashes text to 8 hex digits, different for different texts', () => {
    expect(textHash('abc')).toMatch(/^[0-9a-f]{8}$/);
    expect(textHash('abc')).toBe(textHash('abc'));
    expect(textHash('abc')).not.toBe(textHash('abd'));
    expect(textHash('')).toBe('811c9dc5');
  });

  it('stays bounded on very long texts (set comparison)', () => {
    const before = Array.from({ length: 1500 }, (_, i) => `p${i}`);
    const after = [...before.slice(1), 'new'];
    expect(diffParagraphs(before, after)).toEqual({ added: ['new'], removed: ['p0'] });
  });
});
