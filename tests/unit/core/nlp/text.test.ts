// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { splitSentences } from '@/core/text/sentences';
import { isStopWord, SEGMENT_CHARS, STOP_WORDS, segmentPieces, tokenize } from '@/core/text/tokens';

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

/** Words of `text` as Intl.Segmenter finds them in the whole string at once (what tokenize did before pieces). */
function wholeWords(text: string, lang: string): string[] {
  const seg = new Intl.Segmenter(lang, { granularity: 'word' });
  return [...seg.segment(text)]
    .filter((s) => s.isWordLike !== false && /[\p{L}\p{N}]/u.test(s.segment))
    .map((s) => s.segment);
}

describe('long text in pieces', () => {
  // Each a few thousand characters: several pieces, and still quick to segment whole for the comparison.
  const texts: [string, string, string][] = [
    [
      'English, one long line',
      'en',
      'The council’s vote, 12 to 3, came after the U.S. envoy said: “We are ready.” '.repeat(60),
    ],
    ['English, lines', 'en', 'Kim Jong Un met Donald Trump in Singapore on June 12, 2018.\n\n'.repeat(80)],
    [
      'German',
      'de',
      'Die Stadtverwaltung beschließt neue Radwege für die Innenstadt – 3,5 Millionen Euro. '.repeat(60),
    ],
    [
      'numbers and no-break spaces',
      'fr',
      'Le budget atteint 1\u00a0000 euros, soit 3,5 % de plus qu’en 2024. '.repeat(80),
    ],
  ];

  it.each(texts)('%s: the same words as the whole text', (_name, lang, text) => {
    expect(text.length).toBeGreaterThan(SEGMENT_CHARS * 3);
    expect(tokenize(text, lang)).toEqual(wholeWords(text, lang).flatMap((w) => tokenize(w, lang)));
  });

  it('cuts after a white space, and text without any at the limit, never inside a surrogate pair', () => {
    const spaced = 'word '.repeat(1_000);
    const pieces = segmentPieces(spaced, 64);
    expect(pieces.join('')).toBe(spaced);
    for (const p of pieces.slice(0, -1)) {
      expect(p.length).toBeLessThanOrEqual(64);
      expect(p.endsWith(' ')).toBe(true);
    }
    const unspaced = '北朝鮮の指導者'.repeat(40) + '😀'.repeat(100);
    const cut = segmentPieces(unspaced, 63);
    expect(cut.join('')).toBe(unspaced);
    for (const p of cut) {
      expect(p.length).toBeLessThanOrEqual(63);
      expect(/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(p)).toBe(false);
    }
    expect(segmentPieces('short', 64)).toEqual(['short']);
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
