// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { stripSiteSuffix } from '../../../../core/metadata/title';

describe('stripSiteSuffix', () => {
  it.each([
    ['Trump Says U.S. Will Act | The Daily Ledger', ['The Daily Ledger'], 'Trump Says U.S. Will Act'],
    ['Harbour Bridge Reopens After Repair - Northgate Courier', [], 'Harbour Bridge Reopens After Repair'],
    ['Neue Radwege für die Innenstadt – Stadtanzeiger Lindental', [], 'Neue Radwege für die Innenstadt'],
    ['Courier | Harbour Bridge Reopens', ['Courier'], 'Harbour Bridge Reopens'],
    ['Bridge reopens after repair | Local | news.example', ['news.example'], 'Bridge reopens after repair'],
    ['Spider-Man - The Review', [], 'Spider-Man - The Review'],
    ['A Headline Without Suffix', ['Site'], 'A Headline Without Suffix'],
  ])('%s → %s', (raw, names, expected) => {
    expect(stripSiteSuffix(raw, names)).toBe(expected);
  });
});
