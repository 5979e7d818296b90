/**
 * Similarity between two stories: tf-idf cosine over their link terms (words of the title and lede, and
 * entity keys, see features.ts), the shared entities that explain it, and the time between them. Pure
 * functions; document frequencies are passed in.
 */
import type { LinkReasons } from '@/core/model';

/** The features of a story that linking needs (stored with every story). */
export interface LinkFeatures {
  /** Link term → count in the story (title counted extra; entity keys included). */
  terms: Record<string, number>;
  /** Entity key → mention count. */
  entities: Record<string, number>;
  /** Epoch ms of publication (or first sight). */
  publishedTs: number;
}

/** Document frequencies over the stored stories. */
export interface DocFreq {
  /** Number of stories the frequencies were counted over. */
  size: number;
  df(term: string): number;
}

export type Vector = Map<string, number>;

const DAY = 86_400_000;

export function idf(df: number, size: number): number {
  return Math.log((size + 1) / (df + 1)) + 1;
}

/** Sublinear tf × smoothed idf, L2-normalised. */
export function weigh(counts: Record<string, number>, docFreq: DocFreq): Vector {
  const v: Vector = new Map();
  let norm = 0;
  for (const [term, count] of Object.entries(counts)) {
    if (count <= 0) continue;
    const w = (1 + Math.log(count)) * idf(docFreq.df(term), docFreq.size);
    v.set(term, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) {
    const o = large.get(t);
    if (o !== undefined) dot += w * o;
  }
  return dot;
}

/** Shared keys of two vectors, by the product of their weights, best first. */
export function sharedKeys(a: Vector, b: Vector, limit: number): string[] {
  const shared: [string, number][] = [];
  for (const [t, w] of a) {
    const o = b.get(t);
    if (o !== undefined) shared.push([t, w * o]);
  }
  shared.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  return shared.slice(0, limit).map(([t]) => t);
}

export interface PairScore {
  /** Combined similarity, 0..1, without time. */
  score: number;
  termSim: number;
  entitySim: number;
  daysApart: number | null;
  sharedEntityKeys: string[];
  sharedTerms: string[];
}

export interface WeightedFeatures {
  terms: Vector;
  entities: Vector;
  publishedTs: number;
}

export function weighFeatures(f: LinkFeatures, docFreq: DocFreq): WeightedFeatures {
  return { terms: weigh(f.terms, docFreq), entities: weigh(f.entities, docFreq), publishedTs: f.publishedTs };
}

/**
 * Weight of the term cosine in the combined score; the entity cosine takes the rest. The link terms already
 * hold the entity keys, and a separate entity cosine only adds noise (names shared by unrelated stories), so
 * the score is the term cosine; the entity cosine is kept for the reasons shown to the reader.
 */
export const TERM_WEIGHT = 1;

export function scorePair(a: WeightedFeatures, b: WeightedFeatures): PairScore {
  const termSim = cosine(a.terms, b.terms);
  const entitySim = a.entities.size && b.entities.size ? cosine(a.entities, b.entities) : 0;
  const hasEntities = a.entities.size > 0 && b.entities.size > 0;
  const score =
    hasEntities && TERM_WEIGHT < 1 ? TERM_WEIGHT * termSim + (1 - TERM_WEIGHT) * entitySim : termSim;
  const daysApart =
    Number.isFinite(a.publishedTs) && Number.isFinite(b.publishedTs)
      ? Math.abs(a.publishedTs - b.publishedTs) / DAY
      : null;
  return {
    score,
    termSim,
    entitySim,
    daysApart,
    sharedEntityKeys: sharedKeys(a.entities, b.entities, 6),
    // entity keys in the terms are reported as entities
    sharedTerms: sharedKeys(a.terms, b.terms, 12)
      .filter((t) => !t.includes(':'))
      .slice(0, 6),
  };
}

export function reasonsOf(pair: PairScore, entityName: (key: string) => string): LinkReasons {
  const entities = pair.sharedEntityKeys.map(entityName);
  // A term that is part of a shared name ("kim" of "Kim Jong Un"), or made from one ("korean" of "North Korea"),
  // says nothing more.
  const nameWords = new Set(entities.flatMap((n) => n.toLowerCase().split(/[^\p{L}\p{N}]+/u)));
  const stems = [...nameWords].filter((w) => w.length >= 4);
  return {
    entities,
    terms: pair.sharedTerms.filter((t) => !nameWords.has(t) && !stems.some((w) => t.startsWith(w))),
    daysApart: pair.daysApart === null ? null : Math.round(pair.daysApart),
    similarity: Math.round(pair.score * 1000) / 1000,
  };
}

/**
 * Keys both count maps hold, strongest first by the product of their tf-idf weights: what `sharedKeys` gives
 * on the two weighed vectors (ordering by the product does not depend on the vectors' norms), from the
 * frequencies of the shared keys alone.
 */
function sharedByWeight(
  a: Record<string, number>,
  b: Record<string, number>,
  docFreq: DocFreq,
  limit: number,
): string[] {
  const shared: [string, number][] = [];
  for (const [t, ca] of Object.entries(a)) {
    if (!Object.hasOwn(b, t)) continue;
    const cb = b[t]!;
    if (ca <= 0 || cb <= 0) continue;
    const w = idf(docFreq.df(t), docFreq.size);
    shared.push([t, (1 + Math.log(ca)) * w * ((1 + Math.log(cb)) * w)]);
  }
  shared.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  return shared.slice(0, limit).map(([t]) => t);
}

/** The keys whose document frequencies `explainLink` reads: those the two stories share. */
export function sharedFeatureKeys(a: LinkFeatures, b: LinkFeatures): string[] {
  const out = new Set<string>();
  for (const t of Object.keys(a.terms)) if (Object.hasOwn(b.terms, t)) out.add(t);
  for (const k of Object.keys(a.entities)) if (Object.hasOwn(b.entities, k)) out.add(k);
  return [...out];
}

/** Stories a store must hold before the share of them that use a word tells whether the word is specific. */
export const REASON_MIN_STORIES = 100;
/**
 * A shared word used by more than this share of the stored stories is too common to be shown as a reason on its
 * own (in the 3,420 articles of the shared linking sets: "work" 8%, "leader" 6%, "term" 5%; "letter" 2%,
 * "nuclear" under 1%).
 */
export const REASON_MAX_SHARE = 0.03;

/**
 * The shared words worth showing as reasons, strongest first: a word of either headline, or, in a store large
 * enough to judge, a word few stories use. A word both stories use in passing ("first term", "work toward")
 * counts in the similarity but does not tell the reader why they are linked; in a small store, where every word
 * looks rare to tf-idf, such words were shown. Entity keys are left out: they are shown as names.
 */
export function reasonTerms(
  shared: readonly string[],
  docFreq: DocFreq,
  headlineTerms: ReadonlySet<string>,
): string[] {
  const judged = docFreq.size >= REASON_MIN_STORIES;
  return shared
    .filter(
      (t) =>
        !t.includes(':') &&
        (headlineTerms.has(t) || (judged && docFreq.df(t) <= REASON_MAX_SHARE * docFreq.size)),
    )
    .slice(0, 6);
}

/**
 * The reasons of a stored link, recomputed from the two stories' stored features and the link's similarity:
 * the names of `reasonsOf(scorePair(...))` at link time, given the same document frequencies (they drift a
 * little as stories arrive, so the order of equally weighted names may differ), and of the words they share
 * those `reasonTerms` finds worth showing. `headlineTerms`: the link terms of the two headlines
 * (`headlineTerms` of features.ts).
 */
export function explainLink(
  a: LinkFeatures,
  b: LinkFeatures,
  similarity: number,
  docFreq: DocFreq,
  entityName: (key: string) => string,
  headlineTerms: ReadonlySet<string>,
): LinkReasons {
  const daysApart =
    Number.isFinite(a.publishedTs) && Number.isFinite(b.publishedTs)
      ? Math.abs(a.publishedTs - b.publishedTs) / DAY
      : null;
  return reasonsOf(
    {
      score: similarity,
      termSim: similarity,
      entitySim: 0,
      daysApart,
      sharedEntityKeys: sharedByWeight(a.entities, b.entities, docFreq, 6),
      sharedTerms: reasonTerms(sharedByWeight(a.terms, b.terms, docFreq, 24), docFreq, headlineTerms),
    },
    entityName,
  );
}
