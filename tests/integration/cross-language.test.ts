import { beforeEach, describe, expect, it } from 'vitest';
import type { ExtractedArticle } from '@/core/model';
import { analyzeArticle } from '@/core/nlp/analyze';
import { BackstoryDB } from '@/lib/db/schema';
import { createStoryService, type StoryService } from '@/lib/story-service';
import { extractedArticle } from './helpers';

let db: BackstoryDB;
let service: StoryService;
let clock = Date.UTC(2026, 10, 25);

beforeEach(() => {
  db = new BackstoryDB(`xlang-${Math.random()}`);
  service = createStoryService(db, { analyze: analyzeArticle, now: () => clock++ });
});

function article(slug: string, lang: string, title: string, text: string, day: string): ExtractedArticle {
  const url = `https://${lang}.news.example/${slug}`;
  return extractedArticle({ url, title, text, publishedAt: day, publisher: `${lang} news`, lang });
}

// Written for this test: one meeting reported in English and in German, and an unrelated English story.
const EN = article(
  'summit',
  'en',
  'Macron and Scholz meet in Brussels over Ukraine aid',
  [
    'French President Emmanuel Macron and German Chancellor Olaf Scholz met in Brussels on Thursday to settle a dispute over aid for Ukraine.',
    'Macron told reporters that the European Union had to agree before the winter. Scholz said Germany would pay its share.',
    'The two leaders also spoke with Volodymyr Zelensky by video link from Kyiv. Officials from NATO joined the talks.',
    'Diplomats in Brussels said a deal could come next week, after finance ministers meet in Luxembourg.',
  ].join('\n'),
  '2026-11-19',
);
const DE = article(
  'gipfel',
  'de',
  'Macron und Scholz beraten in Brüssel über Hilfe für die Ukraine',
  [
    'Präsident Emmanuel Macron und Bundeskanzler Olaf Scholz haben sich am Donnerstag in Brüssel getroffen, um den Streit über die Hilfe für die Ukraine beizulegen.',
    'Macron sagte, die Europäische Union müsse sich vor dem Winter einigen. Scholz erklärte, Deutschland werde seinen Anteil zahlen.',
    'Per Video sprachen beide mit Präsident Volodymyr Zelensky in Kiew. Vertreter der NATO nahmen an den Gesprächen teil.',
  ].join('\n'),
  '2026-11-19',
);
const OTHER = article(
  'rates',
  'en',
  'Central bank in Ottawa holds interest rates',
  [
    'The Bank of Canada held its key interest rate on Wednesday, Governor Tiff Macklem said in Ottawa.',
    'Macklem said inflation in Canada was easing but housing costs remained high in Toronto and Vancouver.',
    'Economists at several banks had expected the pause after two cuts earlier this year.',
  ].join('\n'),
  '2026-11-19',
);

describe('linking across languages', () => {
  it('links a German report of an event to the English one through their shared entity keys, and says why', async () => {
    const other = (await service.ingestArticle(OTHER)).story;
    const en = (await service.ingestArticle(EN)).story;
    const de = (await service.ingestArticle(DE)).story;
    for (const key of ['person:emmanuel macron', 'person:olaf scholz', 'place:brussels', 'place:ukraine']) {
      expect(de.entityKeys, key).toContain(key);
      expect(en.entityKeys, key).toContain(key);
    }
    const context = (await service.getContext(de.id, 'de'))!;
    const link = context.related.find((r) => r.id === en.id);
    expect(link).toBeDefined();
    expect(link!.reasons.entities).toEqual(expect.arrayContaining(['Emmanuel Macron', 'Olaf Scholz']));
    expect(context.related.map((r) => r.id)).not.toContain(other.id);
  });
});
