/**
 * The reader's retention policy, on fake-indexeddb and WXT's fake browser, through the message protocol: a
 * missing or malformed stored value reads as the defaults; a saved policy is what the feeds alarm's daily
 * retention run applies; an invalid one is refused (by the message schema and by the handler's own check) and
 * changes nothing, neither the stored policy nor what the next run deletes.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { analyzeArticle } from '@/core/nlp/analyze';
import { runFeedsAlarm } from '@/lib/background/feeds';
import { createHandlers, registerHandlers } from '@/lib/background/handlers';
import { BackstoryDB } from '@/lib/db/schema';
import { followThread } from '@/lib/feeds/follows';
import {
  DEFAULT_RETENTION,
  deleteStories,
  RETENTION_POLICY_KEY,
  type RetentionPolicy,
  retentionPolicy,
} from '@/lib/feeds/retention';
import { sendMessage } from '@/lib/messaging';
import { createStoryService, type StoryService } from '@/lib/story-service';
import { corpusReadings } from './helpers';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2025, 0, 1);
let db: BackstoryDB;
let service: StoryService;
let handlers: ReturnType<typeof createHandlers>;
let clock: number;

beforeEach(() => {
  fakeBrowser.reset();
  db = new BackstoryDB(`retention-settings-${Math.random()}`);
  clock = T0;
  service = createStoryService(db, { analyze: analyzeArticle, now: () => clock });
  handlers = createHandlers(db, service);
  registerHandlers(db, service);
  // Feeds stay off: the alarm's run fetches nothing; a fetch would fail the test.
  vi.stubGlobal('fetch', () => {
    throw new Error('nothing may be fetched');
  });
});

/** One run of the feeds alarm at the test's clock (its retention runs once a day). */
const alarm = () => runFeedsAlarm(db, service, { now: () => clock });

/** Unrelated topics, so that no two stubs share a thread. */
const TOPICS = [
  [
    'Harbour wall repairs begin in the old port',
    'Engineers began repairs to the harbour wall after the storms.',
  ],
  ['Ferry timetable changes for the island route', 'The operator cuts two sailings to Arran from March.'],
  ['Library extends opening hours over the winter', 'Readers may borrow books until nine on weekdays.'],
  [
    'Cycle lane on the coast road to open in spring',
    'Councillors approved the budget for the new cycle path.',
  ],
] as const;

async function stub(i: number) {
  const r = await service.ingestStub({
    title: `${TOPICS[i % TOPICS.length]![0]}, report ${i}`,
    url: `https://feeds.example/${i}`,
    publishedAt: null,
    summary: TOPICS[i % TOPICS.length]![1],
    source: 'feed',
  });
  return r!.story;
}

const alive = async (ids: number[]) =>
  (await db.stories.bulkGet(ids)).map((s, i) => (s ? ids[i] : null)).filter((id) => id !== null);

describe('reading the policy', () => {
  it.each<[string, unknown]>([
    ['nothing stored', undefined],
    ['a string', '30 days'],
    ['null', null],
    ['an array', [30, 600]],
    ['days out of range', { stubMaxAgeDays: 0, maxStories: 600 }],
    ['stories out of range', { stubMaxAgeDays: 30, maxStories: 10 }],
    ['a field missing', { stubMaxAgeDays: 30 }],
    ['a fraction', { stubMaxAgeDays: 30.5, maxStories: 600 }],
  ])('%s reads as the defaults', async (_, value) => {
    if (value !== undefined) await db.settings.put({ key: RETENTION_POLICY_KEY, value });
    expect(await retentionPolicy(db)).toEqual(DEFAULT_RETENTION);
    expect(await sendMessage('getRetention', {})).toEqual({
      policy: DEFAULT_RETENTION,
      defaults: DEFAULT_RETENTION,
      limits: { stubMaxAgeDays: { min: 1, max: 3650 }, maxStories: { min: 500, max: 1_000_000 } },
      custom: false,
    });
  });

  it('reads a valid stored policy', async () => {
    await db.settings.put({ key: RETENTION_POLICY_KEY, value: { stubMaxAgeDays: 30, maxStories: 600 } });
    expect(await sendMessage('getRetention', {})).toMatchObject({
      policy: { stubMaxAgeDays: 30, maxStories: 600 },
      custom: true,
    });
  });
});

