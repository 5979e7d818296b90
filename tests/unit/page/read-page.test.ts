// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readPage } from '../../../page/read-page';
import { FIXTURE_URLS, fixture, NOW, parse } from './helpers';

const SEED_PARAGRAPHS = [
  'U.S. President Donald Trump expressed optimism on Friday about resolving tensions with North Korea',
  'While Trump did not confirm or deny sending a letter',
  'Earlier in June, Seoul-based monitoring outlet NK News reported',
  'During Trump’s first term, he met Kim three times between 2018 and 2019',
  'Since the breakdown in talks, Pyongyang has ramped up its nuclear and missile programs',
  'Trump, now in his second term, has acknowledged North Korea as a nuclear power.',
];

describe('readPage on the seed page', () => {
  const reading = readPage(fixture('seed'), FIXTURE_URLS.seed!, { now: NOW });

  it('detects the article and reads its metadata', () => {
    expect(reading.isArticle).toBe(true);
    expect(reading.url).toBe(FIXTURE_URLS.seed);
    expect(reading.article).toMatchObject({
      title: 'Trump Says U.S. Will “Get the Conflict Solved” With North Korea',
      publisher: 'The Daily Ledger',
      url: FIXTURE_URLS.seed,
    });
    expect(reading.article?.publishedAt?.slice(0, 10)).toBe('2025-06-27');
  });

  it('has the article paragraphs, one per line, and no nav, sidebar or footer text', () => {
    const text = reading.article?.text ?? '';
    const lines = text.split('\n');
    for (const [i, start] of SEED_PARAGRAPHS.entries()) {
      expect(lines.findIndex((l) => l.startsWith(start))).toBeGreaterThanOrEqual(i);
    }
    for (const bad of [
      'Latest news',
      'Home',
      'Politics',
      'Privacy',
      'Terms',
      'Pentagon Ends',
      '© The Daily Ledger',
    ]) {
      expect(text).not.toContain(bad);
    }
  });

  it('records the 17 sidebar headlines as teasers', () => {
    expect(reading.teasers).toHaveLength(17);
    expect(reading.teasers.every((t) => t.url.startsWith('https://news.example/world/'))).toBe(true);
  });
});

