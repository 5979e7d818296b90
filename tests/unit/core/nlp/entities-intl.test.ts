// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '@/core/nlp/analyze';
import { extractEntities } from '@/core/nlp/entities';
import { extractEntitiesIntl } from '@/core/nlp/entities-intl';

const keys = (text: string, lang: string) => [...new Set(extractEntitiesIntl(text, lang).map((m) => m.key))];

describe('entities in articles that are not in English', () => {
  it.each([
    {
      lang: 'de',
      text: 'Nordkoreas Machthaber Kim Jong Un hat am Sonntag US-Präsident Donald Trump getroffen. Trump sagte, die Vereinigten Staaten wollten weiter verhandeln.',
      has: ['place:north korea', 'person:kim jong un', 'person:donald trump', 'place:united states'],
      not: ['organization:united nations', 'person:kim jong'],
    },
    {
      lang: 'de',
      text: 'Bundeskanzler Olaf Scholz reiste nach Moskau. Die Vereinten Nationen und die Europäische Union äußerten sich in Brüssel.',
      has: [
        'person:olaf scholz',
        'place:moscow',
        'organization:united nations',
        'organization:european union',
        'place:brussels',
      ],
      // German capitalises every noun: no person from a noun run without a role before it.
      not: ['person:die vereinten', 'person:europäische union'],
    },
    {
      lang: 'de',
      text: 'Die Regierung in Peking kündigte Ende Juni neue Zölle an. Die Entscheidung betrifft die Wirtschaft Japans.',
      has: ['place:beijing', 'place:japan'],
      not: ['person:ende juni', 'person:die regierung'],
    },
    {
      lang: 'fr',
      text: "Le président Emmanuel Macron a reçu mardi à Paris le chancelier Olaf Scholz. Selon Ursula von der Leyen, l'Union européenne doit agir. Macron a ensuite appelé Kiev.",
      has: [
        'person:emmanuel macron',
        'place:paris',
        'person:olaf scholz',
        'person:ursula von der leyen',
        'organization:european union',
        'place:kyiv',
      ],
      not: ['person:scholz selon ursula'],
    },
    {
      lang: 'es',
      text: 'El presidente Pedro Sánchez viajó a Washington. Los Estados Unidos y la OTAN discutieron la guerra en Ucrania.',
      has: [
        'person:pedro sanchez',
        'place:washington',
        'place:united states',
        'organization:nato',
        'place:ukraine',
      ],
      not: [],
    },
  ])('$lang: $has', ({ text, lang, has, not }) => {
    const found = keys(text, lang);
    for (const k of has) expect(found, k).toContain(k);
    for (const k of not) expect(found, k).not.toContain(k);
  });

  it('gives the keys the English extractor gives the same names, so articles link across languages', () => {
    const en = new Set(
      extractEntities(
        'North Korean leader Kim Jong Un met President Donald Trump in Pyongyang. The United Nations and NATO welcomed it, the White House said.',
      ).map((m) => m.key),
    );
    const de = keys(
      'Machthaber Kim Jong Un traf Präsident Donald Trump in Pjöngjang. Die Vereinten Nationen und die NATO begrüßten das, teilte das Weiße Haus mit.',
      'de',
    );
    expect(de.filter((k) => en.has(k)).sort()).toEqual(
      [
        'organization:nato',
        'organization:united nations',
        'organization:white house',
        'person:donald trump',
        'person:kim jong un',
        'place:pyongyang',
      ].sort(),
    );
  });

  it('is what analyzeArticle uses for a German article', () => {
    const analysis = analyzeArticle({
      title: 'Gipfel in Panmunjom',
      text: 'US-Präsident Donald Trump hat Machthaber Kim Jong Un getroffen. Trump sprach von einem guten Tag.',
      publishedAt: '2019-06-30',
      lang: 'de-DE',
    });
    const trump = analysis.entities.find((e) => e.key === 'person:donald trump');
    expect(trump?.count).toBe(2);
    expect(analysis.entities.map((e) => e.key)).toContain('person:kim jong un');
  });
});
