/**
 * News articles written by this generator for the trust e2e tests (storage faults, hostile pages): each one
 * distinct (its title, its figures, its people and places), with a few names and dates in its paragraphs, and
 * marked up as a news site marks up an article (JSON-LD NewsArticle, OpenGraph, a canonical link, `<article>`),
 * so that Backstory takes it for one. Deterministic: article `i` is the same on every run.
 */

const FIRST = [
  'Marta',
  'Jonas',
  'Ilse',
  'Tomasz',
  'Aiko',
  'Rafael',
  'Nadia',
  'Oskar',
  'Leona',
  'Pavel',
  'Greta',
  'Hamid',
  'Sunniva',
  'Dario',
  'Elif',
  'Matthias',
  'Ruth',
  'Kofi',
  'Vera',
  'Anders',
  'Ines',
  'Bruno',
  'Yara',
  'Teodor',
];
const LAST = [
  'Halvorsen',
  'Brandauer',
  'Okafor',
  'Lindqvist',
  'Moreau',
  'Szabo',
  'Castellano',
  'Whitcombe',
  'Petrakis',
  'Nakamura',
  'Ferreira',
  'Dalgaard',
  'Kowalczyk',
  'Ostrander',
  'Abernathy',
  'Vukovic',
  'Rasmussen',
  'Tellier',
];
const TOWNS = [
  'Eastmere',
  'Kallberg',
  'Port Alder',
  'Vinnhaven',
  'Stroud Cross',
  'Belmarsh Vale',
  'Oldfield',
  'Ravensholm',
  'Tarnow Bay',
  'Quillan',
  'Marrowby',
  'Fennick',
  'Sollen',
  'Hartwell',
  'Greyhope',
  'Lunder',
];
const TOPICS = [
  ['the harbour bridge repair', 'engineers', 'the steel deck'],
  ['a new water tariff', 'households', 'the metering plan'],
  ['the tram line extension', 'commuters', 'the depot site'],
  ['school meal funding', 'parents', 'the kitchen contract'],
  ['a flood barrier upgrade', 'residents', 'the river wall'],
  ['the hospital night clinic', 'nurses', 'the rota change'],
  ['a wind farm lease', 'fishermen', 'the seabed survey'],
  ['the library opening hours', 'students', 'the reading rooms'],
  ['bus fare caps', 'pensioners', 'the ticket scheme'],
  ['a housing estate renewal', 'tenants', 'the tower blocks'],
  ['the airport noise limits', 'villagers', 'the night flights'],
  ['a regional rail timetable', 'workers', 'the early trains'],
] as const;
const VERBS = [
  'delays',
  'approves',
  'rejects',
  'reopens talks on',
  'pauses',
  'expands',
  'reviews',
  'cuts back',
];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export interface GeneratedArticle {
  url: string;
  title: string;
  html: string;
}

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JSON for a `<script>` element: `<` escaped, so no string in it can close the element. */
export const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * Article `i` (0-based), at `url`: `paragraphs` of its five (three by default: enough for Readability, and
 * cheaper to analyse in bulk).
 */
export function generateArticle(i: number, url: string, paragraphCount = 3): GeneratedArticle {
  const r = rng(i * 7919 + 17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const person = () => `${pick(FIRST)} ${pick(LAST)}`;
  const town = TOWNS[i % TOWNS.length]!;
  const [topic, group, detail] = TOPICS[Math.floor(i / TOWNS.length) % TOPICS.length]!;
  const verb = pick(VERBS);
  const figure = 120 + i * 7;
  const mayor = person();
  const critic = person();
  const expert = person();
  const month = MONTHS[i % 12]!;
  const day = 1 + (i % 27);
  const year = 2024 + (i % 3);
  const published = `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}T08:30:00Z`;
  const title = `${town} council ${verb} ${topic} after ${figure} objections`;
  const paragraphs = [
    `${town} council ${verb} ${topic} on ${day} ${month} ${year}, after ${figure} written objections reached the town hall in a single fortnight. Mayor ${mayor} told a packed chamber that ${group} had been heard and that the vote reflected their concerns about ${detail}.`,
    `The plan was first put forward on ${1 + ((i + 5) % 27)} ${MONTHS[(i + 3) % 12]} ${year - 1}, when the previous council asked for a costed study. That study, led by ${expert}, put the price at ${3 + (i % 9)}.${i % 10} million and warned that ${detail} would need a second phase.`,
    `${critic}, who speaks for a group of ${group} in ${town}, said the decision came too late. "We asked for this in ${MONTHS[(i + 7) % 12]}, and we were told to wait," ${critic.split(' ')[0]} said. "People here plan their lives around ${detail}, and nobody explained what the delay would cost."`,
    `Council officers said a public meeting would be held on ${1 + ((i + 11) % 27)} ${MONTHS[(i + 1) % 12]} ${year}, and that ${group} could send questions in advance. A neighbouring authority, ${TOWNS[(i + 3) % TOWNS.length]}, faced a similar choice two years ago and chose to split the work over several seasons.`,
    `${expert} said the figures would be published in full. "The numbers are not secret, and the town deserves to see them before the next budget," ${expert.split(' ')[0]} said, adding that ${figure} objections was the largest number the council had received on any single question since ${year - 6}.`,
  ].slice(0, paragraphCount);
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: title,
    datePublished: published,
    author: { '@type': 'Person', name: expert },
    publisher: { '@type': 'Organization', name: `The ${town} Courier` },
    mainEntityOfPage: url,
  };
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${escapeHtml(title)} | The ${escapeHtml(town)} Courier</title>
<link rel="canonical" href="${escapeHtml(url)}">
<meta property="og:type" content="article">
<meta property="og:title" content="${escapeHtml(title)}">
<meta property="og:url" content="${escapeHtml(url)}">
<meta name="description" content="${escapeHtml(paragraphs[0]!.slice(0, 150))}">
<meta property="article:published_time" content="${published}">
<script type="application/ld+json">${scriptJson(ld)}</script>
</head><body>
<header><a href="/">The ${escapeHtml(town)} Courier</a></header>
<main><article>
<h1>${escapeHtml(title)}</h1>
<p class="byline">By ${escapeHtml(expert)}, <time datetime="${published}">${day} ${month} ${year}</time></p>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
</article></main>
<footer><p>The ${escapeHtml(town)} Courier</p></footer>
</body></html>`;
  return { url, title, html };
}
