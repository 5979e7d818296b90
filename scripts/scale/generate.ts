/**
 * A seeded generator of a synthetic news reader's history, for the scale benchmark (`npm run bench -- scale`).
 * Nothing in it is copied from a data set: every word is built from syllables, every name from the same
 * syllables, and the only real English words are the function words and a few verbs that carry the sentences.
 *
 * The model (all draws from one mulberry32 stream per seed, so the same seed gives the same stories):
 *
 * - **Vocabulary**: VOCABULARY synthetic content words; a word's frequency follows Zipf's law (rank^-1.07),
 *   so a few words are everywhere and most are rare, as in news text.
 * - **Entities**: people, organisations and places with Zipf popularity (rank^-1.1): a handful of names are in
 *   a large share of the stories (the heavy tail of a news diet), most are named a few times.
 * - **Threads** (long-running stories): each has a topic (8 content words of middle frequency), 3–4 core
 *   entities and a planned number of events drawn from Zipf(1.25) over 1–MAX_THREAD_EVENTS, so thread sizes
 *   are heavy-tailed: most threads are one or two events, a few run to hundreds of stories. A new event starts
 *   a new thread with probability NEW_THREAD, otherwise it continues a running thread (the longest planned of three
 *   drawn at random). A
 *   thread starts on a day drawn uniformly over `days` (3 years by default) and its events follow at
 *   exponential gaps whose mean shrinks with its length (a war is covered daily, a local dispute monthly).
 * - **Events** (one happening): 1–12 stories (Zipf) by different publishers within 2 days, sharing 3 event words,
 *   a number and 0–2 extra entities besides the thread's.
 * - **Stories**: a title of 6–12 words and a feed summary of 1–2 sentences (25–45 words) mixing the thread's topic,
 *   the event's words and names, and Zipf background words. A share `readShare` (6% by default) are articles the
 *   reader opened: they have a full text of 5–10 paragraphs with dated references ("on March 3", "in 2023").
 *   The rest are feed-like stubs: the summary is their only text.
 *
 * The plan (dates, threads, events, publishers) is drawn first for all n stories and sorted by publication
 * time; each story's words are then drawn from its own seeded stream, so `story(i)` is cheap, deterministic and
 * independent of the others (the benchmark renders stories one at a time and never holds the corpus).
 */

export interface ScaleOptions {
  n: number;
  seed?: number;
  /** First publication day (UTC, ISO date). */
  start?: string;
  /** Days covered. */
  days?: number;
  /** Share of stories the reader opened (full text); the rest are feed stubs. */
  readShare?: number;
}

export type EntityKind = 'person' | 'organization' | 'place';

export interface GeneratedEntity {
  /** As the analysis keys it: "<type>:<lower-case name>". */
  key: string;
  name: string;
  type: EntityKind;
}

export interface GeneratedStory {
  /** 0-based, in publication order. */
  index: number;
  url: string;
  title: string;
  /** The feed summary (every story has one). */
  summary: string;
  /** Full text for an article the reader opened, '' for a feed stub. */
  text: string;
  read: boolean;
  publishedAt: string;
  publishedTs: number;
  publisher: string;
  lang: 'en';
  threadId: number;
  eventId: number;
  /** Entities named in the title, summary and text, with how often. */
  entities: (GeneratedEntity & { count: number })[];
}

export const VOCABULARY = 30_000;
export const PEOPLE = 12_000;
export const ORGANIZATIONS = 4_000;
export const PLACES = 3_000;
export const PUBLISHERS = 80;
export const NEW_THREAD = 0.2;
/** The longest thread, in events. */
export const MAX_THREAD_EVENTS = 600;
const DAY = 86_400_000;

/** mulberry32: a small, fast, well-mixed 32-bit PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A sampler of ranks 0..n-1 with P(rank r) ∝ (r+1)^-s (cumulative table + binary search). */
export function zipf(n: number, s: number): (r: () => number) => number {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += (i + 1) ** -s;
    cdf[i] = total;
  }
  return (r) => {
    const x = r() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const ONSETS = [
  'b',
  'br',
  'c',
  'd',
  'dr',
  'f',
  'g',
  'gr',
  'h',
  'k',
  'kr',
  'l',
  'm',
  'n',
  'p',
  'pr',
  'r',
  's',
];
const ONSETS2 = [...ONSETS, 'st', 't', 'tr', 'v', 'z', 'sh', 'th', 'pl', 'bl', 'w'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'o', 'ai', 'ea', 'ou', 'y'];
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 't', 'm', 'nd', 'rt', 'st', 'x', 'k', 'v'];

