/**
 * Hostile pages written for the trust e2e test (tests/e2e/hostile.e2e.test.ts), generated at test time: huge
 * link lists, pathological JSON-LD, multi-megabyte text, a page whose bytes do not match its declared encoding,
 * and an article whose metadata and teasers carry HTML and script payloads. Each payload, if it ever ran, calls
 * `window[PWNED](where)` — a binding the test exposes — so that a payload that executes is seen wherever it runs.
 */
import { escapeHtml, scriptJson } from './generated-articles';

/** The binding a payload calls if it runs. */
export const PWNED = '__backstoryPwned';

/** Markup that runs `PWNED(where)` if it is ever parsed as HTML (an inline handler, a script, an SVG onload). */
export const payload = (where: string): string =>
  `<img src=x onerror="window.${PWNED}&&${PWNED}('${where}:img')">` +
  `<script>window.${PWNED}&&${PWNED}('${where}:script')</script>` +
  `<svg onload="window.${PWNED}&&${PWNED}('${where}:svg')"></svg>`;

export interface HostilePage {
  kind: string;
  path: string;
  body: Buffer;
  /** Words of its title (ASCII), which the popup shows once it rendered the page's story. */
  titleText: string;
}

const para = (i: number) =>
  `The harbour authority met again on ${1 + (i % 27)} March 2026 to review the tender for the eastern quay, ` +
  `and Commissioner Alma Hestvik said the figures for phase ${i} would be published before the summer recess. ` +
  `Engineers from the Tarnfield yard warned that the pilings laid in 1998 would need a full survey first.`;

function article(opts: {
  url: string;
  title: string;
  head?: string;
  body?: string;
  ld?: string;
  charset?: string;
  paragraphs?: number;
  description?: string;
  author?: string;
}): string {
  const title = opts.title;
  const ld =
    opts.ld ??
    scriptJson({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: title,
      datePublished: '2026-03-14T09:00:00Z',
      author: { '@type': 'Person', name: opts.author ?? 'Alma Hestvik' },
      description: opts.description ?? 'The harbour authority reviews the tender for the eastern quay.',
    });
  return `<!doctype html>
<html lang="en"><head><meta charset="${opts.charset ?? 'utf-8'}">
<title>${escapeHtml(title)}</title>
<link rel="canonical" href="${escapeHtml(opts.url)}">
<meta property="og:type" content="article">
<meta property="og:title" content="${escapeHtml(title)}">
<meta name="description" content="${escapeHtml(opts.description ?? 'The harbour authority reviews the tender for the eastern quay.')}">
<meta name="author" content="${escapeHtml(opts.author ?? 'Alma Hestvik')}">
<meta property="article:published_time" content="2026-03-14T09:00:00Z">
<script type="application/ld+json">${ld}</script>
${opts.head ?? ''}
</head><body>
<main><article>
<h1>${escapeHtml(title)}</h1>
<p class="byline">By ${escapeHtml(opts.author ?? 'Alma Hestvik')}</p>
${Array.from({ length: opts.paragraphs ?? 5 }, (_, i) => `<p>${escapeHtml(para(i))}</p>`).join('\n')}
</article>
${opts.body ?? ''}
</main></body></html>`;
}

