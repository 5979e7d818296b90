// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { htmlSummary, htmlToText, truncate } from '../../../../core/feeds/text';

describe('htmlToText', () => {
  it.each([
    ['Plain   text\n here', 'Plain text here'],
    ['<p>One</p><p>Two</p>', 'One Two'],
    ['Line<br>break', 'Line break'],
    ['<b>bold</b>face', 'boldface'],
    ['Caf&eacute; &amp; cr&egrave;me &mdash; &#8364;5 &#x2713;', 'Café & crème — €5 ✓'],
    ['AT&T and 1 < 2', 'AT&T and 1 < 2'],
    ['<script>alert(1)</script><style>p{}</style>Visible<noscript>no</noscript>', 'Visible'],
    ['<img src=x onerror=alert(1)>Caption', 'Caption'],
    ['&lt;b&gt; shown as written', '<b> shown as written'],
    ['Unknown &entity; kept', 'Unknown &entity; kept'],
  ])('%j → %j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});

describe('truncate', () => {
  it('keeps short text as it is', () => {
    expect(truncate('Short enough.', 300)).toBe('Short enough.');
  });

  it('cuts at a word boundary with an ellipsis, within the limit', () => {
    const text = 'The quick brown fox jumps over the lazy dog, again and again.';
    expect(truncate(text, 20)).toBe('The quick brown fox…');
    expect(truncate(text, 30)).toBe('The quick brown fox jumps…');
    for (let max = 10; max < text.length; max++) expect(truncate(text, max).length).toBeLessThanOrEqual(max);
  });

  it('cuts a single long word, never inside a surrogate pair', () => {
    expect(truncate('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
    const emoji = '😀'.repeat(20);
    const cut = truncate(emoji, 10);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.slice(0, -1)).toMatch(/^(?:😀)+$/u);
  });

  it('summaries of very long HTML read only its start', () => {
    const html = `<p>${'word '.repeat(200_000)}</p>`;
    const started = performance.now();
    expect(htmlSummary(html).length).toBeLessThanOrEqual(300);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
