import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { leanHtml, MAX_JSONLD_CHARS } from '@/core/html/lean';

const LD = '<script type="application/ld+json">{"@type":"NewsArticle","headline":"a <b> c"}</script>';

describe('leanHtml', () => {
  it.each([
    ['an inline script', '<p>a</p><script>var x = "<p>no</p>";</script><p>b</p>', '<p>a</p><p>b</p>'],
    ['an external script', '<head><script src="/app.js" async></script></head>', '<head></head>'],
    ['a module script in capitals', '<SCRIPT type="module">import "x"</SCRIPT><p>b</p>', '<p>b</p>'],
    ['JSON-LD, kept whole', `<head>${LD}</head>`, `<head>${LD}</head>`],
    [
      'JSON-LD with its type in single quotes',
      "<script type='application/ld+json'>{}</script>",
      "<script type='application/ld+json'>{}</script>",
    ],
    [
      'other JSON data',
      '<script type="application/json" id="__NEXT_DATA__">{"a":1}</script><p>b</p>',
      '<p>b</p>',
    ],
    ['a style sheet', '<style media="screen">p { color: red }</style><p>b</p>', '<p>b</p>'],
    ['a comment', '<p>a</p><!-- ad slot <div>x</div> --><p>b</p>', '<p>a</p><p>b</p>'],
    ['a comment holding a script tag', '<!-- <script src=x> --><p>kept</p><script>y</script>', '<p>kept</p>'],
    [
      'a script tag inside an attribute value',
      '<div data-tpl="<script>" title=\'<style>\'>kept</div><script>y</script>',
      '<div data-tpl="<script>" title=\'<style>\'>kept</div>',
    ],
    [
      'custom elements named like scripts and styles',
      '<script-loader>a</script-loader><style-guide>b</style-guide>',
      '<script-loader>a</script-loader><style-guide>b</style-guide>',
    ],
    [
      'escaped text that reads like a tag',
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    ],
    [
      'noscript and svg, kept',
      '<noscript><img src="a.jpg"></noscript><svg><text>x</text></svg>',
      '<noscript><img src="a.jpg"></noscript><svg><text>x</text></svg>',
    ],
    ['a script left open (the rest of the page is its text)', '<p>a</p><script>if (a < b) {', '<p>a</p>'],
    [
      'nothing to drop',
      '<html lang="de"><body><p class="x">Text</p></body></html>',
      '<html lang="de"><body><p class="x">Text</p></body></html>',
    ],
  ])('%s', (_what, html, lean) => {
    expect(leanHtml(html)).toBe(lean);
    expect(leanHtml(lean)).toBe(lean);
  });

  it('keeps what a reading needs from a whole page', () => {
    const html = `<!doctype html><html lang="en"><head><title>T</title><meta property="og:title" content="Headline">
      <link rel="canonical" href="https://news.example/a">${LD}<style>body{}</style><script>track()</script></head>
      <body><article><h1>Headline</h1><p>First paragraph.</p><!-- promo --><p>Second.</p></article></body></html>`;
    const { document } = parseHTML(leanHtml(html));
    expect(document.documentElement.getAttribute('lang')).toBe('en');
    expect(document.querySelector('meta[property="og:title"]')?.getAttribute('content')).toBe('Headline');
    expect(document.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(
      'https://news.example/a',
    );
    expect(
      JSON.parse(document.querySelector('script[type="application/ld+json"]')?.textContent ?? ''),
    ).toEqual({
      '@type': 'NewsArticle',
      headline: 'a <b> c',
    });
    expect(document.querySelectorAll('script, style').length).toBe(1);
    expect(document.querySelector('article')?.textContent).toBe('HeadlineFirst paragraph.Second.');
  });

  it('drops a JSON-LD block over its limit with the scripts, and keeps one at the limit', () => {
    const block = (n: number) => `<script type="application/ld+json">${'x'.repeat(n)}</script>`;
    expect(leanHtml(`<head>${block(MAX_JSONLD_CHARS)}</head>`)).toBe(
      `<head>${block(MAX_JSONLD_CHARS)}</head>`,
    );
    expect(leanHtml(`<head>${block(MAX_JSONLD_CHARS + 1)}<title>T</title></head>`)).toBe(
      '<head><title>T</title></head>',
    );
  });

  it('takes linear time on a page of many tags and long scripts', () => {
    const big = `${'<div class="a" data-x="1"><a href="/x">link</a></div>'.repeat(40_000)}${`<script>${'x'.repeat(1_000_000)}</script>`}`;
    const lean = leanHtml(big);
    expect(lean.length).toBe(big.length - 1_000_017);
  });
});