/** The hostile pages, each at its path on `origin`. */
export function hostilePages(origin: string): HostilePage[] {
  const pages: HostilePage[] = [];
  const add = (kind: string, path: string, titleText: string, html: string | Buffer) =>
    pages.push({ kind, path, titleText, body: typeof html === 'string' ? Buffer.from(html, 'utf8') : html });

  // 50,000 links beside the article (a site map in the sidebar).
  {
    const path = '/hostile/2026/03/links-harbour-tender-review';
    const links = Array.from(
      { length: 50_000 },
      (_, i) => `<li><a href="/archive/2026/${i}-harbour-item">Harbour item ${i}</a></li>`,
    ).join('');
    add(
      '50,000 links',
      path,
      'Harbour tender review',
      article({
        url: origin + path,
        title: 'Harbour tender review drags on for a third month',
        body: `<aside class="sitemap"><h2>Archive</h2><ul>${links}</ul></aside>`,
      }),
    );
  }

  // JSON-LD nested 10,000 levels deep.
  {
    const path = '/hostile/2026/03/deep-jsonld-quay-survey';
    const depth = 10_000;
    const ld = `${'{"@context":"https://schema.org","@type":"NewsArticle","headline":"Quay survey finds older pilings","isPartOf":'.repeat(depth)}{"@type":"WebPage"}${'}'.repeat(depth)}`;
    add(
      'JSON-LD nested 10,000 deep',
      path,
      'Quay survey finds',
      article({ url: origin + path, title: 'Quay survey finds older pilings', ld }),
    );
  }

  // A JSON-LD block of about 3 MB (a @graph of 10,000 nodes).
  {
    const path = '/hostile/2026/03/giant-jsonld-harbour-budget';
    const graph = Array.from({ length: 10_000 }, (_, i) => ({
      '@type': i === 0 ? 'NewsArticle' : 'Thing',
      '@id': `${origin}${path}#node-${i}`,
      name: `Harbour budget line ${i} `.repeat(4),
      headline: i === 0 ? 'Harbour budget grows by a fifth' : undefined,
      about: { '@id': `${origin}${path}#node-${(i * 7) % 10_000}` },
    }));
    add(
      'JSON-LD of 3 MB',
      path,
      'Harbour budget grows',
      article({
        url: origin + path,
        title: 'Harbour budget grows by a fifth',
        ld: scriptJson({ '@context': 'https://schema.org', '@graph': graph }),
      }),
    );
  }

  // An article of about 2 MB of text.
  {
    const path = '/hostile/2026/03/megabytes-harbour-minutes';
    add(
      '2 MB of text',
      path,
      'Full minutes of the harbour',
      article({
        url: origin + path,
        title: 'Full minutes of the harbour authority, 1998 to 2026',
        paragraphs: 6_500,
      }),
    );
  }

  // Bytes in windows-1252 and invalid UTF-8, declared as UTF-8 by the server and as ISO-8859-5 by the page.
  {
    const path = '/hostile/2026/03/encoding-cafe-zurich-quay';
    const html = article({
      url: origin + path,
      title: 'Café owners in Zürich back the quay plan — naïvely, say critics',
      charset: 'iso-8859-5',
    });
    const bytes = Buffer.from(html, 'latin1');
    // Stray bytes that are valid in no encoding the page claims: a lone continuation byte, a truncated sequence.
    add(
      'broken encoding',
      path,
      'owners in Z',
      Buffer.concat([bytes.subarray(0, 400), Buffer.from([0x80, 0xc3, 0xff, 0xfe]), bytes.subarray(400)]),
    );
  }

  // HTML and script payloads in the title, description, author and teasers; teasers with javascript: and data: URLs.
  {
    const path = '/hostile/2026/03/payload-harbour-vote';
    const teaser = (href: string, text: string) =>
      `<li class="teaser"><a href="${escapeHtml(href)}"><h3>${escapeHtml(text)}</h3></a></li>`;
    const body = `<aside class="latest-stories"><h2>Latest stories</h2><ul>
${teaser("javascript:window.__backstoryPwned&&__backstoryPwned('teaser-href')", 'Harbour pilots strike over night shifts as talks collapse')}
${teaser(`data:text/html,${encodeURIComponent(payload('data-url'))}`, 'Quay residents win their appeal over the new crane lights')}
${teaser('JaVaScRiPt:void(0)', 'Ferry operator cuts the winter timetable for the island routes')}
${teaser('/2026/03/harbour-pilots-strike-talks-collapse', `Harbour pilots vote ${payload('teaser-text')} to strike`)}
${teaser('/2026/03/eastern-quay-crane-contract-signed', 'Eastern quay crane contract is signed after two years of delay')}
${teaser('/2026/03/harbour-museum-reopens-after-storm', 'Harbour museum reopens after the storm damage is repaired')}
</ul></aside>`;
    add(
      'script payloads',
      path,
      'splits the council',
      article({
        url: origin + path,
        title: `Harbour vote ${payload('title')} splits the council`,
        description: `Councillors argue ${payload('description')} over the harbour`,
        author: `Alma ${payload('author')} Hestvik`,
        body,
      }),
    );
  }
  return pages;
}