describe('the daily retention run', () => {
  it('deletes stubs by the saved age, not the default one', async () => {
    const old = await stub(1);
    const followed = await stub(2);
    await followThread(db, followed.threadId, followed.title, clock);
    clock += 6 * DAY;
    const recent = await stub(3);
    clock += 4 * DAY; // old and followed are 10 days old, recent 4

    await alarm(); // the first run of the day, with the defaults (60 days): nothing goes
    expect(await alive([old.id, followed.id, recent.id])).toEqual([old.id, followed.id, recent.id]);

    const saved = await sendMessage('setRetention', { stubMaxAgeDays: 7, maxStories: 20_000 });
    expect(saved).toMatchObject({ policy: { stubMaxAgeDays: 7, maxStories: 20_000 }, custom: true });
    expect((await db.settings.get(RETENTION_POLICY_KEY))?.value).toEqual({
      stubMaxAgeDays: 7,
      maxStories: 20_000,
    });

    clock += 12 * 60 * 60 * 1000;
    await alarm(); // the same day: retention does not run again
    expect(await alive([old.id, followed.id, recent.id])).toEqual([old.id, followed.id, recent.id]);

    clock += 12 * 60 * 60 * 1000;
    await alarm(); // a day later: older than 7 days goes, a followed thread's story stays
    expect(await alive([old.id, followed.id, recent.id])).toEqual([followed.id, recent.id]);
  });

  it('keeps at most the saved number of stories, oldest stubs first', async () => {
    // A story the reader opened, seen before every stub.
    const read = await service.ingestArticle(
      corpusReadings().find((c) => c.reading.article)!.reading.article!,
    );
    // 503 stubs, copies of one (analysed once: 500 analyses would take seconds), seen one after the other.
    const model = await stub(1);
    const { id: _, ...fields } = model;
    const copies = Array.from({ length: 503 }, (_, i) => ({
      ...fields,
      url: `https://feeds.example/copy-${i}`,
      urls: [`https://feeds.example/copy-${i}`],
      lastSeenTs: clock + 1 + i,
      // Outside any thread and counted in no term, so deleting a copy changes nothing else.
      threadId: '',
      termCounts: {},
    }));
    await deleteStories(db, [model]);
    const ids = (await db.stories.bulkAdd(copies as never[], { allKeys: true })) as number[];
    clock += DAY;
    expect(await db.stories.count()).toBe(504);

    await alarm(); // the defaults: 20,000 stories, nothing goes
    expect(await db.stories.count()).toBe(504);
    await sendMessage('setRetention', { stubMaxAgeDays: 60, maxStories: 500 });
    clock += DAY;
    await alarm();
    expect(await db.stories.count()).toBe(500);
    // The four stubs seen longest ago went; stubs go before a story that was read, even an older one.
    expect(await alive(ids.slice(0, 5))).toEqual([ids[4]]);
    expect(await db.stories.get(read.story.id)).toBeDefined();
  });
});

describe('an invalid policy', () => {
  const saved: RetentionPolicy = { stubMaxAgeDays: 7, maxStories: 600 };
  const bad: [string, unknown, RegExp][] = [
    ['too few stories (valid days)', { stubMaxAgeDays: 2, maxStories: 499 }, /maxStories/],
    ['too many days', { stubMaxAgeDays: 3651, maxStories: 600 }, /stubMaxAgeDays/],
    ['a fraction of a day', { stubMaxAgeDays: 2.5, maxStories: 600 }, /stubMaxAgeDays/],
    ['text', { stubMaxAgeDays: '2', maxStories: 600 }, /stubMaxAgeDays/],
    ['a field missing', { stubMaxAgeDays: 2 }, /maxStories/],
  ];

  it.each(bad)('%s is refused and changes nothing', async (_, policy, field) => {
    const old = await stub(1);
    clock += 4 * DAY;
    const recent = await stub(2);
    clock += 6 * DAY; // old is 10 days old, recent 6
    await sendMessage('setRetention', saved);
    const before = await db.settings.get(RETENTION_POLICY_KEY);

    // The message schema refuses it before any handler runs…
    await expect(sendMessage('setRetention', policy as RetentionPolicy)).rejects.toThrow(
      new RegExp(`^setRetention: invalid message: .*${field.source}`),
    );
    // …and the handler checks again, in the reader's words.
    await expect(handlers.setRetention(policy as RetentionPolicy, {})).rejects.toThrow(
      /must be a whole number/,
    );
    expect(await db.settings.get(RETENTION_POLICY_KEY)).toEqual(before);
    expect((await sendMessage('getRetention', {})).policy).toEqual(saved);

    // The daily run applies the saved policy: 7 days, so the 6-day-old stub stays.
    await alarm();
    expect(await alive([old.id, recent.id])).toEqual([recent.id]);
  });

  it('restoring the defaults forgets the saved policy', async () => {
    await sendMessage('setRetention', saved);
    expect(await db.settings.get(RETENTION_POLICY_KEY)).toBeDefined();
    expect(await sendMessage('setRetention', DEFAULT_RETENTION)).toMatchObject({
      policy: DEFAULT_RETENTION,
      custom: false,
    });
    expect(await db.settings.get(RETENTION_POLICY_KEY)).toBeUndefined();
  });
});
