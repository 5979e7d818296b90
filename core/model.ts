/**
 * Backstory's data model: plain JSON shapes shared by every context (content script, background, popup,
 * side panel, CLI). No imports, no DOM, no browser APIs. Dates are kept as the page wrote them (ISO 8601
 * with their offset); `*Ts` fields are epoch milliseconds derived from them for indexing and arithmetic.
 */

export type EntityType = 'person' | 'organization' | 'place';

/** A headline link the page shows to another article. */
export interface Teaser {
  title: string;
  /** Absolute http(s) URL. */
  url: string;
  /** Time shown next to the teaser, as written (ISO when the page gives a machine-readable one). */
  time?: string;
  image?: string;
}

/** What the content script (or the CLI) reads from one article on a page. */
export interface ExtractedArticle {
  /** Canonical URL (link rel=canonical, og:url, or the page URL without tracking parameters). */
  canonicalUrl: string;
  /** The URL the page was read from. */
  url: string;
  title: string;
  /** ISO 8601 as written by the page, offset kept (e.g. 2025-06-27T18:40:00Z, 2025-06-27T14:40:00-04:00, 2025-06-27). */
  publishedAt: string | null;
  modifiedAt: string | null;
  authors: string[];
  publisher: string | null;
  /** BCP 47 language tag, lower-case primary subtag at least (e.g. "en", "de", "en-gb"). */
  lang: string | null;
  section: string | null;
  image: string | null;
  description: string | null;
  /** Body text, one block (paragraph, heading, list item) per line. */
  text: string;
  /** True when only part of the article is visible (paywall, truncated). */
  partial?: boolean;
  /** A live blog's updates, oldest first (absent on other pages). `text` also holds them, in page order. */
  updates?: LiveUpdate[];
}

/** One timed update of a live blog. */
export interface LiveUpdate {
  /** As written by the page, ISO 8601 when it gives a machine-readable time (offset kept). */
  time: string;
  /** The update's headline and paragraphs, one block per line. */
  text: string;
}

/** The result of reading one page. */
export interface PageReading {
  url: string;
  isArticle: boolean;
  /** Why the page was (not) taken as an article: cheap signals for debugging and tests. */
  signals: string[];
  article: ExtractedArticle | null;
  teasers: Teaser[];
}

/** A named entity found in a text. Offsets are UTF-16 code units, end exclusive. */
export interface EntityMention {
  text: string;
  type: EntityType;
  start: number;
  end: number;
  /** Key that matches across articles and spellings: "person:kim jong un", "place:united states". */
  key: string;
}

/** A temporal expression found in a text, with its TIMEX3-style value ("2025-06-11", "2025-06", "2018", "2018-W23"). */
export interface DateMention {
  text: string;
  start: number;
  end: number;
  value: string;
}

/** An entity of one article, aggregated over its mentions. */
export interface ArticleEntity {
  key: string;
  name: string;
  type: EntityType;
  count: number;
  /** Offset of the first mention in the article text. */
  first: number;
  /** Descriptive words the text puts before the name ("North Korean leader"), when found. */
  role?: string;
}

/** A sentence of an article. Offsets into ExtractedArticle.text. */
export interface SentenceRef {
  text: string;
  start: number;
  end: number;
}

/** A sentence stating something at a date. */
export interface DatedSentence extends SentenceRef {
  /** TIMEX3-style value, precision as written: "2025-06-11", "2025-06", "2018". */
  date: string;
  /** For ranges ("between 2018 and 2019"): the end value. */
  dateEnd?: string;
  /** The temporal expression itself. */
  expression: string;
}

/** Everything the background derives from an article's text. Pure function of the article. */
export interface ArticleAnalysis {
  entities: ArticleEntity[];
  /** Salient terms (lower-case lemmas or entity keys), best first, with tf-idf-ready raw counts. */
  terms: { term: string; count: number }[];
  /** Sentences with a date in them, in text order. */
  dated: DatedSentence[];
  /** Sentences about the past (before the article's date, or with past cues like "earlier", "since"). */
  past: SentenceRef[];
}

export type LinkKind = 'event' | 'thread' | 'related';

/** Why two stories are linked: shown to the reader next to each related story. */
export interface LinkReasons {
  /** Display names of shared people, organisations and places, most salient first. */
  entities: string[];
  /** Shared salient terms. */
  terms: string[];
  /** Days between the two publication dates (absolute, rounded); null when a date is missing. */
  daysApart: number | null;
  /** Term cosine similarity, 0..1. */
  similarity: number;
}

export interface RelatedStory {
  storyId: number;
  score: number;
  kind: LinkKind;
  reasons: LinkReasons;
}

/** One row in the timeline the reader sees. */
export interface TimelineEntry {
  /** TIMEX3-style date: YYYY-MM-DD, YYYY-MM or YYYY. */
  date: string;
  dateEnd?: string;
  /** Human label true to precision, e.g. "June 11, 2025", "June 2025", "2018–2019". */
  label: string;
  text: string;
  kind: 'mention' | 'story';
  sources: TimelineSource[];
}

export interface TimelineSource {
  storyId: number;
  title: string;
  url: string;
  publisher: string | null;
  /** The sentence's offsets in that story's text (for mentions). */
  start?: number;
  end?: number;
  /** The story's URL with a text fragment (`#:~:text=…`) that scrolls to and highlights the sentence. */
  link?: string;
}