function syllables(r: () => number, count: number): string {
  let w = '';
  for (let i = 0; i < count; i++) {
    w += ONSETS2[Math.floor(r() * ONSETS2.length)]! + VOWELS[Math.floor(r() * VOWELS.length)]!;
  }
  return w + CODAS[Math.floor(r() * CODAS.length)]!;
}

/** `count` distinct synthetic words of 3+ letters; shorter words (more syllables later) for frequent ranks. */
function wordList(r: () => number, count: number, avoid: Set<string>): string[] {
  const out: string[] = [];
  const seen = new Set(avoid);
  while (out.length < count) {
    const n = 1 + (out.length > 300 ? 1 : 0) + (out.length > 5000 ? (r() < 0.5 ? 1 : 0) : 0);
    const w = syllables(r, n);
    if (w.length < 3 || seen.has(w)) continue;
    seen.add(w);
    out.push(w);
  }
  return out;
}

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** Function words and sentence verbs: the glue of the sentences (real English, not from any data set). */
const GLUE = {
  verbs: [
    'said',
    'announced',
    'warned',
    'rejected',
    'approved',
    'delayed',
    'backed',
    'criticised',
    'confirmed',
  ],
  titleVerbs: [
    'backs',
    'rejects',
    'delays',
    'warns over',
    'approves',
    'weighs',
    'faces',
    'announces',
    'ends',
  ],
  joins: ['the', 'of', 'the', 'in', 'for', 'on', 'and', 'with', 'after', 'over', 'a', 'to', 'by', 'from'],
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  months: [
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
  ],
  orgSuffix: [
    'Ministry',
    'Group',
    'Council',
    'Agency',
    'Party',
    'Bank',
    'Union',
    'Institute',
    'Court',
    'Holdings',
  ],
  placeSuffix: ['', '', '', 'ia', 'burg', 'ton', 'ville', 'stad', 'mar', 'polis'],
  roles: [
    'Minister',
    'President',
    'spokeswoman',
    'spokesman',
    'chief executive',
    'Senator',
    'Governor',
    'judge',
  ],
  sections: ['world', 'politics', 'business', 'science', 'local', 'climate', 'health', 'tech'],
};

interface Thread {
  topic: number[];
  core: number[];
  events: number;
  /** Events the thread will have (Zipf, 1–MAX_THREAD_EVENTS). */
  planned: number;
  gapDays: number;
  lastTs: number;
}

interface PlannedStory {
  ts: number;
  thread: number;
  event: number;
  publisher: number;
  read: boolean;
}

interface EventPlan {
  words: number[];
  number: number;
  extra: number[];
}

/** Global entity ids: people first, then organisations, then places. */
function entityType(id: number): EntityKind {
  return id < PEOPLE ? 'person' : id < PEOPLE + ORGANIZATIONS ? 'organization' : 'place';
}

export interface Corpus {
  n: number;
  seed: number;
  vocabulary: readonly string[];
  entities: readonly GeneratedEntity[];
  publishers: readonly { name: string; domain: string }[];
  threads: number;
  events: number;
  /** The story at publication rank i (0 ≤ i < n). */
  story(i: number): GeneratedStory;
}

