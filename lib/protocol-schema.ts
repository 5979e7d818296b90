/**
 * The shape and size of every message the background accepts: one valibot schema per ProtocolMap entry
 * (lib/messaging.ts). `onMessage` checks a message against its schema before the handler runs, so handlers
 * only ever see well-formed, bounded payloads. The building blocks (web URLs, bounded strings) are shared with
 * the import of an export file (lib/db/import.ts).
 */
import * as v from 'valibot';
import { isBackfillTemplate } from '@/core/feeds/backfill';
import type { MessageData, MessageType } from '@/lib/messaging';

/** Size limits, in characters (strings) or items (arrays). */
export const LIMITS = {
  /** A captured page's HTML (the content script cuts its capture at 2,000,000: page/capture.ts). */
  html: 5_000_000,
  /** One part of a capture sent in parts (lib/content-messaging.ts sends at most 250,000), and parts of one. */
  capturePart: 300_000,
  captureParts: 40,
  /** An article's body text, and any text taken from it (sentences, revision paragraphs). */
  text: 5_000_000,
  /** A URL. */
  url: 65_536,
  /** A title, name, author, section, term, key or short label. */
  line: 20_000,
  /** A description or a live update's text. */
  paragraph: 100_000,
  /** A search query. */
  query: 1_000,
  /** Detection signals of one reading, and the characters of each. */
  signals: 200,
  signal: 1_000,
  /** Authors of one article. */
  authors: 200,
  /** Headline links of one page (page/teasers.ts finds at most 100, infinite-scroll pages add their own). */
  teasers: 1_000,
  /** Headline links of one page asked about for in-page badges (the content script sends at most 150). */
  badgeLinks: 500,
  /** Live-blog updates of one page. */
  updates: 5_000,
  /** An export file sent to the background for import (Chrome refuses messages above 64 MiB). */
  importChars: 60_000_000,
  /** An OPML file (core/feeds/opml.ts refuses more than 5 MB). */
  opmlChars: 5_300_000,
} as const;

// The builders below are marked free of side effects so that a bundle using only `sendMessage` (the content
// script, the popup) drops every schema: only the background's `onMessage` needs them.

/** 5,000,000: a limit as the messages write it. */
/* @__NO_SIDE_EFFECTS__ */
export function thousands(n: number): string {
  return n.toLocaleString('en-US');
}

/** A string of at most `max` characters. */
/* @__NO_SIDE_EFFECTS__ */
export function boundedString(max: number, what = 'text') {
  return v.pipe(v.string(), v.maxLength(max, `${what} longer than ${thousands(max)} characters`));
}

export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** An absolute http(s) URL. */
/* @__NO_SIDE_EFFECTS__ */
export function httpUrl() {
  return v.pipe(
    v.string('expected a URL'),
    v.maxLength(LIMITS.url, `URL longer than ${thousands(LIMITS.url)} characters`),
    v.check(isHttpUrl, 'not an http(s) URL'),
  );
}

/** An array of at most `max` items. */
/* @__NO_SIDE_EFFECTS__ */
export function boundedArray<T extends v.GenericSchema>(item: T, max: number, what = 'items') {
  return v.pipe(v.array(item), v.maxLength(max, `more than ${thousands(max)} ${what}`));
}

/** The fields of a headline link (core/model.ts Teaser), also those of a stored teaser (lib/db/import.ts). */
/* @__NO_SIDE_EFFECTS__ */
export function teaserEntries() {
  return {
    title: boundedString(LIMITS.line, 'title'),
    url: httpUrl(),
    time: v.optional(boundedString(LIMITS.line, 'time')),
    image: v.optional(httpUrl()),
  };
}

