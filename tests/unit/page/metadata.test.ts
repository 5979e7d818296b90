// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readMetadata } from '../../../page/metadata';
import { FIXTURE_URLS, fixture, NOW, parse } from './helpers';

describe('readMetadata on fixtures', () => {
  it.each([
    [
      'seed',
      {
        title: 'Trump Says U.S. Will “Get the Conflict Solved” With North Korea',
        canonicalUrl: 'https://news.example/world/trump-north-korea-conflict-solved',
        publishedAt: '2025-06-27T18:40:00Z',
        publisher: 'The Daily Ledger',
        lang: 'en',
      },
    ],
    [
      'jsonld-article',
      {
        title: 'Harbour Bridge Reopens After Two-Year Repair',
        canonicalUrl: 'https://courier.example/news/harbour-bridge-reopens-after-repair',
        publishedAt: '2024-03-14T08:05:00+01:00',
        modifiedAt: '2024-03-15T10:00:00+01:00',
        authors: ['Mara Lindqvist', 'Tom Okafor'],
        publisher: 'Northgate Courier',
        lang: 'en-gb',
        section: 'Local',
        image: 'https://courier.example/img/bridge.jpg',
      },
    ],
    [
      'meta-only',
      {
        title: 'Valley Farmers Switch to Drought-Resistant Wheat',
        canonicalUrl: 'https://gazette.example/agriculture/valley-farmers-drought-wheat',
        publishedAt: '2023-08-02T16:30:00-05:00',
        modifiedAt: '2023-08-03T09:00:00-05:00',
        authors: ['Priya Raman'],
        publisher: 'Plains Gazette',
        lang: 'en-us',
        section: 'Agriculture',
        image: 'https://gazette.example/media/wheat-field.jpg',
        description: 'Growers in the valley plant new varieties after a third dry summer.',
      },
    ],
    [
      'meta-value',
      {
        title: 'City Library Extends Opening Hours',
        publishedAt: '2021-11-09T07:15:00Z',
        authors: ['Jonas Weber'],
        publisher: 'Riverside Post',
        lang: 'en',
      },
    ],
    [
      'german-text-date',
      {
        title: 'Neue Radwege für die Innenstadt',
        canonicalUrl: 'https://stadtanzeiger.example/lokales/neue-radwege-fuer-die-innenstadt',
        publishedAt: '2025-06-27',
        authors: ['Anna Schmidt'],
        publisher: 'Stadtanzeiger Lindental',
        lang: 'de',
      },
    ],
  ])('%s', (name, expected) => {
    const meta = readMetadata(fixture(name), FIXTURE_URLS[name]!, { now: NOW });
    expect(meta).toMatchObject(expected);
  });
});

describe('readMetadata details', () => {
  const url = 'https://news.example/world/story-slug?utm_source=x&id=7#comments';
  const page = (head: string, body = '') => parse(`<html><head>${head}</head><body>${body}</body></html>`);

  it('cleans the page URL when there is no canonical link', () => {
    expect(readMetadata(page(''), url, { now: NOW }).canonicalUrl).toBe('https://news.example/world/story-slug?id=7');
  });

  it('never accepts a non-http canonical', () => {
    const doc = page('<link rel="canonical" href="javascript:alert(1)">');
    expect(readMetadata(doc, url, { now: NOW }).canonicalUrl).toBe('https://news.example/world/story-slug?id=7');
  });

  it.each([
    ['future date', '<meta property="article:published_time" content="2031-01-01T00:00:00Z">', null],
    ['before 1990', '<meta property="article:published_time" content="1985-05-01">', null],
    ['dc.date', '<meta name="DC.date.issued" content="2024-02-03">', '2024-02-03'],
    ['parsely', '<meta name="parsely-pub-date" content="2024-02-03T10:00:00Z">', '2024-02-03T10:00:00Z'],
    ['sailthru', '<meta name="sailthru.date" content="2024-02-03 10:00:00">', '2024-02-03T10:00:00'],
    ['itemprop meta', '<meta itemprop="datePublished" content="2024-02-03">', '2024-02-03'],
  ])('published date from %s', (_label, head, expected) => {
    expect(readMetadata(page(head), url, { now: NOW }).publishedAt).toBe(expected);
  });

  it('reads <time> in the article header, not in sidebars or comments', () => {
    const doc = page(
      '',
      `<aside><time datetime="2025-06-30">yesterday</time></aside>
       <article><header><h1>Story</h1><time datetime="2025-06-20T09:00:00+02:00">20 June</time></header><p>Text.</p>
       <div class="comments"><time datetime="2025-06-29">comment</time></div></article>`,
    );
    expect(readMetadata(doc, url, { now: NOW }).publishedAt).toBe('2025-06-20T09:00:00+02:00');
  });

  it('tells the published date from the updated one in the text', () => {
    const doc = page('', '<div class="meta">Aktualisiert am 29.06.2025 · Erstellt am 12.06.2025</div><p>Text.</p>');
    const meta = readMetadata(doc, 'https://lokal.example/artikel/x', { now: NOW });
    expect(meta.publishedAt).toBe('2025-06-12');
    expect(meta.modifiedAt).toBe('2025-06-29');
  });

  it('takes the date from the URL path', () => {
    expect(readMetadata(page(''), 'https://news.example/2024/05/06/story', { now: NOW }).publishedAt).toBe(
      '2024-05-06',
    );
  });

  it('does not modify the page', () => {
    const doc = fixture('jsonld-article');
    const before = doc.documentElement.outerHTML;
    readMetadata(doc, FIXTURE_URLS['jsonld-article']!, { now: NOW });
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});
