// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { type BadgeStory, teaserBadge, urlVariants } from '@/core/badges/teaser-badges';

const DAY = 86_400_000;
const story = (id: number, day: number, read: boolean, extra: Partial<BadgeStory> = {}): BadgeStory => ({
  id,
  threadId: 'th-1',
  publishedTs: day * DAY,
  lastSeenTs: (day + 1) * DAY,
  read,
  ...extra,
});

describe('teaserBadge', () => {
  const thread = [story(1, 10, true), story(2, 12, true), story(3, 14, true)];

  it('counts the earlier parts the reader read of an unread story published before the last read', () => {
    // Published on day 13, the reader last read the thread on day 15.
    const headline = story(9, 13, false);
    expect(teaserBadge(headline, [...thread, headline])).toEqual({ kind: 'earlier', count: 2 });
  });

  it('says "new" for a story published after the reader last read its thread', () => {
    const headline = story(9, 20, false);
    expect(teaserBadge(headline, [...thread, headline])).toEqual({ kind: 'new', earlier: 3 });
  });

  it('says "read" for a story the reader opened, with the earlier parts', () => {
    expect(teaserBadge(thread[2]!, thread)).toEqual({ kind: 'read', earlier: 2 });
    expect(teaserBadge(thread[0]!, thread)).toEqual({ kind: 'read', earlier: 0 });
  });

  it('says nothing for a headline of a thread the reader never read', () => {
    const headline = story(9, 20, false);
    expect(teaserBadge(headline, [headline, story(8, 19, false)])).toBeNull();
  });

  it('ignores stories of other threads and the story itself', () => {
    const headline = story(9, 13, false);
    const other = story(4, 1, true, { threadId: 'th-2' });
    expect(teaserBadge(headline, [other, headline])).toBeNull();
  });

  it('says nothing for an unread story older than every read part', () => {
    const headline = story(9, 5, false);
    expect(teaserBadge(headline, thread)).toBeNull();
  });
});

describe('urlVariants', () => {
  it('drops the fragment and tracking parameters and tries both schemes and trailing slashes', () => {
    const v = urlVariants('https://news.example/world/a-story?utm_source=x#top');
    expect(v[0]).toBe('https://news.example/world/a-story');
    expect(v).toContain('https://news.example/world/a-story/');
    expect(v).toContain('http://news.example/world/a-story');
    expect(v).toContain('http://news.example/world/a-story/');
  });

  it('keeps parameters that select content', () => {
    expect(urlVariants('https://news.example/article?id=42&utm_medium=y')[0]).toBe(
      'https://news.example/article?id=42',
    );
  });

  it('refuses what is not http(s)', () => {
    expect(urlVariants('javascript:alert(1)')).toEqual([]);
    expect(urlVariants('not a url')).toEqual([]);
  });
});
