// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { badgeFor, FOLLOW_COLOR, RELATED_COLOR } from '@/core/feeds/badge';

describe('badgeFor', () => {
  it.each([
    [null, 0, { text: '', kind: 'none', color: RELATED_COLOR }],
    [0, 0, { text: '', kind: 'none', color: RELATED_COLOR }],
    [5, 0, { text: '5', kind: 'related', color: RELATED_COLOR }],
    [null, 2, { text: '2', kind: 'follow', color: FOLLOW_COLOR }],
    [5, 2, { text: '2', kind: 'follow', color: FOLLOW_COLOR }],
    [150, 0, { text: '99+', kind: 'related', color: RELATED_COLOR }],
    [3, 120, { text: '99+', kind: 'follow', color: FOLLOW_COLOR }],
  ] as const)('related %s, unseen %s', (related, unseen, expected) => {
    expect(badgeFor(related, unseen)).toEqual(expected);
  });
});
