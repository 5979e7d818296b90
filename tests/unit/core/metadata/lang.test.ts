// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { guessLang, normalizeLang } from '../../../../core/metadata/lang';

describe('normalizeLang', () => {
  it.each([
    ['en_GB', 'en-gb'],
    ['de-DE', 'de-de'],
    ['fr', 'fr'],
    [' en-US, en ', 'en-us'],
    ['und', null],
    ['', null],
    ['english', null],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeLang(raw)).toBe(expected);
  });
});

describe('guessLang', () => {
  it.each([
    [
      'The council said on Thursday that the bridge will reopen to traffic and that the cost was in line with the plan.',
      'en',
    ],
    [
      'Der Gemeinderat hat am Donnerstag beschlossen, dass die Brücke für den Verkehr wieder geöffnet wird und die Kosten im Plan sind.',
      'de',
    ],
    [
      'Le conseil a annoncé jeudi que le pont sera rouvert à la circulation et que le coût est conforme au budget prévu pour les travaux.',
      'fr',
    ],
    [
      'El consejo dijo el jueves que el puente se abrirá de nuevo al tráfico y que el coste está en línea con el plan para la ciudad.',
      'es',
    ],
    ['橋は木曜日に再開されると市議会が発表しました。費用は計画通りでした。', 'ja'],
    ['Совет заявил в четверг, что мост снова откроется для движения транспорта.', 'ru'],
    ['short', null],
  ])('%s → %s', (text, expected) => {
    expect(guessLang(text)).toBe(expected);
  });
});
