// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { EntityType } from '@/core/model';
import { entityKey, extractEntities } from '@/core/nlp/entities';

type Expect = [string, EntityType];

const find = (text: string) => extractEntities(text).map((e) => [e.text, e.type] as Expect);

describe('extractEntities', () => {
  it.each<[string, Expect[]]>([
    [
      'Prime Minister Maria Lindqvist met Chancellor Otto Brenner in Berlin on Tuesday.',
      [
        ['Maria Lindqvist', 'person'],
        ['Otto Brenner', 'person'],
        ['Berlin', 'place'],
      ],
    ],
    [
      'The U.S. and the European Union urged NATO to act, the White House said.',
      [
        ['U.S.', 'place'],
        ['European Union', 'organization'],
        ['NATO', 'organization'],
        ['White House', 'organization'],
      ],
    ],
    [
      'The Ministry of Finance in Nairobi said the Central Bank of Kenya would hold rates.',
      [
        ['Ministry of Finance', 'organization'],
        ['Nairobi', 'place'],
        ['Central Bank of Kenya', 'organization'],
      ],
    ],
    [
      'Dutch carrier KLM and Reuters reported the delay at Schiphol Airport.',
      [
        ['KLM', 'organization'],
        ['Reuters', 'organization'],
        ['Schiphol Airport', 'place'],
      ],
    ],
    ['Speaking at a rally, Senator Ruth Okafor criticised the plan.', [['Ruth Okafor', 'person']]],
    [
      'Speaking at an Oval Office event, Senator Ruth Okafor said talks at Camp David would follow.',
      [
        ['Oval Office', 'place'],
        ['Ruth Okafor', 'person'],
        ['Camp David', 'place'],
      ],
    ],
    [
      'The talks in Geneva -- Tallinn and Riga joined later.',
      [
        ['Geneva', 'place'],
        ['Tallinn', 'place'],
        ['Riga', 'place'],
      ],
    ],
    ['French and German officials met on Friday.', []],
    [
      'Acme Chief Executive Dana Whitfield said the firm would expand in Chile.',
      [
        ['Acme', 'organization'],
        ['Dana Whitfield', 'person'],
        ['Chile', 'place'],
      ],
    ],
    [
      'Prime Minister Anna Kovacs told the House of Commons that Britain backed the plan.',
      [
        ['Anna Kovacs', 'person'],
        ['House of Commons', 'organization'],
        ['Britain', 'place'],
      ],
    ],
    [
      'Kim Jong-un visited a factory, state media KCNA said.',
      [
        ['Kim Jong-un', 'person'],
        ['KCNA', 'organization'],
      ],
    ],
    [
      'Investors cheered as SpaceX and OpenAI raised money.',
      [
        ['SpaceX', 'organization'],
        ['OpenAI', 'organization'],
      ],
    ],
    [
      'Borislav Tenev scored twice as Levski Sofia beat Lokomotiv 3-1 on Sunday.',
      [['Borislav Tenev', 'person']],
    ],
    [
      'OSLO, May 4 (Reuters) - Shares in Nordhavn rose.',
      [
        ['OSLO', 'place'],
        ['Reuters', 'organization'],
      ],
    ],
  ])('%s', (text, expected) => {
    const got = find(text);
    for (const e of expected) expect(got).toContainEqual(e);
    if (expected.length === 0) expect(got).toEqual([]);
  });

  it('builds spans from the text itself (no overrun after punctuation)', () => {
    const text = 'Talks resumed -- Bucharest hosted them. News followed.';
    for (const e of extractEntities(text)) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(extractEntities(text).find((e) => e.text.startsWith('Bucharest'))?.text).toBe('Bucharest');
  });

  it('resolves a lone surname to the full name given earlier', () => {
    const text = 'Finance Minister Lena Marsh defended the budget. Marsh said cuts were needed.';
    const keys = extractEntities(text)
      .filter((e) => e.type === 'person')
      .map((e) => e.key);
    expect(keys).toEqual(['person:lena marsh', 'person:lena marsh']);
  });

  it('drops possessives from spans', () => {
    const text = 'Canada’s trade minister visited Mexico.';
    expect(find(text)).toContainEqual(['Canada', 'place']);
  });
});

describe('entityKey', () => {
  it.each<[string, EntityType, string]>([
    ['Kim Jong Un', 'person', 'person:kim jong un'],
    ['Kim Jong-un', 'person', 'person:kim jong un'],
    ['U.S.', 'place', 'place:united states'],
    ['US', 'place', 'place:united states'],
    ['United States', 'place', 'place:united states'],
    ['America', 'place', 'place:united states'],
    ['the United Nations', 'organization', 'organization:united nations'],
    ['U.N.', 'organization', 'organization:united nations'],
    ['Britain', 'place', 'place:united kingdom'],
    ['São Paulo', 'place', 'place:sao paulo'],
  ])('%s (%s) → %s', (name, type, key) => {
    expect(entityKey(name, type)).toBe(key);
  });
});
