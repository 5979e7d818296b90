// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { cleanAuthors } from '../../../../core/metadata/byline';

describe('cleanAuthors', () => {
  it.each([
    ['By Jane Doe', [], ['Jane Doe']],
    ['By Jane Doe and John Roe', [], ['Jane Doe', 'John Roe']],
    ['Jane Doe, John Roe & Ann Lee', [], ['Jane Doe', 'John Roe', 'Ann Lee']],
    ['By Priya Raman, Staff Writer', [], ['Priya Raman']],
    ['Von Anna Schmidt | 27. Juni 2025', [], ['Anna Schmidt']],
    ['Von Anna Schmidt und Max Bauer', [], ['Anna Schmidt', 'Max Bauer']],
    ['Par Claire Martin et Luc Bernard', [], ['Claire Martin', 'Luc Bernard']],
    ['By JANE DOE · June 27, 2025 6:40 pm', [], ['Jane Doe']],
    ['Laura E. Adkins', [], ['Laura E. Adkins']],
    ['Doe, Jane', [], ['Jane Doe']],
    ['By Staff Reporter', [], []],
    ['Daily Ledger', ['The Daily Ledger'], []],
    ['Jane Doe (jane@example.com)', [], ['Jane Doe']],
    ['Written by Michael Larabel in Hardware on 3 March 2017', [], ['Michael Larabel']],
    ['AOL Staff', [], ['AOL Staff']],
    ['', [], []],
  ])('%s → %j', (raw, site, expected) => {
    expect(cleanAuthors(raw, { siteName: site[0] ?? null })).toEqual(expected);
  });
});
