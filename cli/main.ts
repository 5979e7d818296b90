/**
 * Backstory's command line: the extension's own code run in Node (linkedom as the DOM, the same Dexie schema
 * on fake-indexeddb). It is how the product is measured and debugged.
 *
 *   extract FILE... [--url URL]        one JSON line per page
 *   extract --batch LIST.jsonl         lines {"id","path","url"}
 *   link CORPUS.jsonl                  lines {"id","title","text","publishedAt","publisher","url","lang"}
 *   timeline CORPUS.jsonl              the lines are one story
 *   entities --batch DOCS.jsonl        lines {"id","text"}
 *   dates --batch DOCS.jsonl           lines {"id","text","ref"}
 *   feed FILE... [--url URL]           one JSON line per feed item (RSS, Atom, JSON Feed)
 *
 * Bad input (a missing file, a non-HTML file, a broken feed, an invalid JSON line) is reported on stderr, the
 * rest is still processed, and the exit code is 1 at the end.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { buildStoryTimeline } from '@/core/context/story-timeline';
import { FeedError, parseFeed } from '@/core/feeds/parse';
import { leanHtml } from '@/core/html/lean';
import { datedSentences } from '@/core/nlp/analyze';
import { extractDates } from '@/core/nlp/dates';
import { extractEntities } from '@/core/nlp/entities';
import { BackstoryDB } from '@/lib/db/schema';
import { type CorpusLine, linkCorpus } from '@/lib/link-corpus';
import { readPageHtml } from '@/page/read-html';
import { InputError, readBytes, readHtml, readJsonl } from './io';

const USAGE = `Usage: npm run -s cli -- <command> ...
  extract FILE... [--url URL]     read article pages (.html or .html.gz)
  extract --batch LIST.jsonl      lines {"id","path","url"}
  link CORPUS.jsonl               link articles into events and threads
  timeline CORPUS.jsonl           timeline of one story
  entities --batch DOCS.jsonl     people, organisations, places
  dates --batch DOCS.jsonl        temporal expressions (lines {"id","text","ref"})
  feed FILE... [--url URL]        feed items (RSS, Atom, JSON Feed); --url resolves relative links`;

let failed = false;
function fail(message: string): void {
  failed = true;
  process.stderr.write(`backstory: ${message}\n`);
}
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

function takeOption(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new InputError(`${name} needs a value`);
  args.splice(i, 2);
  return value;
}

function extractOne(id: string, file: string, url: string | undefined): void {
  let html: string;
  try {
    html = readHtml(file);
  } catch (e) {
    fail((e as Error).message);
    return;
  }
  // Without scripts, styles and comments, as the content script sends a page (page/capture.ts).
  const reading = readPageHtml(leanHtml(html), url ?? `file://${file}`);
  const a = reading.article;
  print({
    id,
    file,
    isArticle: reading.isArticle,
    title: a?.title ?? null,
    canonicalUrl: a?.canonicalUrl ?? null,
    publishedAt: a?.publishedAt ?? null,
    modifiedAt: a?.modifiedAt ?? null,
    authors: a?.authors ?? [],
    publisher: a?.publisher ?? null,
    lang: a?.lang ?? null,
    articleBody: a?.text ?? '',
    teasers: reading.teasers.map((t) => ({ title: t.title, url: t.url })),
  });
}

function cmdExtract(args: string[]): void {
  const batch = takeOption(args, '--batch');
  const url = takeOption(args, '--url');
  if (batch) {
    for (const line of readJsonl<{ id?: string; path?: string; url?: string }>(batch, fail)) {
      if (typeof line.path !== 'string') {
        fail(`${batch}: line ${JSON.stringify(line.id ?? null)} has no "path"`);
        continue;
      }
      extractOne(
        String(line.id ?? line.path),
        line.path,
        typeof line.url === 'string' ? line.url : undefined,
      );
    }
    return;
  }
  if (!args.length) throw new InputError('extract needs FILE... or --batch LIST.jsonl');
  if (url && args.length > 1) throw new InputError('--url goes with a single FILE');
  for (const file of args) extractOne(file.replace(/^.*\//, '').replace(/\.html?(\.gz)?$/, ''), file, url);
}

function readCorpus(file: string): CorpusLine[] {
  return readJsonl<CorpusLine>(file, fail).filter((l) => {
    if (typeof l.id !== 'string' && typeof l.id !== 'number') {
      fail(`${file}: a line has no "id"`);
      return false;
    }
    l.id = String(l.id);
    return true;
  });
}

async function cmdLink(args: string[]): Promise<void> {
  const file = args[0];
  if (!file) throw new InputError('link needs CORPUS.jsonl');
  const db = new BackstoryDB(`cli-${process.pid}-${Date.now()}`, { indexedDB, IDBKeyRange });
  for (const line of await linkCorpus(db, readCorpus(file))) print(line);
  await db.delete();
}

function cmdTimeline(args: string[]): void {
  const file = args[0];
  if (!file) throw new InputError('timeline needs CORPUS.jsonl');
  const docs = readCorpus(file).map((l) => ({
    id: l.id,
    title: l.title ?? '',
    publishedAt: l.publishedAt ?? null,
    dated: datedSentences({ text: l.text ?? '', publishedAt: l.publishedAt ?? null, lang: l.lang ?? null }),
  }));
  print({ entries: buildStoryTimeline(docs) });
}

function cmdEntities(args: string[]): void {
  const batch = takeOption(args, '--batch');
  if (!batch) throw new InputError('entities needs --batch DOCS.jsonl');
  for (const d of readJsonl<{ id?: unknown; text?: unknown }>(batch, fail)) {
    if (typeof d.text !== 'string') {
      fail(`${batch}: line ${JSON.stringify(d.id ?? null)} has no "text"`);
      continue;
    }
    print({
      id: d.id,
      entities: extractEntities(d.text).map(({ text, type, start, end }) => ({ text, type, start, end })),
    });
  }
}

function cmdDates(args: string[]): void {
  const batch = takeOption(args, '--batch');
  if (!batch) throw new InputError('dates needs --batch DOCS.jsonl');
  for (const d of readJsonl<{ id?: unknown; text?: unknown; ref?: unknown }>(batch, fail)) {
    if (typeof d.text !== 'string') {
      fail(`${batch}: line ${JSON.stringify(d.id ?? null)} has no "text"`);
      continue;
    }
    const ref = typeof d.ref === 'string' ? d.ref : new Date().toISOString().slice(0, 10);
    print({
      id: d.id,
      dates: extractDates(d.text, ref).map(({ text, start, end, value }) => ({ text, start, end, value })),
    });
  }
}

function cmdFeed(args: string[]): void {
  const url = takeOption(args, '--url');
  if (!args.length) throw new InputError('feed needs FILE...');
  if (url && args.length > 1) throw new InputError('--url goes with a single FILE');
  for (const file of args) {
    try {
      for (const item of parseFeed(readBytes(file), { url }).items) {
        print({
          title: item.title,
          url: item.url,
          publishedAt: item.publishedAt ?? null,
          summary: item.summary ?? null,
        });
      }
    } catch (e) {
      if (!(e instanceof InputError || e instanceof FeedError)) throw e;
      fail(e instanceof FeedError ? `${file}: ${e.message}` : e.message);
    }
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'extract':
        cmdExtract(args);
        break;
      case 'link':
        await cmdLink(args);
        break;
      case 'timeline':
        cmdTimeline(args);
        break;
      case 'entities':
        cmdEntities(args);
        break;
      case 'dates':
        cmdDates(args);
        break;
      case 'feed':
        cmdFeed(args);
        break;
      case undefined:
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        fail(`unknown command "${command}"\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    fail(e instanceof InputError ? e.message : ((e as Error).stack ?? String(e)));
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
