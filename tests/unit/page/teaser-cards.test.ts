// @vitest-environment node
/** Teasers with the time and image their card shows, and never navigation, tags, share or footer links. */
import { describe, expect, it } from 'vitest';
import { findTeasers } from '../../../page/teasers';
import { fixture, MULTI_URLS, NON_ARTICLE_URLS, parse } from './helpers';

const page = (body: string) => parse(`<html><body><main>${body}</main></body></html>`);
const URL = 'https://news.example/world/';

describe('teaser cards', () => {
  it('reads the section front: time from <time datetime> or a date line, image from <picture>, data-src', () => {
    const teasers = findTeasers(fixture('multi/section-front'), MULTI_URLS['section-front']!.url);
    expect(teasers).toEqual([
      {
        title: 'Harbour wall repair begins after the storm',
        url: 'https://baysideobserver.example/news/2025/06/30/harbour-wall-repair-begins-after-storm',
        time: '2025-06-30T08:30:00+01:00',
        image: 'https://baysideobserver.example/media/harbour-wall-800.jpg',
      },
      {
        title: 'School roof repairs finished early',
        url: 'https://baysideobserver.example/news/2025/06/29/school-roof-repairs-finished-early',
        time: '2025-06-29',
        image: 'https://cdn.baysideobserver.example/media/school-roof.jpg',
      },
      // javascript: image source → no image; the date line is still read.
      {
        title: 'Beach cafe wins its planning appeal',
        url: 'https://baysideobserver.example/news/2025/06/29/beach-cafe-wins-planning-appeal',
        time: '2025-06-29',
      },
      // No time, no image: nothing borrowed from the neighbouring cards.
      {
        title: 'Lifeboat crew celebrates its centenary',
        url: 'https://baysideobserver.example/news/2025/06/28/lifeboat-crew-celebrates-centenary',
      },
    ]);
  });

  it('leaves out navigation, tag, share and footer links', () => {
    const urls = findTeasers(fixture('multi/section-front'), MULTI_URLS['section-front']!.url).map(
      (t) => t.url,
    );
    for (const bad of [
      'local-elections-2025-full-coverage',
      'tag/coastal-erosion',
      'social.example',
      'who-we-are',
    ])
      expect(urls.join(' ')).not.toContain(bad);
  });

  it.each([
    [
      '<picture> source only',
      '<picture><source srcset="/img/a-600.webp 600w, /img/a-300.webp 300w"><img alt=""></picture>',
      'https://news.example/img/a-600.webp',
    ],
    [
      'srcset',
      '<img srcset="https://cdn.example/b.jpg 1x, https://cdn.example/b@2x.jpg 2x">',
      'https://cdn.example/b.jpg',
    ],
    [
      'data: placeholder + data-lazy-src',
      '<img src="data:image/png;base64,AAAA" data-lazy-src="/img/c.jpg">',
      'https://news.example/img/c.jpg',
    ],
    ['data: only', '<img src="data:image/png;base64,AAAA">', undefined],
    ['javascript:', '<img src="javascript:alert(1)">', undefined],
    [
      'amp-img',
      '<amp-img src="/img/d.jpg" width="4" height="3"></amp-img>',
      'https://news.example/img/d.jpg',
    ],
  ])('image from %s', (_name, img, expected) => {
    const [t] = findTeasers(
      page(
        `<div class="card">${img}<h3><a href="/world/2025/06/30/a-story-with-a-picture">A story with a picture to show</a></h3></div>`,
      ),
      URL,
    );
    expect(t?.image).toBe(expected);
    for (const teaser of findTeasers(
      page(
        `<div class="card">${img}<h3><a href="/world/x-y-z">A story with a picture to show</a></h3></div>`,
      ),
      URL,
    ))
      if (teaser.image) expect(teaser.image).toMatch(/^https?:\/\//);
  });

  it.each([
    ['<time datetime>', '<time datetime="2025-06-29T10:00:00Z">Sunday</time>', '2025-06-29T10:00:00Z'],
    ['a date line', '<span class="meta">29.06.2025</span>', '2025-06-29'],
    ['a written date', '<p class="date">June 29, 2025</p>', '2025-06-29'],
    ['no date, a label', '<span class="kicker">World</span>', undefined],
  ])('time from %s', (_name, line, expected) => {
    const [t] = findTeasers(
      page(
        `<div class="card"><h3><a href="/world/2025/06/29/a-story-with-a-date">A story with a date next to it</a></h3>${line}</div>`,
      ),
      URL,
    );
    expect(t?.time).toBe(expected);
  });

  it('gives no teasers from the tag page links that are navigation', () => {
    const teasers = findTeasers(fixture('non-articles/tag-page'), NON_ARTICLE_URLS['tag-page']!);
    expect(teasers.map((t) => t.url)).not.toContain(
      'https://baysideobserver.example/tag/coastal-erosion/page/2',
    );
    expect(teasers[0]).toMatchObject({
      title: 'Cliff-top homes to be demolished before winter',
      time: '2025-06-24',
    });
  });
});
