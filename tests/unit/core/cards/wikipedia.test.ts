// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  MAX_SUMMARY_CHARS,
  parseSummary,
  plainText,
  summaryUrl,
  webUrl,
  wikiLang,
} from '@/core/cards/wikipedia';

const answer = {
  type: 'standard',
  title: 'Kim Jong Un',
  displaytitle: '<span class="mw-page-title-main">Kim Jong Un</span>',
  extract:
    'Kim Jong Un is a North Korean politician who has been the supreme leader of North Korea since 2011.',
  extract_html: '<p><b>Kim Jong Un</b> is a North Korean politician…</p>',
  thumbnail: { source: 'https://upload.wikimedia.org/x.jpg' },
  content_urls: {
    desktop: { page: 'https://en.wikipedia.org/wiki/Kim_Jong_Un' },
    mobile: { page: 'https://en.m.wikipedia.org/wiki/Kim_Jong_Un' },
  },
};

describe('Wikipedia summary cards', () => {
  it.each([
    ['en', 'en'],
    ['en-GB', 'en'],
    ['de-at', 'de'],
    ['pt_BR', 'pt'],
    [null, 'en'],
    ['', 'en'],
    ['x-klingon', 'en'],
    ['../evil', 'en'],
  ])('wikiLang(%j) = %s', (tag, lang) => {
    expect(wikiLang(tag)).toBe(lang);
  });

  it('builds the summary URL for a name, encoded, spaces as underscores', () => {
    expect(summaryUrl('en', 'Kim Jong Un')).toBe(
      'https://en.wikipedia.org/api/rest_v1/page/summary/Kim_Jong_Un',
    );
    expect(summaryUrl('de', '  São   Paulo ')).toBe(
      'https://de.wikipedia.org/api/rest_v1/page/summary/S%C3%A3o_Paulo',
    );
    expect(summaryUrl('en', 'AC/DC')).toBe('https://en.wikipedia.org/api/rest_v1/page/summary/AC%2FDC');
    expect(summaryUrl('en', '   ')).toBeNull();
    expect(summaryUrl('evil.com/', 'Kim')).toBeNull();
    expect(summaryUrl('en', 'x'.repeat(201))).toBeNull();
  });

  it('keeps the title, the plain-text extract and the page link of a standard answer', () => {
    expect(parseSummary(answer)).toEqual({
      title: 'Kim Jong Un',
      summary: answer.extract,
      url: 'https://en.wikipedia.org/wiki/Kim_Jong_Un',
    });
  });

  it.each([
    ['a disambiguation page', { ...answer, type: 'disambiguation' }],
    ['no extract', { ...answer, extract: '' }],
    ['no title', { ...answer, title: undefined, displaytitle: undefined }],
    ['a javascript: link', { ...answer, content_urls: { desktop: { page: 'javascript:alert(1)' } } }],
    ['a data: link', { ...answer, content_urls: { desktop: { page: 'data:text/html,hi' } } }],
    ['no link', { ...answer, content_urls: undefined }],
    ['null', null],
    ['an array', [answer]],
    ['a string', 'Kim Jong Un'],
  ])('has no card for %s', (_name, body) => {
    expect(parseSummary(body)).toBeNull();
  });

  it('falls back to the mobile link and to the display title', () => {
    const parsed = parseSummary({
      ...answer,
      title: undefined,
      content_urls: { desktop: { page: 'ftp://x' }, mobile: { page: 'https://en.m.wikipedia.org/wiki/K' } },
    });
    expect(parsed).toMatchObject({ title: 'Kim Jong Un', url: 'https://en.m.wikipedia.org/wiki/K' });
  });

  it('keeps text only: tags removed, entities decoded, bounded at a word', () => {
    expect(plainText('<b>Kim</b> &amp; <i>co</i>&nbsp;<script>x</script>', 100)).toBe('Kim & co x');
    expect(plainText(42, 10)).toBe('');
    const long = plainText('word '.repeat(400), MAX_SUMMARY_CHARS);
    expect(long.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS + 1);
    expect(long.endsWith('word…')).toBe(true);
    const parsed = parseSummary({ ...answer, extract: `<img src=x onerror=alert(1)>${answer.extract}` });
    expect(parsed?.summary).toBe(answer.extract);
  });

  it('accepts only http(s) URLs without credentials', () => {
    expect(webUrl('https://en.wikipedia.org/wiki/X')).toBe('https://en.wikipedia.org/wiki/X');
    expect(webUrl('https://user:pw@en.wikipedia.org/')).toBeNull();
    expect(webUrl('//en.wikipedia.org/wiki/X')).toBeNull();
    expect(webUrl(undefined)).toBeNull();
  });
});
