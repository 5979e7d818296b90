/**
 * `npm run bench -- feeds`: feed items parsed, and parsed + analysed + linked as stubs, per second, from a
 * generated set of 10,000 items (FEEDS_N to change it) in 50 RSS feeds, on fake-indexeddb like `link`.
 * The items are made from a small vocabulary of people, places and topics, so that they do link.
 */
import { performance } from 'node:perf_hooks';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { parseFeed } from '../../core/feeds/parse';
import { analyzeArticle } from '../../core/nlp/analyze';
import { BackstoryDB } from '../../lib/db/schema';
import { ingestFeedItems } from '../../lib/feeds/ingest';
import { createStoryService } from '../../lib/story-service';

const PEOPLE = [
  'Maria Okafor',
  'Tom Reyes',
  'Ana Lima',
  'Kenji Sato',
  'Lena Fischer',
  'Omar Haddad',
  'Priya Nair',
];
const PLACES = ['Lisbon', 'Nairobi', 'Osaka', 'Hamburg', 'Lima', 'Toronto', 'Casablanca', 'Hanoi'];
const TOPICS = [
  ['port strike', 'dockworkers', 'shipping', 'wages', 'union'],
  ['dam inspection', 'spillway', 'engineers', 'cracks', 'river'],
  ['election', 'ballots', 'candidates', 'turnout', 'parliament'],
  ['heatwave', 'temperatures', 'hospitals', 'water', 'drought'],
  ['rail merger', 'tickets', 'commuters', 'regulator', 'fares'],
  ['school roof', 'classrooms', 'repairs', 'council', 'budget'],
  ['ferry route', 'timetable', 'island', 'harbour', 'operators'],
  ['bank rates', 'inflation', 'mortgages', 'lenders', 'savers'],
];
const xml = (s: string) => s.replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`);

function makeFeeds(n: number, perFeed = 200): string[] {
  const feeds: string[] = [];
  const start = Date.UTC(2025, 0, 1);
  for (let f = 0; f * perFeed < n; f++) {
    const items: string[] = [];
    for (let i = 0; i < perFeed && f * perFeed + i < n; i++) {
      const k = f * perFeed + i;
      const topic = TOPICS[k % TOPICS.length]!;
      const person = PEOPLE[(k >> 3) % PEOPLE.length]!;
      const place = PLACES[(k * 7) % PLACES.length]!;
      const day = new Date(start + (k % 120) * 86_400_000).toUTCString();
      const title = `${place}: ${topic[0]} ${k % 3 ? 'talks continue' : 'deepens'} as ${person} speaks (${k})`;
      const summary =
        `${person} said in ${place} on ${day.slice(0, 16)} that the ${topic[0]} would affect ${topic[1]} and ` +
        `${topic[2]}. Officials expect ${topic[3]} to change before the ${topic[4]} meets again next week.`;
      items.push(
        `<item><title>${xml(title)}</title><link>https://feed${f}.example/${k}</link>` +
          `<pubDate>${day}</pubDate><description>${xml(summary)}</description></item>`,
      );
    }
    feeds.push(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${f}</title><link>https://feed${f}.example/</link>${items.join('')}</channel></rss>`,
    );
  }
  return feeds;
}

export async function feedsSpeed(): Promise<void> {
  const n = Number(process.env.FEEDS_N ?? 10_000);
  const feeds = makeFeeds(n);
  const bytes = feeds.map((f) => new TextEncoder().encode(f));
  let t = performance.now();
  const parsed = bytes.map((b, i) => parseFeed(b, { url: `https://feed${i}.example/rss`, maxItems: 500 }));
  const parseMs = performance.now() - t;
  const items = parsed.reduce((sum, p) => sum + p.items.length, 0);

  const db = new BackstoryDB(`bench-feeds-${Date.now()}`, { indexedDB, IDBKeyRange });
  const service = createStoryService(db, { analyze: analyzeArticle });
  t = performance.now();
  let stubs = 0;
  for (const [i, p] of parsed.entries()) {
    const out = await ingestFeedItems(
      db,
      service,
      { id: i + 1, title: p.title },
      p.items,
      Number.POSITIVE_INFINITY,
    );
    stubs += out.stories.length;
  }
  const linkMs = performance.now() - t;
  const linked = (await db.stories.toArray()).filter((s) => s.related.length > 0).length;
  const perSec = (count: number, ms: number) => Math.round((count / ms) * 1000).toLocaleString('en-US');
  console.log(
    `feeds (${feeds.length} generated RSS feeds, ${items.toLocaleString('en-US')} items, fake-indexeddb): ` +
      `parsed ${perSec(items, parseMs)} items/s; parsed + analysed + linked as stubs ${perSec(stubs, parseMs + linkMs)} items/s ` +
      `(${stubs.toLocaleString('en-US')} stubs, ${linked.toLocaleString('en-US')} with related stories, ${(linkMs / 1000).toFixed(1)} s)`,
  );
  await db.delete();
}