/** Builds the plan of `n` stories (fast: no text yet) and returns the corpus; texts are drawn by `story(i)`. */
export function generateCorpus(options: ScaleOptions): Corpus {
  const { n } = options;
  const seed = options.seed ?? 20_261_124;
  const start = Date.parse(`${options.start ?? '2023-01-01'}T00:00:00Z`);
  const days = options.days ?? 3 * 365;
  const readShare = options.readShare ?? 0.06;
  const r = rng(seed);

  const glue = new Set([...GLUE.joins, ...GLUE.verbs.flatMap((v) => v.split(' '))]);
  const vocabulary = wordList(r, VOCABULARY, glue);
  const nameParts = wordList(r, 9000, new Set(vocabulary)).map(cap);
  const part = (i: number) => nameParts[i % nameParts.length]!;
  const entities: GeneratedEntity[] = [];
  const names = new Set<string>();
  const addEntity = (type: EntityKind, name: string) => {
    let unique = name;
    for (let k = 2; names.has(unique); k++) unique = `${name} ${part(k * 7919 + entities.length)}`;
    names.add(unique);
    entities.push({ key: `${type}:${unique.toLowerCase()}`, name: unique, type });
  };
  for (let i = 0; i < PEOPLE; i++) addEntity('person', `${part(Math.floor(r() * 1500))} ${part(1500 + i)}`);
  for (let i = 0; i < ORGANIZATIONS; i++) {
    addEntity('organization', `${part(3000 + i)} ${GLUE.orgSuffix[Math.floor(r() * GLUE.orgSuffix.length)]}`);
  }
  for (let i = 0; i < PLACES; i++) {
    addEntity('place', part(6000 + i) + GLUE.placeSuffix[Math.floor(r() * GLUE.placeSuffix.length)]!);
  }
  const publishers = Array.from({ length: PUBLISHERS }, (_, i) => {
    const a = part(8000 + i);
    const kind = ['Herald', 'Times', 'Post', 'Courier', 'Tribune', 'Observer', 'Daily', 'Wire'][i % 8]!;
    return { name: `The ${a} ${kind}`, domain: `${a.toLowerCase()}${kind.toLowerCase()}.example` };
  });

  const personRank = zipf(PEOPLE, 1.1);
  const orgRank = zipf(ORGANIZATIONS, 1.1);
  const placeRank = zipf(PLACES, 1.1);
  const publisherRank = zipf(PUBLISHERS, 0.9);
  const eventSize = zipf(12, 1.6);
  const threadLength = zipf(MAX_THREAD_EVENTS, 1.25);

  // Plan: events until n stories, each in a new thread or in one of the threads still running.
  const threads: Thread[] = [];
  const events: EventPlan[] = [];
  const plan: PlannedStory[] = [];
  /** Threads that have not reached their planned number of events. */
  const running: number[] = [];
  while (plan.length < n) {
    let thread: number;
    let ts: number;
    if (!running.length || r() < NEW_THREAD) {
      thread = threads.length;
      const core = [personRank(r), PEOPLE + orgRank(r), PEOPLE + ORGANIZATIONS + placeRank(r)];
      if (r() < 0.5) core.push(personRank(r));
      const topic = Array.from({ length: 8 }, () => 150 + Math.floor(r() * 12_000));
      const planned = 1 + threadLength(r);
      ts = start + r() * days * DAY;
      // Long threads are covered densely (a war, an election), short ones at longer gaps.
      const gapDays = Math.min(30, Math.max(0.5, (days * 0.6) / planned));
      threads.push({ topic, core, events: 0, planned, gapDays, lastTs: ts });
      running.push(thread);
    } else {
      // The best planned of three running threads: long threads get most of the coverage.
      thread = running[Math.floor(r() * running.length)]!;
      for (let k = 0; k < 2; k++) {
        const other = running[Math.floor(r() * running.length)]!;
        if (threads[other]!.planned > threads[thread]!.planned) thread = other;
      }
      const t = threads[thread]!;
      ts = t.lastTs + -Math.log(1 - r()) * t.gapDays * DAY;
      if (ts > start + days * DAY) ts = start + r() * days * DAY; // a late thread gets earlier coverage
    }
    const t = threads[thread]!;
    t.events++;
    t.lastTs = Math.max(t.lastTs, ts);
    if (t.events >= t.planned) {
      const at = running.indexOf(thread);
      running[at] = running[running.length - 1]!;
      running.pop();
    }
    const event = events.length;
    const extra: number[] = [];
    const nExtra = Math.floor(r() * 3);
    for (let k = 0; k < nExtra; k++) {
      const kind = r();
      extra.push(
        kind < 0.5
          ? personRank(r)
          : kind < 0.75
            ? PEOPLE + orgRank(r)
            : PEOPLE + ORGANIZATIONS + placeRank(r),
      );
    }
    events.push({
      words: Array.from({ length: 3 }, () => 300 + Math.floor(r() * 20_000)),
      number: 100 + Math.floor(r() * 90_000),
      extra,
    });
    const size = Math.min(1 + eventSize(r), n - plan.length);
    for (let k = 0; k < size; k++) {
      plan.push({
        ts: Math.round(ts + r() * 2 * DAY),
        thread,
        event,
        publisher: publisherRank(r),
        read: r() < readShare,
      });
    }
  }
  plan.sort((a, b) => a.ts - b.ts);

  const wordRank = zipf(VOCABULARY, 1.07);

  function story(i: number): GeneratedStory {
    const p = plan[i];
    if (!p) throw new RangeError(`story ${i} of ${n}`);
    const s = rng(seed ^ Math.imul(i + 1, 0x9e3779b1));
    const pick = <T>(list: readonly T[]): T => list[Math.floor(s() * list.length)]!;
    const thread = threads[p.thread]!;
    const event = events[p.event]!;
    const counts = new Map<number, number>();
    /** An entity's name, counted (always the full name, so the counts are what an exact reader finds). */
    const name = (id: number) => {
      counts.set(id, (counts.get(id) ?? 0) + 1);
      return entities[id]!.name;
    };
    const background = () => vocabulary[wordRank(s)]!;
    const topic = () => vocabulary[pick(thread.topic)]!;
    const eventWord = () => vocabulary[pick(event.words)]!;
    const people = [...thread.core, ...event.extra];
    const someone = () => pick(people);
    const num = event.number.toLocaleString('en-US');

    const titleWords: string[] = [];
    titleWords.push(name(someone()), pick(GLUE.titleVerbs), topic(), eventWord());
    const more = 2 + Math.floor(s() * 5);
    for (let k = 0; k < more; k++) {
      const x = s();
      titleWords.push(
        x < 0.35 ? topic() : x < 0.55 ? eventWord() : x < 0.7 ? pick(GLUE.joins) : background(),
      );
    }
    if (s() < 0.4) titleWords.push('in', name(thread.core[2]!));
    const title = cap(titleWords.join(' '));

    const date = new Date(p.ts);
    const weekday = GLUE.weekdays[date.getUTCDay()]!;
    const sentence = (len: number, lead?: string): string => {
      const w: string[] = lead ? [lead] : [];
      while (w.length < len) {
        const x = s();
        if (x < 0.3) w.push(pick(GLUE.joins));
        else if (x < 0.45) w.push(topic());
        else if (x < 0.55) w.push(eventWord());
        else if (x < 0.6) w.push(name(someone()));
        else w.push(background());
      }
      return `${cap(w.join(' '))}.`;
    };
    const lead = `${name(someone())} ${pick(GLUE.verbs)} on ${weekday} that ${num} ${eventWord()} ${topic()}`;
    let summary = sentence(14 + Math.floor(s() * 12), lead);
    if (s() < 0.6) summary += ` ${sentence(10 + Math.floor(s() * 10))}`;

    let text = '';
    if (p.read) {
      const paragraphs: string[] = [summary];
      const nPara = 5 + Math.floor(s() * 6);
      for (let k = 0; k < nPara; k++) {
        const sentences: string[] = [];
        const nSent = 2 + Math.floor(s() * 3);
        for (let m = 0; m < nSent; m++) {
          const x = s();
          if (x < 0.15) {
            const back = new Date(p.ts - Math.floor(s() * 400) * DAY);
            sentences.push(
              `On ${GLUE.months[back.getUTCMonth()]} ${back.getUTCDate()}, ${sentence(10 + Math.floor(s() * 8))}`,
            );
          } else if (x < 0.22) {
            sentences.push(`In ${date.getUTCFullYear() - 1 - Math.floor(s() * 3)}, ${sentence(12)}`);
          } else if (x < 0.3) {
            const id = someone();
            const role = entityType(id) === 'person' ? `${pick(GLUE.roles)} ` : '';
            sentences.push(`"${sentence(10)}" said ${role}${name(id)}.`);
          } else {
            sentences.push(sentence(12 + Math.floor(s() * 10)));
          }
        }
        paragraphs.push(sentences.join(' '));
      }
      text = paragraphs.join('\n\n');
    }

    const publisher = publishers[p.publisher]!;
    const slug = titleWords
      .slice(0, 6)
      .join('-')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '');
    const iso = date.toISOString();
    return {
      index: i,
      url: `https://www.${publisher.domain}/${GLUE.sections[p.thread % GLUE.sections.length]}/${iso.slice(0, 4)}/${iso.slice(5, 7)}/${slug}-${i}`,
      title,
      summary,
      text,
      read: p.read,
      publishedAt: `${iso.slice(0, 19)}Z`,
      publishedTs: p.ts,
      publisher: publisher.name,
      lang: 'en',
      threadId: p.thread,
      eventId: p.event,
      entities: [...counts].map(([id, count]) => ({ ...entities[id]!, count })),
    };
  }

  return { n, seed, vocabulary, entities, publishers, threads: threads.length, events: events.length, story };
}
