// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { splitSentences } from '@/core/text/sentences';
import { isStopWord, STOP_WORDS, tokenize } from '@/core/text/tokens';

describe('splitSentences', () => {
  it.each([
    ['The mayor spoke. Then she left.', ['The mayor spoke.', 'Then she left.']],
    [
      'Mr. Brown met Gen. Alvarez in the U.S. on Monday.',
      ['Mr. Brown met Gen. Alvarez in the U.S. on Monday.'],
    ],
    [
      'The deal closed on Jan. 12 after talks. Shares rose.',
      ['The deal closed on Jan. 12 after talks.', 'Shares rose.'],
    ],
    ['J. R. Hartley wrote a book. It sold well.', ['J. R. Hartley wrote a book.', 'It sold well.']],
    ['She said, “We are ready.” The crowd cheered.', ['She said, “We are ready.”', 'The crowd cheered.']],
    ['“Are we ready?” he asked.', ['“Are we ready?” he asked.']],
    [
      'First block without a stop\nSecond block. Two sentences!',
      ['First block without a stop', 'Second block.', 'Two sentences!'],
    ],
    ['Growth hit 3.5 percent. Prices fell.', ['Growth hit 3.5 percent.', 'Prices fell.']],
    ['Exports to the U.S. The figures were revised.', ['Exports to the U.S.', 'The figures were revised.']],
    ['Acme Inc. said profit rose.', ['Acme Inc. said profit rose.']],
  ])('%s', (text, expected) => {
    const got = splitSentences(text);
    expect(got.map((s) => s.text)).toEqual(expected);
    for (const s of got) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('  \n \n')).toEqual([]);
  });
});

describe('tokenize', () => {
  it.each([
    ['The Council’s vote, 12 to 3!', ['the', 'council', 'vote', '12', 'to', '3']],
    ["Don't stop", ["don't", 'stop']],
    ['Zürich straße São Paulo', ['zürich', 'straße', 'são', 'paulo']],
    ['U.S. talks', ['us', 'talks']],
  ])('%s', (text, expected) => {
    expect(tokenize(text, 'en')).toEqual(expected);
  });
});

describe('stop words', () => {
  it.each([
    ['The', 'en', true],
    ['council', 'en', false],
    ['und', 'de', true],
    ['avec', 'fr', true],
    ['según', 'es', true],
    ['Haus', 'de', false],
    ['the', 'xx', true],
  ])('%s (%s) → %s', (word, lang, expected) => {
    expect(isStopWord(word, lang)).toBe(expected);
  });

  it('has lists for en, de, fr and es', () => {
    for (const lang of ['en', 'de', 'fr', 'es']) expect(STOP_WORDS[lang]?.size ?? 0).toBeGreaterThan(50);
  });
});
