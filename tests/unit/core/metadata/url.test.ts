// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { absoluteUrl, cleanUrl, dateFromUrl, sameUrl } from '../../../../core/metadata/url';

const now = new Date('2025-07-01T00:00:00Z');

describe('absoluteUrl', () => {
  it.each([
    ['/world/a-story', 'https://news.example/world/a-story'],
    ['//cdn.example/img.jpg', 'https://cdn.example/img.jpg'],
    ['https://other.example/x', 'https://other.example/x'],
    ['javascript:void(0)', null],
    ['mailto:desk@news.example', null],
    ['data:image/png;base64,AAAA', null],
    ['ftp://files.example/x', null],
    ['', null],
  ])('%s → %s', (href, expected) => {
    expect(absoluteUrl(href, 'https://news.example/world/page')).toBe(expected);
  });
});

describe('cleanUrl', () => {
  it.each([
    ['https://news.example/a?utm_source=x&utm_medium=y#top', 'https://news.example/a'],
    ['https://news.example/a?id=3&fbclid=abc', 'https://news.example/a?id=3'],
    ['https://news.example/a?page=2', 'https://news.example/a?page=2'],
  ])('%s → %s', (href, expected) => {
    expect(cleanUrl(href)).toBe(expected);
  });

  it('compares URLs without www, slash, hash and tracking', () => {
    expect(sameUrl('https://www.news.example/a/?utm_source=x', 'http://news.example/a#c')).toBe(true);
  });
});

describe('dateFromUrl', () => {
  it.each([
    ['https://news.example/2025/06/27/story', '2025-06-27'],
    ['https://news.example/news/2025-06-27-story.html', '2025-06-27'],
    ['https://news.example/20250627/story', '2025-06-27'],
    ['https://news.example/artikel/bericht_vom_27.06.2025_x', '2025-06-27'],
    ['https://news.example/2025/06/story', null],
    ['https://news.example/story-12345678', null],
    ['https://news.example/2031/01/01/story', null],
  ])('%s → %s', (href, expected) => {
    expect(dateFromUrl(href, now)).toBe(expected);
  });
});