/** What the content script (or the CLI) reads from a page: core/model.ts PageReading, bounded. */
/* @__NO_SIDE_EFFECTS__ */
export function pageReadingSchema() {
  const nullableLine = v.nullable(boundedString(LIMITS.line));
  const article = v.object({
    canonicalUrl: httpUrl(),
    url: httpUrl(),
    title: boundedString(LIMITS.line, 'title'),
    publishedAt: nullableLine,
    modifiedAt: nullableLine,
    authors: boundedArray(boundedString(LIMITS.line, 'author'), LIMITS.authors, 'authors'),
    publisher: nullableLine,
    lang: nullableLine,
    section: nullableLine,
    image: v.nullable(httpUrl()),
    description: v.nullable(boundedString(LIMITS.paragraph, 'description')),
    text: boundedString(LIMITS.text, 'article text'),
    partial: v.optional(v.boolean()),
    updates: v.optional(
      boundedArray(
        v.object({
          time: boundedString(LIMITS.line, 'time'),
          text: boundedString(LIMITS.paragraph, 'update'),
        }),
        LIMITS.updates,
        'live updates',
      ),
    ),
  });
  return v.object(
    {
      url: httpUrl(),
      isArticle: v.boolean(),
      signals: boundedArray(boundedString(LIMITS.signal, 'signal'), LIMITS.signals, 'signals'),
      article: v.nullable(article),
      teasers: boundedArray(v.object(teaserEntries()), LIMITS.teasers, 'teasers'),
    },
    'expected a page reading {url, isArticle, signals, article, teasers}',
  );
}

type ProtocolSchemas = { [K in MessageType]: v.GenericSchema<unknown, MessageData<K>> };

/**
 * The retention policy's bounds, the same as RETENTION_LIMITS in lib/feeds/retention.ts (not imported: this
 * module stays free of Dexie; tests/unit/lib/retention-policy.test.ts checks that they agree).
 */
/* @__NO_SIDE_EFFECTS__ */
function wholeNumber(min: number, max: number, what: string) {
  const range = `expected a whole number of ${what} from ${thousands(min)} to ${thousands(max)}`;
  return v.pipe(v.number(range), v.integer(range), v.minValue(min, range), v.maxValue(max, range));
}

/** The feeds' and follows' messages (lib/background/feed-handlers.ts). */
/* @__NO_SIDE_EFFECTS__ */
function feedSchemas(empty: () => v.GenericSchema<unknown, Record<string, never>>) {
  const threadId = boundedString(200, 'thread id');
  return {
    listFeeds: empty(),
    addFeed: v.object(
      { url: httpUrl(), title: v.optional(boundedString(LIMITS.line, 'title')) },
      'expected {url, title?}',
    ),
    removeFeed: v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1)) }, 'expected {id}'),
    importOpml: v.object(
      {
        text: v.pipe(
          v.string('expected the file as text'),
          v.maxLength(LIMITS.opmlChars, 'OPML file too large'),
        ),
      },
      'expected {text}',
    ),
    exportOpml: empty(),
    setFeedsEnabled: v.object({ enabled: v.boolean() }, 'expected {enabled}'),
    pollFeeds: empty(),
    getFollow: v.object({ threadId }, 'expected {threadId}'),
    followThread: v.object(
      { threadId, title: boundedString(LIMITS.line, 'title') },
      'expected {threadId, title}',
    ),
    unfollowThread: v.object({ threadId }, 'expected {threadId}'),
    listFollows: empty(),
    getPageFeeds: v.object({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }, 'expected {tabId}'),
    followPageFeed: v.object(
      {
        url: httpUrl(),
        title: v.optional(boundedString(LIMITS.line, 'title')),
        siteUrl: v.optional(httpUrl()),
      },
      'expected {url, title?, siteUrl?}',
    ),
    getBackfillSettings: empty(),
    setBackfillSettings: v.object(
      {
        enabled: v.boolean('expected enabled: true or false'),
        urlTemplate: v.optional(
          v.nullable(
            v.pipe(
              boundedString(2_000, 'address'),
              v.check(isBackfillTemplate, 'expected an http(s) address with {query}'),
            ),
          ),
        ),
      },
      'expected {enabled, urlTemplate?}',
    ),
    findMoreCoverage: v.object(
      { storyId: v.pipe(v.number(), v.integer(), v.minValue(1)) },
      'expected {storyId}',
    ),
    getRetention: empty(),
    setRetention: v.object(
      {
        stubMaxAgeDays: wholeNumber(1, 3650, 'days'),
        maxStories: wholeNumber(500, 1_000_000, 'stories'),
      },
      'expected {stubMaxAgeDays, maxStories}',
    ),
  } satisfies Partial<ProtocolSchemas>;
}
let schemas: ProtocolSchemas | undefined;

