// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  type BackfillStory,
  backfillQuery,
  backfillUrl,
  DEFAULT_BACKFILL_TEMPLATE,
  isBackfillTemplate,
  MAX_QUERY_CHARS,
  templateOrigin,
  unwrapSearchLink,
} from '@/core/feeds/backfill';

const entity = (name: string, type: 'person' | 'organization' | 'place', count: number, first: number) => ({
  name,
  type,
  count,
  first,
});

const harbour: BackfillStory = {
  title: 'Port of Kelmouth strike halts container traffic as talks with Tessaline Shipping stall',
  lang: 'en-GB',
  entities: [
    entity('Kelmouth', 'place', 4, 8),
    entity('Tessaline Shipping', 'organization', 6, 60),
    entity('Mara Okafor', 'person', 3, 120),
    entity('Port of Kelmouth', 'place', 1, 0),
  ],
  terms: ['container', 'strike', 'halt', 'traffic', 'talk', 'stall'],
};

describe('backfillQuery', () => {
  it('takes the two most mentioned names, then the most salient title words not in them', () => {
    const q = backfillQuery(harbour);
    expect(q.parts).toEqual(['Tessaline Shipping', 'Kelmouth', 'strike', 'container']);
    expect(q.query).toBe('"Tessaline Shipping" Kelmouth strike container');
    expect(q.lang).toBe('en');
  });

  it('ranks title words by the story terms, with English plurals folded ("talks" is the term "talk")', () => {
    const q = backfillQuery({ ...harbour, terms: ['talk', 'stall', 'strike'] });
    expect(q.parts.slice(2)).toEqual(['talks', 'stall']);
  });

  it('skips a name contained in one already taken, and stop words and short words of the title', () => {
    const q = backfillQuery({
      title: 'The vote in Bremen: what it means for the Senate',
      lang: 'de',
      entities: [
        entity('Bremen', 'place', 5, 0),
        entity('Bremen', 'place', 2, 40),
        entity('Senate', 'organization', 2, 30),
      ],
      terms: [],
    });
    expect(q.parts[0]).toBe('Bremen');
    expect(q.parts[1]).toBe('Senate');
    expect(q.parts).not.toContain('in');
    expect(q.lang).toBe('de');
  });

  it('works from the title alone when the story has no names, and falls back to English for an odd language', () => {
    const q = backfillQuery({
      title: 'Heatwave warnings extended across the coast',
      lang: null,
      entities: [],
      terms: [],
    });
    expect(q.query).toBe('heatwave warnings');
    expect(q.lang).toBe('en');
    expect(backfillQuery({ ...harbour, lang: '??' }).lang).toBe('en');
  });

  it('is empty for a story with nothing to search for', () => {
    expect(backfillQuery({ title: 'The', lang: 'en', entities: [], terms: [] }).query).toBe('');
  });

  it('drops quotes from names (they would break the query) and stays short', () => {
    const long = 'W'.repeat(MAX_QUERY_CHARS - 10);
    const q = backfillQuery({
      title: 'x',
      lang: 'en',
      entities: [entity(`“${long}”`, 'person', 3, 0), entity('Second Name', 'person', 2, 5)],
      terms: [],
    });
    expect(q.query).toBe(long);
    expect(q.query.length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
  });
});

describe('the provider address', () => {
  it('fills the default template (Bing News RSS search) with the encoded query and language', () => {
    const url = backfillUrl(DEFAULT_BACKFILL_TEMPLATE, {
      query: '"Tessaline Shipping" strike & co',
      lang: 'en',
    });
    expect(url).toBe(
      'https://www.bing.com/news/search?format=rss&q=%22Tessaline%20Shipping%22%20strike%20%26%20co&setlang=en',
    );
    expect(new URL(url).searchParams.get('q')).toBe('"Tessaline Shipping" strike & co');
    expect(templateOrigin(DEFAULT_BACKFILL_TEMPLATE)).toBe('https://www.bing.com/*');
  });

  it.each([
    ['http://127.0.0.1:8080/search?q={query}&hl={lang}', true],
    ['https://news.example/rss?q={query}', true],
    ['https://news.example/rss?q=fixed', false],
    ['javascript:alert({query})', false],
    ['ftp://news.example/{query}', false],
    ['https://user:pw@news.example/?q={query}', false],
    ['not a url {query}', false],
  ])('%s is a template: %s', (template, ok) => {
    expect(isBackfillTemplate(template)).toBe(ok);
  });

  it('refuses to build an address from a bad template', () => {
    expect(() => backfillUrl('javascript:{query}', { query: 'x', lang: 'en' })).toThrow();
  });
});

describe('unwrapSearchLink', () => {
  const bing = DEFAULT_BACKFILL_TEMPLATE;
  it("takes the publisher's address out of the provider's click redirect", () => {
    const link =
      'http://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=abc&url=https%3a%2f%2fkelmouth-gazette.example%2fnews%2fstrike%23top&c=123&mkt=en-gb';
    expect(unwrapSearchLink(link, bing)).toBe('https://kelmouth-gazette.example/news/strike');
  });
  it.each([
    ['another host with a url parameter', 'https://tracker.example/r?url=https%3a%2f%2fa.example%2f'],
    ['a javascript: target', 'https://www.bing.com/news/apiclick.aspx?url=javascript%3aalert(1)'],
    ['no url parameter', 'https://www.bing.com/news/apiclick.aspx?tid=1'],
    ['a direct link', 'https://kelmouth-gazette.example/news/strike'],
  ])('keeps %s as it is', (_name, link) => {
    expect(unwrapSearchLink(link, bing)).toBe(link);
  });
});
