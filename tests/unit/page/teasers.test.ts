// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { findTeasers, MAX_TEASERS } from '../../../page/teasers';
import { FIXTURE_URLS, fixture, parse } from './helpers';

describe('findTeasers', () => {
  it('finds the 17 sidebar headlines of the seed page and nothing from nav or footer', () => {
    const teasers = findTeasers(fixture('seed'), FIXTURE_URLS.seed!);
    expect(teasers).toHaveLength(17);
    expect(teasers[0]).toEqual({
      title: 'US Pushes Ukraine-Russia Peace Talks Before Summer Amid Escalating Attacks',
      url: 'https://news.example/world/us-pushes-ukraine-russia-peace-talks-before-summer-amid-escalating-attacks',
    });
    for (const t of teasers) {
      expect(t.url).toMatch(/^https:\/\/news\.example\/world\/[a-z0-9-]+$/);
      expect(t.title.length).toBeGreaterThan(20);
    }
    const urls = teasers.map((t) => t.url);
    for (const bad of ['/', '/world', '/politics', '/business', '/privacy', '/terms']) {
      expect(urls).not.toContain(`https://news.example${bad}`);
    }
  });

  it.each([
    ['home', 9],
    ['search', 3],
    ['jsonld-article', 1],
    ['meta-only', 0],
  ])('%s → %i teasers', (name, count) => {
    expect(findTeasers(fixture(name), FIXTURE_URLS[name]!)).toHaveLength(count);
  });

  it('keeps the time and image shown next to a headline', () => {
    const [first] = findTeasers(fixture('home'), FIXTURE_URLS.home!);
    expect(first).toEqual({
      title: 'Council approves new school budget after long debate',
      url: 'https://harbortimes.example/news/2024/05/02/council-approves-new-school-budget',
      time: '2024-05-02T09:00:00Z',
      image: 'https://harbortimes.example/img/school.jpg',
    });
  });

  it.each([
    ['javascript link', '<a href="javascript:void(0)">Read the whole story about the council vote</a>'],
    ['mailto link', '<a href="mailto:desk@news.example">Write to the newsroom about this story</a>'],
    ['data link', '<a href="data:text/html,hi">A data link that looks like a headline</a>'],
    ['tag link', '<a href="/tag/council-budget-and-schools" rel="tag">Council budget and schools</a>'],
    [
      'share link',
      '<div class="share"><a href="https://social.example/share?u=x">Share this story with friends</a></div>',
    ],
    ['login link', '<a href="/login">Log in to read the rest of the story</a>'],
    ['pagination', '<div class="pagination"><a href="/news/page/2">Older stories from the archive</a></div>'],
    [
      'nav menu',
      '<nav><a href="/news/2024/council-approves-budget">Council approves the new budget</a></nav>',
    ],
    [
      'footer',
      '<footer><a href="/news/2024/council-approves-budget">Council approves the new budget</a></footer>',
    ],
    [
      'inline link',
      '<p>The council, <a href="/news/2024/earlier-vote-on-budget">which voted on the budget</a>, met again on Monday to discuss the schools and the roads.</p>',
    ],
    [
      'the page itself',
      '<h2><a href="/world/this-very-story#comments">This very story about the council vote</a></h2>',
    ],
  ])('leaves out a %s', (_label, html) => {
    const doc = parse(`<html><body>${html}</body></html>`);
    expect(findTeasers(doc, 'https://news.example/world/this-very-story')).toEqual([]);
  });

  it('deduplicates by URL and caps the list', () => {
    const items = Array.from(
      { length: 150 },
      (_, i) =>
        `<li><a href="/news/story-number-${i}-about-things">Story number ${i} about many things</a></li>`,
    ).join('');
    const dup =
      '<li><a href="/news/story-number-1-about-things?utm_source=x">Story number 1 about many things</a></li>';
    const doc = parse(`<html><body><ul>${items}${dup}</ul></body></html>`);
    const teasers = findTeasers(doc, 'https://news.example/');
    expect(teasers).toHaveLength(MAX_TEASERS);
    expect(new Set(teasers.map((t) => t.url)).size).toBe(MAX_TEASERS);
  });

  it('skips links inside the excluded element', () => {
    const doc = parse(
      '<html><body><div id="body"><ul><li><a href="/news/a-linked-story-from-the-body">A linked story from the body</a></li></ul></div></body></html>',
    );
    expect(findTeasers(doc, 'https://news.example/x', doc.querySelector('#body'))).toEqual([]);
  });
});
