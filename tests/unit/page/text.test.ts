// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { cleanContent, cleanText, isDateLine } from '../../../page/clean';
import { blockText } from '../../../page/text';
import { parse } from './helpers';

describe('blockText', () => {
  it.each([
    ['<p>First para.</p><p>Second para.</p>', 'First para.\nSecond para.'],
    ['<h2>appearance</h2><p>Czech</p>', 'appearance\nCzech'],
    ['<ul><li>one</li><li>two</li></ul>', 'one\ntwo'],
    ['<p>a   b\n\n c</p>', 'a b c'],
    ['<p>line<br>break</p>', 'line\nbreak'],
    ['<p>in<b>line</b> <i>words</i></p>', 'inline words'],
    ['<div>x<script>var a = 1;</script><style>p{color:red}</style>y</div>', 'xy'],
    ['<table><tr><td>cell one</td><td>cell two</td></tr></table>', 'cell one\ncell two'],
    [
      '<blockquote>quote</blockquote><figure><img src="a.jpg"><figcaption>caption</figcaption></figure>',
      'quote\ncaption',
    ],
    ['<p> </p><p></p>', ''],
  ])('%s', (html, expected) => {
    const doc = parse(`<html><body><div id="root">${html}</div></body></html>`);
    expect(blockText(doc.querySelector('#root')!)).toBe(expected);
  });
});

const ARTICLE =
  'The council voted on Tuesday to rebuild the old bridge, ending a dispute that lasted a decade.';

describe('cleanText drops whole boilerplate lines', () => {
  it.each([
    ['ad label', 'Advertisement'],
    ['ad label, German', 'Anzeige'],
    ['gallery control', 'Image 3 of 12'],
    ['comment count, Portuguese', '12 comentários'],
    ['comment invitation', 'Leave a comment'],
    ['media placeholder', 'Media playback is unsupported on your device'],
    ['image credit', 'Image copyright Example Pictures'],
    ['photo credit in brackets', '(Image credit: Example Agency)'],
    ['agency credit', 'Jane Roe | Example | Getty Images'],
    ['short copyright credit', 'views of the hall, photos © Example Studio, 2018'],
    ['wire credit', 'Reporting by Jane Roe; Editing by Sam Poe'],
    ['reading time, Portuguese', 'Tempo de leitura: 2 minutos'],
    ['reading time', '4 min read'],
    [
      'newsletter promo',
      'Sign up for our free daily newsletter and get the top stories delivered to your inbox.',
    ],
    ['subscribe call', 'Subscribe to The Example Weekly and stay informed.'],
    ['follow-us line', 'Follow Example News on Instagram, Facebook and YouTube.'],
    ['app promo, German', 'Folgen Sie uns auf Facebook und Instagram'],
    ['affiliate disclosure', 'This post may contain affiliate links. Please see my disclosure page.'],
    ['rights notice', 'Copyright © 2024 Example Media. All rights reserved.'],
    ['rights notice, Italian', 'Tutti i diritti riservati'],
    ['cookie notice', 'This website uses cookies to improve your experience.'],
    ['comment policy, Portuguese', 'ATENÇÃO: Comentários ofensivos não serão aprovados pelo moderador.'],
    ['comment policy', 'Note: we are moderating all comments to deal with spam.'],
    ['shortcode', '[button link="/x" type="big"] Send us your story[/button]'],
    ['share bar', 'Whatsapp Facebook Pint Baixar'],
  ])('%s', (_kind, line) => {
    const removed: string[] = [];
    const out = cleanText(
      `${ARTICLE}\n${line}\n${ARTICLE}\n${ARTICLE}\n${ARTICLE}\n${ARTICLE}\n${ARTICLE}`,
      {},
      (rule) => {
        removed.push(rule);
        return undefined;
      },
    );
    expect(out).not.toContain(line);
    expect(out.split('\n')).toHaveLength(6);
    expect(removed).toHaveLength(1);
  });

  it.each([
    ['date at the top', 'Published: 00:01, Tue, Nov 19, 2019 | Updated: 10:43'],
    ['date at the top, German', 'Veröffentlicht am 12.03.2024, 09:30 Uhr'],
    ['date at the top, Portuguese', 'segunda-feira, 22 de janeiro de 2018 às 0:13'],
    ['relative date at the top', 'Published 1 day ago'],
    ['the title again', 'Council votes to rebuild the old bridge'],
    ['the page address', 'https://news.example/local/bridge-vote'],
  ])('%s', (_kind, line) => {
    const out = cleanText(`${line}\n${ARTICLE}\n${ARTICLE}`, {
      url: 'https://news.example/local/bridge-vote?ref=home',
      title: 'Council votes to rebuild the old bridge | Example News',
    });
    expect(out).toBe(`${ARTICLE}\n${ARTICLE}`);
  });

  it('drops a contact line at the end', () => {
    const out = cleanText(
      `${ARTICLE}\n${ARTICLE}\nEmail Jane Roe at jroe@example.com or follow her @janeroe.`,
    );
    expect(out).toBe(`${ARTICLE}\n${ARTICLE}`);
  });

  it.each([
    [
      'a sentence that starts like a promo',
      'Read more carefully, the report says the arch could stand for a decade.',
    ],
    [
      'a subscription in a long sentence',
      `Residents can subscribe to a monthly letter from the council. ${ARTICLE} ${ARTICLE}`,
    ],
    [
      'a sentence about cookies',
      'Since browsers block third-party cookies, the site asks visitors less often for consent.',
    ],
    [
      'a sentence about comments',
      'Comments from residents at the meeting were mostly in favour of the plan.',
    ],
    [
      'a date inside a sentence',
      'The first stone was laid on 12 March 1790, and the bridge was last repaired in June 1954.',
    ],
    ['a date line in the middle of the text', '12 March 2024'],
    ['a quoted web address in the text', 'https://example.org/report.pdf'],
    ['a short heading', 'What the report says'],
    ['a number in a table', '4,100'],
    ['a tweet with a handle', 'Great news for the villages https://t.co/abc pic.twitter.com/xyz by @janeroe'],
  ])('keeps %s', (_kind, line) => {
    const text = `${ARTICLE}\n${ARTICLE}\n${ARTICLE}\n${ARTICLE}\n${line}\n${ARTICLE}\n${ARTICLE}\n${ARTICLE}\n${ARTICLE}`;
    expect(cleanText(text, { url: 'https://news.example/local/bridge-vote' })).toBe(text);
  });
});

