import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { leanHtml, MAX_JSONLD_CHARS } from '@/core/html/lean';
import { cutAt } from '@/core/text/cut';
import { type CaptureOptions, capturePage, htmlPieces, LEAVE_OUT_CHARS, MAX_CHILDREN } from '@/page/capture';
import { readPageHtml } from '@/page/read-html';
import { FIXTURE_URLS, fixture, NOW } from './helpers';

const LD = '<script type="application/ld+json">{"@type":"NewsArticle","headline":"a <b> c"}</script>';

const doc = (html: string) => parseHTML(html).document as unknown as Document;
/** A captured HTML as the background sees it: parsed again and serialised. */
const reparsed = (html: string) => doc(html).documentElement.outerHTML;

const many = (n: number, make: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => make(i)).join('');

const PAGES: [string, string][] = [
  [
    'a small article',
    `<html lang="en"><head><title>T</title>${LD}</head><body><article><h1>H</h1><p>a</p></article></body></html>`,
  ],
  [
    'a big list beside the article',
    `<html><head><title>T</title></head><body><main class="m" data-x='say "hi" &amp; <go>'><article><p>Text &amp; more&nbsp;here &lt;b&gt;</p></article><ul>${many(60, (i) => `<li><a href="/x/${i}?a=1&amp;b=2">Item ${i}</a></li>`)}</ul>\n  text between &lt;tags&gt;\n</main></body></html>`,
  ],
  [
    'SVG with camel-case names inside a big element',
    `<html><body><div id="wrap">${many(30, (i) => `<p>p${i}</p>`)}<svg viewBox="0 0 10 10"><linearGradient id="g"><stop offset="0"></stop></linearGradient><foreignObject><p>x</p></foreignObject></svg></div></body></html>`,
  ],
  [
    'scripts, styles and comments inside a big element',
    `<html><head>${LD}<script>var a = "<p>";</script></head><body><div>${many(30, (i) => `<p>p${i}</p><!-- c${i} -->`)}<script>x()</script><style>p{}</style><template><p>t</p></template><textarea>a &lt; b</textarea></div></body></html>`,
  ],
  [
    'a custom element',
    `<html><body><news-app mode="x">${many(30, (i) => `<news-card n="${i}"><p>Card ${i}</p></news-card>`)}</news-app></body></html>`,
  ],
];

describe('htmlPieces: a page serialised in steps', () => {
  it.each(PAGES)('%s: the pieces parse to the page’s own tree', (_name, html) => {
    const d = doc(html);
    for (const big of [0, 3, 20, 10_000, Number.POSITIVE_INFINITY]) {
      for (const leaveOutChars of [0, 5, 2_000]) {
        const joined = [...htmlPieces(d.documentElement, { big, leaveOutChars })].join('');
        expect(reparsed(leanHtml(joined)), `big=${big} leaveOutChars=${leaveOutChars}`).toBe(
          reparsed(leanHtml(d.documentElement.outerHTML)),
        );
      }
    }
  });

  it('writes a small subtree as one outerHTML, and a big one as its tags and children', () => {
    const d = doc(
      `<html><head></head><body><ul>${many(10, (i) => `<li>${i}</li>`)}</ul><p>x</p></body></html>`,
    );
    expect([...htmlPieces(d.documentElement, { big: 100 })]).toEqual([d.documentElement.outerHTML]);
    const pieces = [...htmlPieces(d.documentElement, { big: 5 })];
    expect(pieces[0]).toBe('<html>');
    expect(pieces).toContain('<ul>');
    expect(pieces).toContain('<li>3</li>');
    expect(pieces).toContain('<p>x</p>');
    expect(pieces.at(-1)).toBe('</html>');
  });
  it('leaves out a JSON-LD block over its limit without serialising it, wherever it is', () => {
    const block = (n: number) => `<script type="application/ld+json">${'x'.repeat(n)}</script>`;
    const d = doc(
      `<html><head><title>T</title>${block(MAX_JSONLD_CHARS + 1)}${block(10)}</head><body><div>${block(MAX_JSONLD_CHARS + 5)}<p>a</p></div></body></html>`,
    );
    const html = [...htmlPieces(d.documentElement)].join('');
    expect(html).toBe(
      `<html><head><title>T</title>${block(10)}</head><body><div><p>a</p></div></body></html>`,
    );
  });

  it('leaves out long scripts and styles unserialised, writing their ancestors tag by tag', () => {
    const long = 'x'.repeat(LEAVE_OUT_CHARS);
    const d = doc(
      `<html><head><title>T</title><style>${long}</style>${LD}<script>short()</script></head><body class="b"><div id="a"><p>a &amp; b</p><script>${long}</script><!-- c --></div><ul><li>x</li></ul><svg><style>${long}</style></svg></body></html>`,
    );
    // No script or style is serialised in a big piece: the page is whole except around the long ones.
    const pieces = [...htmlPieces(d.documentElement, { big: Number.POSITIVE_INFINITY })];
    expect(pieces.join('')).not.toContain(long);
    expect(pieces).toEqual([
      '<html>',
      '<head>',
      '<title>T</title>',
      LD,
      '<script>short()</script>',
      '</head>',
      '<body class="b">',
      '<div id="a">',
      '<p>a &amp; b</p>',
      '</div>',
      '<ul><li>x</li></ul>',
      '<svg>',
      '</svg>',
      '</body>',
      '</html>',
    ]);
    // A page without long scripts or styles is one piece.
    const plain = doc(`<html><head>${LD}<script>short()</script></head><body><p>a</p></body></html>`);
    expect([...htmlPieces(plain.documentElement, { big: Number.POSITIVE_INFINITY })]).toEqual([
      plain.documentElement.outerHTML,
    ]);
  });

  it('leaves out a large element’s children after the first MAX_CHILDREN, and pieces after MAX_PIECES', () => {
    const d = doc(
      `<html><body><ul>${many(MAX_CHILDREN + 500, (i) => `<li><a href="/${i}">${i}</a></li>`)}</ul><p>after</p></body></html>`,
    );
    const html = [...htmlPieces(d.documentElement, { big: 100 })].join('');
    expect(html).toContain(
      `<li><a href="/${MAX_CHILDREN - 1}">${MAX_CHILDREN - 1}</a></li></ul><p>after</p>`,
    );
    expect(html).not.toContain(`href="/${MAX_CHILDREN}"`);
    const few = [...htmlPieces(d.documentElement, { big: 100, pieces: 50 })];
    expect(few.length).toBeLessThan(60);
    expect(reparsed(few.join(''))).toContain('<li><a href="/40">40</a></li>');
  });
});