export interface StorySummary {
  id: number;
  url: string;
  title: string;
  publisher: string | null;
  publishedAt: string | null;
  lang: string | null;
}

/** An entity of the background block, with how the reader's stored stories cover it. */
export interface BackgroundEntity extends ArticleEntity {
  /** How many of the reader's stored stories mention it (this one included). */
  storyCount?: number;
  /** Earliest publication date among those stories, as written ("2018-06-12T…", "2018-06-12"). */
  since?: string | null;
}

export interface BackgroundBlock {
  people: BackgroundEntity[];
  organizations: BackgroundEntity[];
  places: BackgroundEntity[];
  /** The article's own sentences about the past. */
  past: SentenceRef[];
}

export interface RelatedItem extends StorySummary {
  score: number;
  kind: LinkKind;
  reasons: LinkReasons;
  /** The same wire text published by other outlets, shown as one item (core/context/wire-copies.ts). */
  copies?: StorySummary[];
}

/** A change of an article seen when the same URL was read again with another title or text. */
export interface StoryRevision {
  /** When the changed version was seen (epoch ms). */
  seenTs: number;
  /** When the previous version was last seen (epoch ms). */
  previousSeenTs: number;
  previousTitle: string;
  /** textHash (core/context/revisions.ts) of the previous version's text. */
  previousTextHash: string;
  /** The new title when it changed. */
  title?: string;
  /** Paragraphs added and removed, in text order (bounded: see addedCount / removedCount for the totals). */
  added: string[];
  removed: string[];
  addedCount: number;
  removedCount: number;
}

/** What is new for the reader in this story's thread since they last read it. Times are epoch ms. */
export interface SinceLastRead {
  /** This visit to the article. */
  visitTs: number;
  /** The reader's previous visit to this article; null on a first read. */
  lastReadTs: number | null;
  /** The reader's last visit to any story of the thread before this visit; null when none. */
  lastThreadVisitTs: number | null;
  /** Other stories of the thread the reader read before this visit, most recent first, with their last read. */
  readBefore: { story: StorySummary; lastReadTs: number }[];
  /** Stories of the thread that arrived after the reader's last visit to the thread, newest first. */
  newSince: { story: StorySummary; arrivedTs: number }[];
  /** Changes to this article since the reader last read it, oldest first. */
  changes: StoryRevision[];
}

/** The context shown in the popup and side panel for one article. */
export interface StoryContext {
  story: StorySummary;
  eventId: string;
  threadId: string;
  background: BackgroundBlock;
  timeline: TimelineEntry[];
  related: RelatedItem[];
  /** The article's own text published by other outlets (wire copies), not listed among the related stories. */
  copies?: StorySummary[];
  /** Absent from older callers and when nothing is known about earlier visits. */
  sinceLastRead?: SinceLastRead;
  /** Encyclopedia cards of the background's entities, when the reader turned cards on (by entity key). */
  cards?: Record<string, EncyclopediaCard>;
}

/** An entity the search found, with how many of the reader's stories mention it. */
export interface EntitySearchHit {
  key: string;
  name: string;
  type: EntityType;
  count: number;
}

/** What the search box shows: the reader's stories and entities matching a query. */
export interface SearchResults {
  stories: StorySummary[];
  entities: EntitySearchHit[];
}

/** An encyclopedia summary of an entity (opt-in cards): text only, with the page it came from. */
export interface EncyclopediaCard {
  entityKey: string;
  /** The Wikipedia language it came from ("en", "de"). */
  lang: string;
  title: string;
  /** Plain text, bounded. */
  summary: string;
  /** The encyclopedia page (http(s)). */
  url: string;
  /** When it was fetched (epoch ms). */
  fetchedTs: number;
  /** True when it is past its expiry and could not be refreshed (offline, unreachable): shown as such. */
  stale: boolean;
}

/** The encyclopedia cards setting as the options page shows it. */
export interface CardSettings {
  /** The reader turned cards on (off by default). */
  enabled: boolean;
  /** The browser granted access to Wikipedia and Wikidata. Nothing is requested without it. */
  permission: boolean;
  /** Cards kept on the device. */
  cached: number;
}

/** An entity a look-up found: who or what it is in the reader's stories. */
export interface LookupEntity extends EntitySearchHit {
  /** Other spellings seen. */
  aliases: string[];
  /** Descriptive words the stories put before the name ("North Korean leader"), most frequent first. */
  roles: string[];
  card?: EncyclopediaCard;
}

/** What a look-up of a selected name or phrase shows: matching entities, their stories and a timeline. */
export interface LookupResult {
  query: string;
  entities: LookupEntity[];
  /** Newest first. */
  stories: StorySummary[];
  /** Dated sentences of those stories about the match, and the stories' own days. */
  timeline: TimelineEntry[];
}

/** What the popup / side panel shows for a tab. */
export type TabView =
  | { state: 'unsupported'; url: string | null }
  | { state: 'not-article'; url: string }
  /** No article was read on the page, and its content script could not be asked (no user gesture). */
  | { state: 'unread'; url: string }
  /** The reader paused Backstory on this site (`site`: host name without www.). */
  | { state: 'paused'; url: string; site: string }
  | { state: 'analysing'; url: string }
  | { state: 'ready'; url: string; context: StoryContext }
  | { state: 'error'; url: string | null; message: string };
