// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { encodeTextDirective, sentenceUrl, textDirective } from '@/core/context/text-fragment';

describe('text fragments point at a sentence', () => {
  it.each([
    ['plain words', 'met Kim', 'met%20Kim'],
    [
      'dash, comma and ampersand are encoded',
      'Trump-Kim, talks & more',
      'Trump%2DKim%2C%20talks%20%26%20more',
    ],
    ['percent and hash', '50% #1', '50%25%20%231'],
    ['quotes and parentheses', "Kim's (first) *visit*!", 'Kim%27s%20%28first%29%20%2Avisit%2A%21'],
    ['non-ASCII', 'Pjöngjang – Seoul', 'Pj%C3%B6ngjang%20%E2%80%93%20Seoul'],
  ])('%s', (_name, input, expected) => {
    expect(encodeTextDirective(input)).toBe(expected);
    expect(decodeURIComponent(expected)).toBe(input);
  });

  it.each([
    [
      'a short sentence is matched whole',
      'The leaders met in 2018.',
      'text=The%20leaders%20met%20in%202018.',
    ],
    [
      'a long sentence by its first and last four words',
      'Trump has met Kim three times, in Singapore, Hanoi and at the DMZ between 2018 and 2019.',
      'text=Trump%20has%20met%20Kim,between%202018%20and%202019.',
    ],
    [
      'whitespace is collapsed',
      '  North   Korean leader Kim Jong Un\nsaid on Tuesday that talks could resume soon. ',
      'text=North%20Korean%20leader%20Kim,talks%20could%20resume%20soon.',
    ],
    [
      'commas and dashes inside the words never split the directive',
      'Kim, Trump-era envoys said, met again in Hanoi, Vietnam, last week, officials said.',
      'text=Kim%2C%20Trump%2Dera%20envoys%20said%2C,last%20week%2C%20officials%20said.',
    ],
    ['an empty sentence has none', '   ', null],
  ])('%s', (_name, sentence, expected) => {
    expect(textDirective(sentence)).toBe(expected);
  });

  it.each([
    [
      'https://news.example/a',
      'Trump has met Kim three times, in Singapore and Hanoi.',
      'https://news.example/a#:~:text=Trump%20has%20met%20Kim,in%20Singapore%20and%20Hanoi.',
    ],
    ['https://news.example/a#top', 'Talks resume.', 'https://news.example/a#top:~:text=Talks%20resume.'],
    ['https://news.example/a#:~:text=old', 'Talks resume.', 'https://news.example/a#:~:text=Talks%20resume.'],
    ['https://news.example/a?x=1', '', 'https://news.example/a?x=1'],
  ])('sentenceUrl(%s)', (url, sentence, expected) => {
    expect(sentenceUrl(url, sentence)).toBe(expected);
  });
});
