// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFeeds } from '../../../page/feeds';
import { parse, repoRoot } from './helpers';

const PAGE = 'https://harbourcourier.example/news/2025/06/30/story';
const page = (head: string) =>
  parse(`<!DOCTYPE html><html><head>${head}</head><body><p>Text</p></body></html>`);

describe('discoverFeeds', () => {
  it('finds the RSS, Atom and JSON feeds a page links to, absolute, each once, comment feeds last', () => {
    const doc = page(`
      <link rel="alternate" type="application/rss+xml" title="Harbour Courier &raquo; Comments Feed" href="/comments/feed/">
      <link rel="alternate" type="application/rss+xml" title="  Harbour   Courier " href="/feed/">
      <link rel="alternate" type="application/atom+xml" href="https://harbourcourier.example/atom.xml">
      <link rel="alternate" type="application/feed+json" title="JSON" href="/feed.json">
      <link rel="alternate" type="application/rss+xml" title="Duplicate" href="https://harbourcourier.example/feed/">
      <link rel="alternate" type="application/rss+xml" title="Story comments" href="/news/2025/06/30/story/feed/?withcomments=1">
      <link rel="alternate" type="application/json" href="https://harbourcourier.example/wp-json/wp/v2/posts/4821">
      <link rel="alternate" type="application/json+oembed" href="https://harbourcourier.example/wp-json/oembed/1.0/embed?url=x">
      <link rel="alternate" type="text/html" hreflang="de" href="/de/story">
      <link rel="stylesheet" type="text/css" href="/style.css">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <link rel="alternate" type="application/rss+xml" href="">
      <link rel="ALTERNATE" type="Application/RSS+XML; charset=utf-8" title="Sport" href="sport.xml">`);
    expect(discoverFeeds(doc, PAGE)).toEqual([
      { url: 'https://harbourcourier.example/feed/', title: 'Harbour Courier', type: 'rss' },
      { url: 'https://harbourcourier.example/atom.xml', type: 'atom' },
      { url: 'https://harbourcourier.example/feed.json', title: 'JSON', type: 'json' },
      { url: 'https://harbourcourier.example/news/2025/06/30/sport.xml', title: 'Sport', type: 'rss' },
      {
        url: 'https://harbourcourier.example/comments/feed/',
        title: 'Harbour Courier » Comments Feed',
        type: 'rss',
      },
      {
        url: 'https://harbourcourier.example/news/2025/06/30/story/feed/?withcomments=1',
        title: 'Story comments',
        type: 'rss',
      },
    ]);
  });

  it('resolves against <base href>', () => {
    const doc = page(
      `<base href="https://cdn.example/site/"><link rel="alternate" type="application/atom+xml" href="atom.xml">`,
    );
    expect(discoverFeeds(doc, PAGE)).toEqual([{ url: 'https://cdn.example/site/atom.xml', type: 'atom' }]);
  });

  it('keeps an application/json alternate that looks like a feed', () => {
    const doc = page(
      `<link rel="alternate" type="application/json" title="Island Herald" href="/feed.json">`,
    );
    expect(discoverFeeds(doc, PAGE)).toEqual([
      { url: 'https://harbourcourier.example/feed.json', title: 'Island Herald', type: 'json' },
    ]);
  });

  it('reads the feed link of the not-a-feed fixture, and finds nothing on a page without one', () => {
    const html = readFileSync(resolve(repoRoot, 'tests/fixtures/feeds/not-a-feed.html'), 'utf8');
    expect(discoverFeeds(parse(html), 'https://harbourcourier.example/')).toEqual([
      { url: 'https://harbourcourier.example/feed.xml', title: 'Harbour Courier', type: 'rss' },
    ]);
    expect(discoverFeeds(page('<title>No feeds</title>'), PAGE)).toEqual([]);
  });
});