describe('capturePage', () => {
  /** Runs a capture to its end, each scheduled step after the one before; the HTML and how many steps it took. */
  function capture(d: Document, options: CaptureOptions = {}): { html: string | null; steps: number } {
    const queue: (() => void)[] = [];
    let html: string | null = null;
    let steps = 1;
    capturePage(
      d,
      (h) => {
        html = h;
      },
      { ...options, schedule: (step) => void queue.push(step) },
    );
    for (let step = queue.shift(); step; step = queue.shift()) {
      steps++;
      step();
    }
    return { html, steps };
  }

  it('is the lean page with its doctype', () => {
    const d = doc(
      `<html><head>${LD}<script>x()</script></head><body><p>a</p><style>p{}</style></body></html>`,
    );
    expect(capture(d)).toEqual({
      html: `<!doctype html>\n<html><head>${LD}</head><body><p>a</p></body></html>`,
      steps: 1,
    });
  });

  it('gives the page its main thread back whenever a step ran its time', () => {
    const d = doc(`<html><body><ul>${many(200, (i) => `<li>${i}</li>`)}</ul></body></html>`);
    let clock = 0;
    // Each reading of the clock is 1 ms later: a step is 8 pieces.
    const { html, steps } = capture(d, { big: 10, wholePage: 0, stepMs: 8, now: () => clock++ });
    expect(reparsed(html!)).toBe(reparsed(d.documentElement.outerHTML));
    expect(steps).toBeGreaterThan(20);
    expect(capture(d, { big: 10, wholePage: 0, now: () => 0 }).steps).toBe(1);
    // A page of fewer elements than WHOLE_PAGE: one outerHTML, one step whatever the clock says.
    expect(capture(d, { big: 10, stepMs: 8, now: () => clock++ }).steps).toBe(1);
  });

  it('stops at its limit, without splitting a character', () => {
    const d = doc(`<html><body><ul>${many(5_000, (i) => `<li>😀 item ${i}</li>`)}</ul></body></html>`);
    for (const wholePage of [0, 100_000]) {
      const html = capture(d, { maxChars: 10_001, big: 100, wholePage }).html!;
      expect(html.length).toBeLessThanOrEqual('<!doctype html>\n'.length + 10_001);
      expect(html.length).toBeGreaterThan(9_000);
      expect(html).not.toMatch(/[\ud800-\udbff]$/);
      expect(html).toContain('<li>😀 item 0</li>');
      expect(html).not.toContain('item 4999');
    }
  });

  it('ends without a word when the page’s DOM throws, and never throws itself', () => {
    const d = doc('<html><body><p>a</p></body></html>');
    Object.defineProperty(d.documentElement, 'outerHTML', {
      get() {
        throw new Error('hostile getter');
      },
    });
    let called = false;
    expect(() =>
      capturePage(d, () => {
        called = true;
      }),
    ).not.toThrow();
    expect(called).toBe(false);
  });
});

describe('a page captured in steps reads as the page captured whole', () => {
  const names = ['seed', ...Object.keys(FIXTURE_URLS).filter((n) => n !== 'seed')];
  it.each(names)('%s', (name) => {
    const url = name === 'seed' ? FIXTURE_URLS.seed! : FIXTURE_URLS[name]!;
    const read = (options: CaptureOptions) => {
      let html = '';
      capturePage(
        fixture(name),
        (h) => {
          html = h;
        },
        { ...options, schedule: (step) => step() },
      );
      return readPageHtml(html, url, { now: NOW });
    };
    const whole = read({});
    // Every element with more than 20 under it written child by child: the stepped path at its finest.
    const stepped = read({ wholePage: 0, big: 20 });
    expect(stepped).toEqual(whole);
    // Every script and style left out unserialised, their ancestors written tag by tag; and none left out.
    expect(read({ leaveOutChars: 0 })).toEqual(whole);
    expect(read({ leaveOutChars: Number.POSITIVE_INFINITY })).toEqual(whole);
  });
});

describe('cutAt', () => {
  it.each([
    ['shorter than the limit', 'abc', 5, 'abc'],
    ['at the limit', 'abcde', 3, 'abc'],
    ['before a surrogate pair it would split', 'ab😀c', 3, 'ab'],
    ['after a whole pair', 'ab😀c', 4, 'ab😀'],
  ])('%s', (_name, text, max, expected) => {
    expect(cutAt(text, max)).toBe(expected);
  });
});
