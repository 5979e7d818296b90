/**
 * The background's answer to 'knownTeasers' (in-page badges) on Dexie over fake-indexeddb, through the real
 * message protocol: nothing while the setting is off or the site is paused, and the badge of each known
 * headline otherwise.
 */

import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { analyzeArticle } from '@/core/nlp/analyze';
import { registerHandlers } from '@/lib/background/handlers';
import { setBadgesEnabled } from '@/lib/badges/setting';
import { BackstoryDB, type StoryRecord } from '@/lib/db/schema';
import { ProtocolError, sendMessage } from '@/lib/messaging';
import { createStoryService } from '@/lib/story-service';

const DAY = 86_400_000;
const FRONT = 'https://news.example/';
let db: BackstoryDB;

function story(
  id: number,
  url: string,
  day: number,
  source: StoryRecord['source'],
  threadId = 'th-1',
): StoryRecord {
  return {
    id,
    url,
    urls: [url],
    title: `Story ${id}`,
    publisher: 'Example News',
    publishedAt: null,
    publishedTs: day * DAY,
    modifiedAt: null,
    authors: [],
    lang: 'en',
    section: null,
    image: null,
    description: null,
    text: '',
    partial: source !== 'visit',
    source,
    entityKeys: [],
    terms: [],
    termCounts: {},
    entities: [],
    dated: [],
    past: [],
    eventId: `ev-${id}`,
    threadId,
    related: [],
    firstSeenTs: day * DAY,
    lastSeenTs: (day + 1) * DAY,
    visits: source === 'visit' ? 1 : 0,
  } as unknown as StoryRecord;
}

beforeEach(async () => {
  fakeBrowser.reset();
  db = new BackstoryDB(`badges-${Math.random()}`);
  registerHandlers(db, createStoryService(db, { analyze: analyzeArticle }));
  await db.stories.bulkPut([
    story(1, 'https://news.example/world/part-one', 10, 'visit'),
    story(2, 'https://news.example/world/part-two/', 12, 'visit'),
    // Known only as a headline, published after the reader last read the thread.
    story(3, 'https://news.example/world/part-three', 20, 'teaser'),
    // Known only from a feed, in a thread the reader never read.
    story(4, 'https://news.example/sport/final', 20, 'feed', 'th-2'),
  ]);
});

const ask = (urls: string[], pageUrl = FRONT) => sendMessage('knownTeasers', { pageUrl, urls });

describe('knownTeasers', () => {
  const urls = [
    'https://news.example/world/part-three',
    'http://news.example/world/part-two',
    'https://news.example/world/part-one?utm_source=home',
    'https://news.example/sport/final',
    'https://news.example/unknown/story',
  ];

  it('answers nothing while the setting is off (the default)', async () => {
    expect(await ask(urls)).toEqual([]);
  });

  it('labels the known headlines in the order asked, matching other forms of their address', async () => {
    await setBadgesEnabled(true);
    expect(await ask(urls)).toEqual([
      { url: urls[0], label: 'New since you last read · 2 earlier parts' },
      { url: urls[1], label: 'You read this · 1 earlier part' },
      { url: urls[2], label: 'You read this' },
    ]);
  });

  it('answers nothing on a paused site', async () => {
    await setBadgesEnabled(true);
    await sendMessage('setSitePaused', { site: 'news.example', paused: true });
    expect(await ask(urls)).toEqual([]);
    // Another site's front page still gets its badges.
    expect(await ask(urls, 'https://aggregator.example/')).toHaveLength(3);
  });

  it('refuses malformed requests before the handler runs', async () => {
    await expect(ask(['javascript:alert(1)'])).rejects.toBeInstanceOf(ProtocolError);
    await expect(ask(Array.from({ length: 501 }, (_, i) => `https://news.example/${i}`))).rejects.toThrow(
      /more than 500 links/,
    );
  });
});
