/**
 * Wire copies in a context: the same agency text republished by several outlets is one story to a reader. Copies
 * of the article in front of the reader leave the related list ("also published by"); copies among the related
 * stories become one item, the strongest linked, with the others as its copies. Pure: fingerprints in, lists out.
 */
import { type Fingerprint, wireCopyGroups } from '../link/near-duplicate';
import type { RelatedItem, StorySummary } from '../model';

export interface WireCopiesInput {
  /** The article's id and fingerprint. */
  current: { id: number; fingerprint?: Fingerprint | null };
  /** The related stories, strongest first. */
  related: readonly RelatedItem[];
  /** Fingerprints of the related stories by id (a story without one is never a copy). */
  fingerprints: ReadonlyMap<number, Fingerprint | null | undefined>;
}

export function summaryOf(item: StorySummary): StorySummary {
  const { id, url, title, publisher, publishedAt, lang } = item;
  return { id, url, title, publisher, publishedAt, lang };
}

export function mergeWireCopies({ current, related, fingerprints }: WireCopiesInput): {
  related: RelatedItem[];
  copies: StorySummary[];
} {
  const groups = wireCopyGroups([
    { id: `c${current.id}`, signature: current.fingerprint },
    ...related.map((r) => ({ id: `r${r.id}`, signature: fingerprints.get(r.id) })),
  ]);
  if (!groups.length) return { related: [...related], copies: [] };
  const byId = new Map(related.map((r) => [`r${r.id}`, r]));
  const dropped = new Set<string>();
  const copiesOf = new Map<string, StorySummary[]>();
  let copies: StorySummary[] = [];
  for (const group of groups) {
    const members = group.filter((id) => id !== `c${current.id}`).map((id) => byId.get(id)!);
    if (group.includes(`c${current.id}`)) {
      copies = members.map(summaryOf);
      for (const m of members) dropped.add(`r${m.id}`);
      continue;
    }
    // The strongest linked stays (the input is strongest first); the others are its copies.
    const [lead, ...rest] = [...members].sort((a, b) => related.indexOf(a) - related.indexOf(b));
    if (!lead) continue;
    copiesOf.set(`r${lead.id}`, rest.map(summaryOf));
    for (const m of rest) dropped.add(`r${m.id}`);
  }
  return {
    related: related
      .filter((r) => !dropped.has(`r${r.id}`))
      .map((r) => {
        const more = copiesOf.get(`r${r.id}`);
        return more?.length ? { ...r, copies: more } : r;
      }),
    copies,
  };
}
