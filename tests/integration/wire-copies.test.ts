import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ExtractedArticle } from '@/core/model';
import { analyzeArticle } from '@/core/nlp/analyze';
import { BackstoryDB } from '@/lib/db/schema';
import { createStoryService, type StoryService } from '@/lib/story-service';
import { extractedArticle } from './helpers';

const dir = join(__dirname, '../fixtures/wire');
let db: BackstoryDB;
let service: StoryService;
let clock = Date.UTC(2026, 10, 25);

beforeEach(() => {
  db = new BackstoryDB(`wire-${Math.random()}`);
  service = createStoryService(db, { analyze: analyzeArticle, now: () => clock++ });
});

function article(file: string, outlet: string, title: string, day = '2026-11-20'): ExtractedArticle {
  const text = readFileSync(join(dir, `${file}.txt`), 'utf8');
  return extractedArticle({
    url: `https://${outlet}.example/news/${file}`,
    title,
    text,
    publishedAt: day,
    publisher: outlet,
  });
}

describe('wire copies on the device', () => {
  it('finds the same agency text from other outlets through the band index, links it as the same event and shows it once', async () => {
    const agency = (await service.ingestArticle(article('agency', 'wire-agency', 'Port terminal closed')))
      .story;
    const own = (
      await service.ingestArticle(article('own-report', 'harbour-daily', 'Cranes cracked at the port'))
    ).story;
    const a = (
      await service.ingestArticle(article('copy-outlet-a', 'outlet-a', 'Port terminal shut until new year'))
    ).story;
    const b = (await service.ingestArticle(article('copy-outlet-b', 'outlet-b', 'Northern terminal closes')))
      .story;
    // Stored with their fingerprints; the copies share the agency story's event.
    for (const s of [agency, own, a, b]) expect(s.wire).toHaveLength(16);
    expect(a.eventId).toBe(agency.eventId);
    expect(b.eventId).toBe(agency.eventId);

    // On a copy: the agency text and the other copy are "also published by", not related stories.
    const onCopy = (await service.getContext(a.id, 'en'))!;
    expect(onCopy.copies?.map((c) => c.publisher).sort()).toEqual(['outlet-b', 'wire-agency']);
    expect(onCopy.related.map((r) => r.id)).not.toContain(agency.id);
    expect(onCopy.related.map((r) => r.id)).not.toContain(b.id);

    // On the outlet's own report: the three copies are one related item, with the other two as its copies.
    const onOwn = (await service.getContext(own.id, 'en'))!;
    const wireItems = onOwn.related.filter((r) => [agency.id, a.id, b.id].includes(r.id));
    expect(wireItems).toHaveLength(1);
    expect(
      [wireItems[0]!.id, ...(wireItems[0]!.copies ?? []).map((c) => c.id)].sort((x, y) => x - y),
    ).toEqual([agency.id, a.id, b.id].sort((x, y) => x - y));
    expect(onOwn.copies).toBeUndefined();
  });

  it('gives a stub no fingerprint (no text) and finds no copy of it', async () => {
    await service.ingestArticle(article('agency', 'wire-agency', 'Port terminal closed'));
    const stub = await service.ingestStub({
      title: 'Port terminal closed until the new year',
      url: 'https://feed.example/port',
      publishedAt: '2026-11-20',
      summary: 'Two cranes cracked.',
      source: 'feed',
    });
    expect(stub?.story.fingerprint).toBeUndefined();
    expect(stub?.story.wire).toBeUndefined();
  });
});
