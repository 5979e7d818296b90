// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanAuthors, looksLikeName } from '@/core/metadata/byline';
import { asString, imageOf, namesOf, parseJsonLd } from '@/core/metadata/jsonld';
import { guessLang, normalizeLang } from '@/core/metadata/lang';
import { cleanTitle, stripSiteSuffix, titleSimilarity } from '@/core/metadata/title';
import { absoluteUrl, cleanUrl, hostOf, urlKey } from '@/core/metadata/url';
import { splitSentences } from '@/core/text/sentences';
import { isStopWord, tokenize } from '@/core/text/tokens';
import { holds, isHttpUrl, mixed } from './property';

const PROSE = [
  'The ',
  'President ',
  'said',
  '. ',
  '! ',
  '? ',
  '... ',
  '…',
  '"',
  '”',
  ' ',
  '  ',
  '\n',
  '\r\n',
  '\t',
  'Dr. ',
  'U.S. ',
  'No. 3',
  '3.5',
  'Mr. Kim',
  'Kim Jong Un',
  'Berlin',
  'über',
  'ça ',
  '北京',
  '。',
  'é',
  '\u00a0',
  '\u200b',
  "'s",
  'It ',
  '(',
  ')',
  '»',
  'e.g. ',
  'a.m. ',
  '2025',
  '—',
  '-',
  ',',
  'By ',
  ' and ',
  ' & ',
  'Staff Writer',
  '@',
  'AP',
  'Reuters',
  '|',
  ' | ',
  ' - ',
  'News',
  'www.example.com',
  'Jane Doe',
  'Doe, Jane',
  'June 27, 2025',
  '6:40 pm',
  'Updated',
];
const prose = mixed(PROSE, 40);
const langTags = fc.constantFrom('en', 'de', 'fr', 'ja', 'zh', 'en-US', 'xx', '');

describe('sentences and tokens (core/text)', () => {
  it('splitSentences: each sentence is the trimmed text at its offsets, on one line, in order', async () => {
    await holds(
      prose,
      (text) => {
        let end = 0;
        for (const s of splitSentences(text)) {
          expect(text.slice(s.start, s.end)).toBe(s.text);
          expect(s.text.length).toBeGreaterThan(0);
          expect(s.text).toBe(s.text.trim());
          expect(s.text).not.toMatch(/[\n\r]/);
          expect(s.start).toBeGreaterThanOrEqual(end);
          end = s.end;
        }
      },
      300,
    );
  });

  it('tokenize: lower-case word tokens without spaces, each holding a letter or digit', async () => {
    await holds(
      fc.tuple(prose, langTags),
      ([text, lang]) => {
        for (const t of tokenize(text, lang)) {
          expect(t.length).toBeGreaterThan(0);
          expect(t).toBe(t.toLowerCase());
          expect(t).not.toMatch(/\s/);
          expect(t).toMatch(/[\p{L}\p{N}]/u);
          expect(typeof isStopWord(t, lang)).toBe('boolean');
        }
      },
      300,
    );
  });
});

describe('metadata strings (core/metadata)', () => {
  it('cleanTitle is idempotent and leaves no outer or doubled whitespace; suffix stripping only shortens', async () => {
    await holds(
      fc.tuple(prose, fc.option(prose), fc.option(fc.constantFrom('News', 'The Daily Ledger', 'AP', 'x'))),
      ([raw, other, site]) => {
        const title = cleanTitle(raw);
        expect(cleanTitle(title)).toBe(title);
        expect(title).toBe(title.trim());
        expect(title).not.toMatch(/\s\s/);
        expect(stripSiteSuffix(raw, [site, 'news.example']).length).toBeLessThanOrEqual(title.length);
        const sim = titleSimilarity(raw, other ?? '');
        expect(sim).toBeGreaterThanOrEqual(0);
        expect(sim).toBeLessThanOrEqual(1);
      },
      300,
    );
  });

  it('cleanAuthors: trimmed names, no e-mail addresses or URLs, each one a name', async () => {
    await holds(
      fc.tuple(prose, fc.option(fc.constantFrom('AP', 'The Daily Ledger', 'Reuters'))),
      ([raw, siteName]) => {
        for (const name of cleanAuthors(raw, { siteName, host: 'news.example' })) {
          expect(name).toBe(name.trim());
          expect(name).not.toMatch(/@|https?:/);
          expect(looksLikeName(name) || name.toUpperCase() === name || /^[\p{Lu}]/u.test(name), name).toBe(
            true,
          );
        }
      },
      300,
    );
  });

  it('normalizeLang gives a lower-case BCP 47 tag or null; guessLang never throws', async () => {
    const tagish = mixed(
      ['en', 'EN', '_', '-', 'GB', 'de', 'zh', 'Hant', 'x', ',', ';', ' ', 'und', '123', 'toolongsubtag'],
      6,
    );
    await holds(
      fc.tuple(tagish, prose),
      ([raw, text]) => {
        const tag = normalizeLang(raw);
        if (tag !== null) expect(tag).toMatch(/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/);
        const guess = guessLang(text);
        expect(guess === null || typeof guess === 'string').toBe(true);
      },
      300,
    );
  });

  it('absoluteUrl gives an http(s) URL or null, whatever the href; the other URL helpers never throw', async () => {
    const hrefish = mixed(
      [
        'https://',
        'http://',
        '//',
        '/',
        'javascript:',
        'JavaScript:',
        ' java\tscript:',
        'data:',
        'mailto:',
        'blob:',
        'file:',
        'ftp://',
        'news.example',
        '?',
        '#',
        'utm_source=x',
        '&',
        '%',
        '%00',
        '..',
        ':',
        '@',
        '\n',
        ' ',
        '\\',
      ],
      10,
    );
    await holds(
      fc.tuple(hrefish, fc.constantFrom('https://news.example/a/b', 'http://127.0.0.1:8080/', 'about:blank')),
      ([href, base]) => {
        const url = absoluteUrl(href, base);
        if (url !== null) expect(isHttpUrl(url), url).toBe(true);
        cleanUrl(href);
        urlKey(href);
        hostOf(href);
      },
      300,
    );
  });

  it('JSON-LD reading never throws on any text, and gives objects', async () => {
    const jsonish = fc.oneof(
      fc.json(),
      mixed(
        [
          '{',
          '}',
          '[',
          ']',
          '"@type"',
          ':',
          '"NewsArticle"',
          '"@graph"',
          ',',
          '"mainEntity"',
          '<!--',
          '-->',
          '\\',
          'CDATA',
        ],
        20,
      ),
    );
    await holds(
      fc.array(jsonish, { maxLength: 3 }),
      (texts) => {
        for (const node of parseJsonLd(texts)) {
          expect(typeof node).toBe('object');
          asString(node.headline);
          namesOf(node.author);
          const image = imageOf(node.image);
          expect(image === null || typeof image === 'string').toBe(true);
        }
      },
      300,
    );
  });
});