describe('isDateLine', () => {
  it.each([
    ['November 19, 2019 at 9:45 am', true],
    ['19.11.2019, 08:57', true],
    ['Posted: Fri 6:45 PM, Feb 16, 2018', true],
    ['Aktualisiert am 12. März 2024 um 14:05 Uhr', true],
    ['The vote is on March 12', false],
    ['Top 10', false],
  ])('%s → %s', (line, expected) => {
    expect(isDateLine(line)).toBe(expected);
  });
});

const P = (n: number) => Array.from({ length: n }, () => `<p>${ARTICLE} ${ARTICLE}</p>`).join('');

describe('cleanContent removes boilerplate blocks from Readability output', () => {
  it.each([
    [
      'other posts after the article',
      `<article>${P(3)}</article><article class="postbox"><article><a href="/a"><img src="a.jpg"></a><p>Market reopens after the works on the roof …</p></article><article><a href="/b"><img src="b.jpg"></a><p>Book fair returns to the square in May …</p></article></article>`,
      ['Market reopens', 'Book fair'],
    ],
    [
      'a related heading and its links',
      `${P(3)}<h3>Lesen Sie auch</h3><ul><li><a href="/a">Fähre fährt wieder</a></li></ul><ul><li><a href="/b">Neue Buslinie</a></li></ul>`,
      ['Lesen Sie auch', 'Fähre', 'Buslinie'],
    ],
    [
      'a "More:" heading and its links',
      `${P(3)}<h4>More:</h4><ul><li><h4><a href="/a">Ferry returns</a></h4></li></ul>`,
      ['More:', 'Ferry returns'],
    ],
    [
      'a list of links',
      `${P(3)}<ul><li><a href="/a">One story</a></li><li><a href="/b">Two stories</a></li><li><a href="/c">Three stories</a></li></ul>`,
      ['One story', 'Three stories'],
    ],
    [
      'shouted headline links',
      `${P(3)}<p><strong><a href="/a">MAYOR OPENS NEW PARK</a></strong></p>`,
      ['MAYOR OPENS'],
    ],
    [
      'a byline box by class',
      `<div class="article-byline">By Jane Roe, Local reporter</div>${P(3)}`,
      ['Jane Roe'],
    ],
    [
      'a schema.org date',
      `<p><span itemprop="datePublished">segunda-feira, 22 de janeiro de 2018</span></p>${P(3)}`,
      ['janeiro'],
    ],
    [
      'a teaser rail with a heading',
      `${P(3)}<div><h2>Самые популярные</h2><div><a href="/a"><img src="a.jpg"></a><p>Первая заметка</p></div><div><a href="/b"><img src="b.jpg"></a><p>Вторая заметка</p></div><div><a href="/c"><img src="c.jpg"></a><p>Третья заметка</p></div></div>`,
      ['Самые популярные', 'Первая', 'Третья'],
    ],
    [
      'an author box',
      `${P(3)}<h4>Über den Autor</h4><p>Max Muster schreibt über Verkehr.</p>`,
      ['Über den Autor', 'Max Muster'],
    ],
  ])('%s', (_kind, html, dropped) => {
    const doc = parse(`<html><body><div id="root">${html}</div></body></html>`);
    const root = doc.querySelector('#root')!;
    cleanContent(root);
    const text = blockText(root);
    expect(text).toContain(ARTICLE);
    for (const bad of dropped) expect(text).not.toContain(bad);
  });

  it.each([
    [
      'a paragraph with links inside prose',
      `${P(2)}<p>The <a href="/r">full report</a> and the <a href="/m">minutes</a> are online, with a map of the detour for buses and lorries.</p>`,
      'full report and the minutes',
    ],
    [
      'one linked paragraph on its own',
      `${P(2)}<p><a href="/r">Read the council's full report on the bridge</a></p>`,
      "Read the council's full report",
    ],
    [
      'a long article whose wrapper is named like a share block',
      `<div class="entry-content share-enabled">${P(4)}</div>`,
      ARTICLE,
    ],
    [
      'a later article that is a section, not a teaser',
      `<article>${P(2)}</article><article><h2>Second part</h2>${P(1)}</article>`,
      'Second part',
    ],
    [
      'a heading that starts like a related heading',
      `${P(2)}<h2>Trending upward: prices in the region</h2>${P(1)}`,
      'Trending upward',
    ],
    [
      'a data table',
      `${P(2)}<table class="stats"><tr><th>Year</th><th>Cars</th></tr><tr><td>2024</td><td>4,100</td></tr></table>`,
      '4,100',
    ],
  ])('keeps %s', (_kind, html, kept) => {
    const doc = parse(`<html><body><div id="root">${html}</div></body></html>`);
    const root = doc.querySelector('#root')!;
    cleanContent(root);
    expect(blockText(root).replace(/\n/g, ' ')).toContain(kept);
  });
});
