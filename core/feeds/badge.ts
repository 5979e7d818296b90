/**
 * What the toolbar badge shows on a tab. Two counts compete for four characters: the related stories of the
 * article in the tab (blue) and the new stories in threads the reader follows, not looked at yet (pink).
 * New stories of followed threads win on every tab, article tabs included: they are news the reader asked to
 * be told of, and they go away once seen (the reader opens Backstory on a story of that thread, or clicks the
 * notification); then an article tab shows its related count again. The tooltip names both counts.
 */
export const RELATED_COLOR = '#3b5bdb';
export const FOLLOW_COLOR = '#c2255c';

export interface BadgeState {
  /** What the badge shows: "" for nothing; counts above 99 show as "99+". */
  text: string;
  kind: 'follow' | 'related' | 'none';
  color: string;
}

const count = (n: number) => (n > 99 ? '99+' : String(n));

/** `related`: the article's related stories (null when the tab shows no article); `unseen`: followed news. */
export function badgeFor(related: number | null, unseen: number): BadgeState {
  if (unseen > 0) return { text: count(unseen), kind: 'follow', color: FOLLOW_COLOR };
  if (related !== null && related > 0) return { text: count(related), kind: 'related', color: RELATED_COLOR };
  return { text: '', kind: 'none', color: RELATED_COLOR };
}