/** One schema per message; the output type is exactly what the handler receives. Built on first use. */
export function protocolSchemas(): ProtocolSchemas {
  /** No payload: `{}`. */
  const empty = () =>
    v.pipe(
      v.custom<object>(
        (data) => typeof data === 'object' && data !== null && !Array.isArray(data),
        'expected {}',
      ),
      v.strictObject({}, 'expected {}, with no keys'),
    );
  schemas ??= {
    pageRead: pageReadingSchema(),
    pageCaptured: v.object(
      {
        url: httpUrl(),
        html: v.pipe(
          v.string('expected the page HTML'),
          v.maxLength(LIMITS.html, `page too large (over ${thousands(LIMITS.html)} characters)`),
        ),
      },
      'expected {url, html}',
    ),
    pageCapturedPart: v.object(
      {
        url: httpUrl(),
        upload: v.pipe(
          v.string('expected the upload id'),
          v.regex(/^[\w-]{1,64}$/, 'expected an upload id of letters, digits and dashes'),
        ),
        index: v.pipe(
          v.number('expected the part index'),
          v.integer(),
          v.minValue(0),
          v.maxValue(LIMITS.captureParts - 1, `more than ${LIMITS.captureParts} parts`),
        ),
        last: v.boolean('expected last: true or false'),
        html: v.pipe(
          v.string('expected the part HTML'),
          v.maxLength(
            LIMITS.capturePart,
            `part too large (over ${thousands(LIMITS.capturePart)} characters)`,
          ),
        ),
      },
      'expected {url, upload, index, last, html}',
    ),
    getTabView: v.object({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }, 'expected {tabId}'),
    knownTeasers: v.object(
      {
        pageUrl: httpUrl(),
        urls: boundedArray(httpUrl(), LIMITS.badgeLinks, 'links'),
      },
      'expected {pageUrl, urls}',
    ),
    setSitePaused: v.object(
      {
        site: v.pipe(
          v.string('expected a site'),
          v.regex(/^[a-z0-9.-]{1,253}$/i, 'expected a host name such as news.example'),
        ),
        paused: v.boolean('expected paused: true or false'),
      },
      'expected {site, paused}',
    ),
    search: v.object({ query: boundedString(LIMITS.query, 'query') }, 'expected {query}'),
    lookup: v.object({ query: boundedString(LIMITS.query, 'query') }, 'expected {query}'),
    openLookup: v.object(
      {
        query: boundedString(LIMITS.query, 'query'),
        tabId: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
      },
      'expected {query, tabId?}',
    ),
    getCardSettings: empty(),
    setCardSettings: v.object({ enabled: v.boolean() }, 'expected {enabled}'),
    exportData: empty(),
    importData: v.object(
      {
        text: v.pipe(
          v.string('expected the file as text'),
          v.maxLength(
            LIMITS.importChars,
            `file too large (over ${thousands(LIMITS.importChars)} characters)`,
          ),
        ),
      },
      'expected {text}',
    ),
    clearData: empty(),
    getStats: empty(),
    ...feedSchemas(empty),
  };
  return schemas;
}

/** "where: what" for the first few issues, e.g. `teasers[3].url: not an http(s) URL`. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[], max = 3): string {
  const parts = issues.slice(0, max).map((issue) => {
    const path = (issue.path ?? [])
      .map((item) => (typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`))
      .join('')
      .replace(/^\./, '');
    const message = issue.message.startsWith('Invalid key:') ? 'missing' : issue.message;
    return path ? `${path}: ${message}` : message;
  });
  const more = issues.length > max ? ` (and ${issues.length - max} more)` : '';
  return parts.join('; ') + more;
}

export type ValidationResult<K extends MessageType> =
  | { ok: true; data: MessageData<K> }
  | { ok: false; error: string };

/** Checks a message's payload against its schema; the error names the message and what is wrong. */
export function validatePayload<K extends MessageType>(type: K, data: unknown): ValidationResult<K> {
  const result = v.safeParse(protocolSchemas()[type], data);
  if (result.success) return { ok: true, data: result.output };
  return { ok: false, error: `${type}: invalid message: ${describeIssues(result.issues)}` };
}
