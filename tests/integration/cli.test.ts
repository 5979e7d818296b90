// @vitest-environment node
/** The CLI as a user runs it: a child process, JSON lines on stdout, errors on stderr, exit codes. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_FILE } from '../../scripts/lib/serve';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TMP = mkdtempSync(path.join(os.tmpdir(), 'backstory-cli-'));

function cli(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'cli/main.ts', ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  const lines = r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code: r.status, lines, stderr: r.stderr };
}

const tmp = (name: string, content: string) => {
  const file = path.join(TMP, name);
  writeFileSync(file, content);
  return file;
};

describe('cli', () => {
  it('extract: reads the seed page with the given URL', () => {
    const { code, lines } = cli(
      'extract',
      SEED_FILE,
      '--url',
      'https://news.example/world/trump-north-korea-conflict-solved',
    );
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    const [page] = lines;
    expect(page).toMatchObject({
      id: 'article',
      isArticle: true,
      title: 'Trump Says U.S. Will “Get the Conflict Solved” With North Korea',
      canonicalUrl: 'https://news.example/world/trump-north-korea-conflict-solved',
      publisher: 'The Daily Ledger',
      lang: 'en',
    });
    expect(String(page!.publishedAt)).toMatch(/^2025-06-27/);
    expect(page!.articleBody).toMatch(/^U\.S\. President Donald Trump expressed optimism/);
    expect(page!.teasers).toHaveLength(17);
    expect(Object.keys(page!)).toEqual([
      'id',
      'file',
      'isArticle',
      'title',
      'canonicalUrl',
      'publishedAt',
      'modifiedAt',
      'authors',
      'publisher',
      'lang',
      'articleBody',
      'teasers',
    ]);
  });

  it('extract: reports a missing file and a non-HTML file, still reads the rest, exits non-zero', () => {
    const notHtml = tmp('notes.html', '\u0000\u0001binary');
    const list = tmp(
      'list.jsonl',
      [
        JSON.stringify({ id: 'seed', path: SEED_FILE, url: 'https://news.example/a' }),
        '{not json',
        JSON.stringify({ id: 'gone', path: path.join(TMP, 'missing.html') }),
        JSON.stringify({ id: 'bin', path: notHtml }),
      ].join('\n'),
    );
    const { code, lines, stderr } = cli('extract', '--batch', list);
    expect(code).toBe(1);
    expect(lines.map((l) => l.id)).toEqual(['seed']);
    expect(stderr).toMatch(/list\.jsonl:2: invalid JSON line/);
    expect(stderr).toMatch(/missing\.html: cannot read \(ENOENT\)/);
    expect(stderr).toMatch(/notes\.html: not an HTML file/);
  });

  it('link: relates the corpus stories of one thread and prints the contract fields', () => {
    const corpus = tmp(
      'corpus.jsonl',
      [
        {
          id: 'k1',
          title: 'Trump and Kim meet in Singapore',
          text: 'Donald Trump and Kim Jong Un met in Singapore on June 12, 2018, and signed a statement on the denuclearization of the Korean Peninsula. North Korea promised to work toward it.',
          publishedAt: '2018-06-12T10:00:00Z',
          publisher: 'A',
          url: 'https://a.example/1',
          lang: 'en',
        },
        {
          id: 'k2',
          title: 'Trump and Kim summit in Hanoi ends without a deal',
          text: 'The second summit between Donald Trump and Kim Jong Un in Hanoi ended without agreement on February 28, 2019. North Korea sought sanctions relief; denuclearization talks stalled.',
          publishedAt: '2019-02-28T10:00:00Z',
          publisher: 'B',
          url: 'https://b.example/2',
          lang: 'en',
        },
        {
          id: 'r1',
          title: 'Central bank cuts interest rates again',
          text: 'The European Central Bank in Frankfurt cut its deposit rate by a quarter point as inflation eased toward its target, its president Christine Lagarde said.',
          publishedAt: '2025-06-05T10:00:00Z',
          publisher: 'C',
          url: 'https://c.example/3',
          lang: 'en',
        },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    const { code, lines } = cli('link', corpus);
    expect(code).toBe(0);
    const byId = Object.fromEntries(lines.map((l) => [l.id, l]));
    expect(Object.keys(byId).sort()).toEqual(['k1', 'k2', 'r1']);
    expect(byId.k2!.related).toEqual(['k1']);
    expect(byId.k1!.thread).toBe(byId.k2!.thread);
    expect(byId.r1!.thread).not.toBe(byId.k1!.thread);
    expect(byId.r1!.related).toEqual([]);
    for (const l of lines) expect(Object.keys(l)).toEqual(['id', 'related', 'event', 'thread']);
  });

  it('timeline, entities and dates print the contract shapes', () => {
    const story = tmp(
      'story.jsonl',
      [
        {
          id: 'a',
          title: 'Dam fails',
          text: 'The dam failed on March 1, 2024.',
          publishedAt: '2024-03-02T08:00:00Z',
        },
        {
          id: 'b',
          title: 'Inquiry',
          text: 'Since the dam failed on March 1, 2024, the valley has flooded.',
          publishedAt: '2024-03-09T08:00:00Z',
        },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    const t = cli('timeline', story);
    expect(t.code).toBe(0);
    expect(t.lines[0]).toMatchObject({
      entries: expect.arrayContaining([expect.objectContaining({ date: '2024-03-01', sources: ['a', 'b'] })]),
    });

    const docs = tmp(
      'docs.jsonl',
      JSON.stringify({
        id: 'd1',
        text: 'Angela Merkel met Emmanuel Macron in Paris on Monday.',
        ref: '2019-05-15',
      }),
    );
    const e = cli('entities', '--batch', docs);
    expect(e.lines[0]!.entities).toEqual(
      expect.arrayContaining([
        { text: 'Angela Merkel', type: 'person', start: 0, end: 13 },
        { text: 'Paris', type: 'place', start: 37, end: 42 },
      ]),
    );
    const d = cli('dates', '--batch', docs);
    expect(d.lines[0]).toEqual({
      id: 'd1',
      dates: [{ text: 'on Monday', start: 43, end: 52, value: '2019-05-13' }],
    });
  });

  it('feed: prints one line per item of each feed', () => {
    const feeds = path.join(ROOT, 'tests/fixtures/feeds');
    const { code, lines, stderr } = cli('feed', path.join(feeds, 'rss2.xml'), path.join(feeds, 'feed.json'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(lines).toHaveLength(7);
    expect(lines[0]).toEqual({
      title: 'Dam inspection finds cracks in the spillway',
      url: 'https://dailyledger.example/world/2025/06/30/dam-inspection-cracks',
      publishedAt: '2025-06-30T09:15:00+02:00',
      summary: 'Engineers found three cracks in the spillway of the river dam. The valley road stays open.',
    });
    expect(lines[2]).toMatchObject({ title: 'Storm warning for the coast', publishedAt: null });
    for (const l of lines) expect(Object.keys(l)).toEqual(['title', 'url', 'publishedAt', 'summary']);
    const withUrl = cli(
      'feed',
      path.join(feeds, 'rss2.xml'),
      '--url',
      'https://feeds.dailyledger.example/w.xml',
    );
    expect(withUrl.lines[1]!.url).toBe(
      'https://feeds.dailyledger.example/world/2025/06/29/port-strike-talks-collapse',
    );
  });

  it('feed: reports a missing file, a broken feed and a page that is not a feed, still reads the rest, exits non-zero', () => {
    const feeds = path.join(ROOT, 'tests/fixtures/feeds');
    const { code, lines, stderr } = cli(
      'feed',
      path.join(TMP, 'missing.xml'),
      path.join(feeds, 'malformed.xml'),
      path.join(feeds, 'not-a-feed.html'),
      path.join(feeds, 'atom.xml'),
    );
    expect(code).toBe(1);
    expect(lines.map((l) => l.title)).toEqual([
      'Erosion eats the dunes & the path',
      'Ferry & bus tickets merge',
    ]);
    expect(stderr).toMatch(/missing\.xml: cannot read \(ENOENT\)/);
    expect(stderr).toMatch(
      /malformed\.xml: The document is not well-formed XML: <\/item> closes <title> \(line 9\)/,
    );
    expect(stderr).toMatch(/not-a-feed\.html: This is an HTML page, not a feed/);
    const none = cli('feed');
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/feed needs FILE/);
  });

  it('says how to use it on an unknown command', () => {
    const r = cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
    expect(r.stderr).toMatch(/Usage/);
  });
});