describe('readPage on fixtures', () => {
  it.each([
    ['jsonld-article', true, 'The harbour bridge reopened'],
    ['meta-only', true, 'After a third dry summer'],
    ['meta-value', true, 'The central library will stay open'],
    ['german-text-date', true, 'Der Gemeinderat hat am Donnerstagabend'],
    ['home', false, null],
    ['search', false, null],
    ['shop', false, null],
  ])('%s → isArticle %s', (name, isArticle, firstWords) => {
    const reading = readPage(fixture(name), FIXTURE_URLS[name]!, { now: NOW });
    expect(reading.isArticle).toBe(isArticle);
    if (firstWords) expect(reading.article?.text).toContain(firstWords);
    else expect(reading.article).toBeNull();
  });

  it('gives a borderline non-article its metadata without a body', () => {
    const html = `<html lang="de"><head><title>Was ist aus dem Projekt geworden? - Forum</title></head><body>
      <h1>Was ist aus dem Projekt geworden?</h1><div class="post-meta">Geschrieben am 14.03.2024</div>
      <p>Kurze Frage an alle.</p></body></html>`;
    const reading = readPage(parse(html), 'https://forum.example/threads/projekt-geworden.123/', {
      now: NOW,
    });
    expect(reading.isArticle).toBe(false);
    expect(reading.article).toMatchObject({ title: 'Was ist aus dem Projekt geworden?', text: '' });
    expect(reading.article?.publishedAt).toBe('2024-03-14');
  });

  it('returns teasers for non-articles', () => {
    expect(readPage(fixture('home'), FIXTURE_URLS.home!).teasers.length).toBe(9);
  });

  it('never modifies the live page', () => {
    const doc = fixture('seed');
    const before = doc.documentElement.outerHTML;
    readPage(doc, FIXTURE_URLS.seed!, { now: NOW });
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('never throws: a broken document gives a reading with an error signal', () => {
    const boom = () => {
      throw new Error('boom');
    };
    const broken = { querySelectorAll: boom, getElementsByTagName: boom } as unknown as Document;
    const reading = readPage(broken, 'https://news.example/a');
    expect(reading).toMatchObject({ isArticle: false, article: null, teasers: [] });
    expect(reading.signals.some((s) => s.startsWith('error:') && s.includes('boom'))).toBe(true);
  });

  it('reads an empty page', () => {
    const reading = readPage(parse('<html><body></body></html>'), 'https://news.example/');
    expect(reading).toMatchObject({ isArticle: false, article: null, teasers: [] });
  });
});

/** The article's own paragraphs in the clean/ fixtures (English, German and Portuguese versions). */
const BRIDGE = {
  en: ['The county council voted on Tuesday evening', 'Work is expected to begin in the autumn'],
  de: ['Der Gemeinderat hat am Dienstagabend beschlossen', 'Die Arbeiten sollen im Herbst beginnen'],
  pt: ['A câmara municipal aprovou na terça-feira', 'Os trabalhos devem começar no outono'],
};

describe('readPage leaves boilerplate out of the text (tests/fixtures/pages/clean)', () => {
  it.each([
    ['other-posts', BRIDGE.pt, ['Você pode gostar', 'Mercado reabre', 'feira do livro regressa']],
    ['teaser-rail', BRIDGE.en, ['FLOOD WARNING', 'River levels rise', 'Village school names']],
    ['dateline', BRIDGE.de, ['Veröffentlicht am', 'Aktualisiert', '14:05']],
    ['tags', BRIDGE.de, ['Schlagworte', 'Hochwasser']],
    [
      'related-list',
      BRIDGE.en,
      ['You may also like', 'Ferry service to resume', 'How the old arch was built'],
    ],
    ['promo-links', BRIDGE.en, ['READ MORE', 'Villagers march', 'NEWS APP', 'Regional grant fund']],
    [
      'captions',
      BRIDGE.en,
      ['seen from the east bank', 'Photo: Jane Roe', 'has moved several millimetres', 'Image copyright'],
    ],
    [
      'newsletter',
      BRIDGE.en,
      ['Want more stories like this', 'Every morning we send', 'right in your inbox'],
    ],
    ['comments', BRIDGE.pt, ['Tell us what you think', '12 comentários', 'moderador']],
    ['share-bar', BRIDGE.pt, ['Whatsapp', 'Baixar']],
    ['cookie-shortcode', BRIDGE.en, ['[button', 'Send us your letter', 'uses cookies', 'Accept']],
    [
      'author-contact',
      BRIDGE.en,
      ['Reporting by', 'About the author', 'covers local government', 'jroe@example.com'],
    ],
  ])('%s', (name, kept, dropped) => {
    const reading = readPage(fixture(`clean/${name}`), `https://news.example/local/${name}`, { now: NOW });
    const text = reading.article?.text ?? '';
    expect(reading.isArticle).toBe(true);
    for (const start of kept) expect(text).toContain(start);
    for (const bad of dropped) expect(text).not.toContain(bad);
  });

  it('keeps real paragraphs that look like boilerplate, links, a table and a section heading', () => {
    const reading = readPage(fixture('clean/kept'), 'https://news.example/local/kept', { now: NOW });
    const lines = (reading.article?.text ?? '').split('\n');
    for (const start of [
      ...BRIDGE.en,
      'What the report says',
      'Read more carefully, the engineers',
      'Residents who want to follow the works can subscribe',
      'The first stone was laid on 12 March 1790',
      'Since browsers started to block third-party cookies',
      'Comments from residents at Monday',
      "The council's full report and the minutes",
      'Vehicles a day',
      '4,100',
    ]) {
      expect(lines.some((l) => l.startsWith(start))).toBe(true);
    }
  });

  it('reports what it removes to the trace option, rule by rule', () => {
    const removed: string[] = [];
    readPage(fixture('clean/tags'), 'https://news.example/local/tags', {
      now: NOW,
      trace: (rule, text) => {
        removed.push(`${rule}: ${text.replace(/\n/g, ' ')}`);
        return undefined;
      },
    });
    expect(removed).toContain('tags: Schlagworte Brücke, Gemeinderat, Verkehr, Hochwasser');
  });
});
