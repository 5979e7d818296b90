// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHeadline, headlineDates, readMetadata } from '../../../page/metadata';
import { FIXTURE_URLS, fixture, NOW, parse, repoRoot } from './helpers';

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
    expect(readMetadata(page(''), url, { now: NOW }).canonicalUrl).toBe(
      'https://news.example/world/story-slug?id=7',
    );
  });

  it('never accepts a non-http canonical', () => {
    const doc = page('<link rel="canonical" href="javascript:alert(1)">');
    expect(readMetadata(doc, url, { now: NOW }).canonicalUrl).toBe(
      'https://news.example/world/story-slug?id=7',
    );
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
    const doc = page(
      '',
      '<div class="meta">Aktualisiert am 29.06.2025 · Erstellt am 12.06.2025</div><p>Text.</p>',
    );
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

describe('publication dates: rules on fixtures (tests/fixtures/pages/dates)', () => {
  const dates = (name: string): Document =>
    parse(readFileSync(resolve(repoRoot, 'tests/fixtures/pages/dates', `${name}.html`), 'utf8'));
  const day = (v: string | null) => v?.slice(0, 10) ?? null;

  it.each([
    // The date on the line next to the headline, not the dates of a longer "latest news" <article> beside it.
    ['headline-dateline', 'https://hafenbote.example/lokales/bruecke-saniert', '2016-08-15', 'text:headline'],
    // A generic meta date a week off the date shown by the headline: the shown one.
    [
      'headline-over-stale-meta',
      'https://verband.example/news/faire-lieferketten/',
      '2020-02-05',
      'meta:date>headline',
    ],
    // An event date by the headline ("Termin:") is not the publication: the meta date stays.
    ['headline-event-date', 'https://whisky.example/termine-fruehjahr', '2019-11-27', 'meta:date'],
    // The page shows only its update next to the headline, and the metadata says so too: the update.
    ['shown-update', 'https://tests.example/artikel/cloud-gaming-test', '2023-04-01', 'jsonld>shown-update'],
    // The page shows both dates: the publication stays.
    ['shown-both', 'https://food.example/blog/stoffwechsel-winter', '2023-01-10', 'jsonld'],
    // Only "Stand" (an update cue) by the headline and no metadata: the date the reader sees.
    ['headline-update-only', 'https://amt.example/reise/italien', '2021-11-12', 'text:headline-modified'],
    // "Stand:" by the headline confirms the meta date: a teaser's date further down does not replace it.
    [
      'stand-confirms-meta',
      'https://sender.example/thueringen/autohaeuser-100.html',
      '2020-04-20',
      'meta:date',
    ],
    // Two dates on the byline line without cues: the earlier is the publication.
    ['two-dates-one-line', 'https://blog.example/line-outline/', '2019-04-09', 'text:headline'],
    // 11/01/2021 reads either way: it agrees with the metadata, which stays.
    ['ambiguous-numeric', 'https://motor.example/zweirad/elektroroller', '2021-11-01', 'jsonld'],
    // A comment's date right under the headline does not count; the article's own line does.
    ['comment-near-headline', 'https://stadt.example/news/spielplatz', '2021-02-27', 'text:headline'],
    // A future date by the headline is impossible: the metadata stays.
    [
      'future-near-headline',
      'https://harbour.example/news/festival',
      '2025-05-02',
      'meta:article:published_time',
    ],
    // The only day written anywhere on the page, even in a credits column: a last resort.
    ['only-date-in-aside', 'https://weekly.example/issues/4/forbes', '2019-01-23', 'text:only-date'],
    // A date in the canonical URL's path.
    [
      'canonical-url-date',
      'https://aggregator.example/news/263700449/megablaze',
      '2020-01-13',
      'url:canonical',
    ],
    // JSON-LD two years after the day in the URL path: a re-save; the URL keeps the first publication.
    [
      'url-date-over-resaved-meta',
      'https://travel.example/home/2017/7/12/montauk',
      '2017-07-12',
      'jsonld<url',
    ],
    // A URL day close to the metadata's does not replace it.
    ['url-date-over-resaved-meta', 'https://travel.example/home/2019/6/16/montauk', '2019-06-17', 'jsonld'],
  ])('%s (%s) → %s', (name, pageUrl, expected, source) => {
    const meta = readMetadata(dates(name), pageUrl, { now: NOW });
    expect(day(meta.publishedAt)).toBe(expected);
    expect(meta.dateSource).toBe(source);
  });

  it('keeps the update of a two-date byline as modifiedAt', () => {
    const meta = readMetadata(dates('two-dates-one-line'), 'https://blog.example/line-outline/', {
      now: NOW,
    });
    expect(meta.modifiedAt).toBe('2021-12-10');
  });

  it('gives no date when the page writes two different days outside any article', () => {
    const meta = readMetadata(dates('two-dates-elsewhere'), 'https://team.example/about', { now: NOW });
    expect(meta.publishedAt).toBeNull();
  });

  it('finds the headline by the title, not a logo <h1>', () => {
    const doc = parse(
      `<html><body><header><h1 class="logo">Example World News</h1></header>
       <div class="title_area"><h1>Colder temperatures forecast for Wednesday</h1>
       <p class="date">Written: 2023-11-07 15:03:30 / Updated: 2023-11-07 15:30:46</p></div></body></html>`,
    );
    const h = findHeadline(doc, 'Colder temperatures forecast for Wednesday');
    expect(h?.textContent).toBe('Colder temperatures forecast for Wednesday');
    expect(headlineDates(h, { now: NOW })).toMatchObject({
      published: '2023-11-07',
      modified: '2023-11-07',
    });
  });

  it('reads a cue on the line above the date ("Updated:" / "Mar 6, 2018")', () => {
    const doc = parse(
      `<html><body><div><h1>Investor to advise on regulation</h1><p>Author:</p><p>Lauren Briggs</p>
       <p>Updated:</p><p>Mar 6, 2018</p></div></body></html>`,
    );
    const found = headlineDates(findHeadline(doc, 'Investor to advise on regulation'), { now: NOW });
    expect(found.published).toBeNull();
    expect(found.modified).toBe('2018-03-06');
  });

  it('skips a sentence of the article and a photo caption next to the headline', () => {
    const doc = parse(
      `<html><body><div><p>Doctors examine a child at the hospital after the attacks on Oct. 21, 2023. Photo: Agency via Getty Images and more words here</p>
       <h1>What it is like to give birth</h1><p>Ibtisam Mahdi</p><p>November 8 2023, 3:18 p.m.</p></div></body></html>`,
    );
    const found = headlineDates(findHeadline(doc, 'What it is like to give birth'), { now: NOW });
    expect(found.published).toBe('2023-11-08');
  });
});
