// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { datelineLength } from '@/core/text/dateline';

/** The sentence with its dateline in brackets, as datelineLength cuts it. */
const cut = (sentence: string) => {
  const n = datelineLength(sentence);
  return n ? `[${sentence.slice(0, n).trim()}] ${sentence.slice(n)}` : sentence;
};

describe('datelineLength', () => {
  it.each([
    [
      'WASHINGTON — President Donald Trump has agreed to meet',
      '[WASHINGTON —] President Donald Trump has agreed to meet',
    ],
    [
      'SEOUL, South Korea (AP) — North Korea fired a missile on Friday.',
      '[SEOUL, South Korea (AP) —] North Korea fired a missile on Friday.',
    ],
    [
      'LONDON, June 3 (Reuters) - Britain said on Monday it would act.',
      '[LONDON, June 3 (Reuters) -] Britain said on Monday it would act.',
    ],
    [
      'NEW YORK, Sept. 24 -- Stocks fell sharply on Wall Street.',
      '[NEW YORK, Sept. 24 --] Stocks fell sharply on Wall Street.',
    ],
    [
      'MESA, Ariz., Feb. 18 -- The city council voted for the plan.',
      '[MESA, Ariz., Feb. 18 --] The city council voted for the plan.',
    ],
    [
      'SAO PAULO, Brazil, Nov. 8 -- Brazil said it had found oil.',
      '[SAO PAULO, Brazil, Nov. 8 --] Brazil said it had found oil.',
    ],
    [
      'RIYADH, June 3 -LRB- Reuters -RRB- - Saudi Arabia said on Sunday it would.',
      '[RIYADH, June 3 -LRB- Reuters -RRB- -] Saudi Arabia said on Sunday it would.',
    ],
    [
      'AP WASHINGTON -- The House voted on Tuesday for the bill.',
      '[AP WASHINGTON --] The House voted on Tuesday for the bill.',
    ],
    [
      'OVER THE GULF OF MEXICO -- The plane circled the slick for hours.',
      '[OVER THE GULF OF MEXICO --] The plane circled the slick for hours.',
    ],
    [
      'Berlin (dpa) – Die Bundesregierung hat am Montag beschlossen, dass es bleibt.',
      '[Berlin (dpa) –] Die Bundesregierung hat am Montag beschlossen, dass es bleibt.',
    ],
    [
      'WASHINGTON—President Trump said on Monday he would act.',
      '[WASHINGTON—] President Trump said on Monday he would act.',
    ],
    [
      '(CNN) — A powerful storm slammed into the coast on Sunday.',
      '[(CNN) —] A powerful storm slammed into the coast on Sunday.',
    ],
    [
      'KYIV — “We will not give up,” the president said.',
      '[KYIV —] “We will not give up,” the president said.',
    ],
  ])('cuts the dateline of %s', (sentence, expected) => {
    expect(cut(sentence)).toBe(expected);
  });

  it.each([
    // not datelines: a name or an aside between dashes, a clause that goes on in lower case
    'NATO — the alliance said it would act.',
    'Trump — who met Kim three times — said he would go.',
    'The U.S. — and its allies — said they would act.',
    'GM — the carmaker — said on Friday that sales fell.',
    'US-Präsident Donald Trump – so heißt es – will reisen.',
    'Kim Jong Un (the leader) said nothing about it.',
    // what is left would not be a sentence
    'WASHINGTON — Yes.',
    // no dash, or hyphens without spaces
    'WASHINGTON-based firms said on Monday they would act.',
    'WASHINGTON said on Monday that it would act.',
    '',
  ])('leaves %j as it is', (sentence) => {
    expect(datelineLength(sentence)).toBe(0);
  });
});
