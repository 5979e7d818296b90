// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../../../core/feeds/dates';

describe('parseFeedDate', () => {
  it.each([
    // RFC 822 / 2822, as RSS writes them: the offset kept as written, never converted to UTC
    ['Tue, 10 Jun 2003 04:00:00 GMT', '2003-06-10T04:00:00Z'],
    ['Tue, 10 Jun 2003 04:00:00 UT', '2003-06-10T04:00:00Z'],
    ['Mon, 30 Jun 2025 23:15:00 +0200', '2025-06-30T23:15:00+02:00'],
    ['Mon, 30 Jun 2025 23:15:00 -0530', '2025-06-30T23:15:00-05:30'],
    ['Sun, 29 Jun 2025 22:40:00 EST', '2025-06-29T22:40:00-05:00'],
    ['Sun, 29 Jun 2025 22:40:00 PDT', '2025-06-29T22:40:00-07:00'],
    ['Sun, 29 Jun 2025 22:40:00 CEST', '2025-06-29T22:40:00+02:00'],
    ['Sun, 29 Jun 2025 22:40:00 GMT+0100', '2025-06-29T22:40:00+01:00'],
    ['Sun, 29 Jun 2025 22:40:00 +0000 (UTC)', '2025-06-29T22:40:00+00:00'],
    ['Sun, 29 Jun 2025 22:40:00 -0000', '2025-06-29T22:40:00Z'],
    ['29 Jun 2025 22:40 +0200', '2025-06-29T22:40:00+02:00'],
    ['Sunday, 29 June 2025 22:40:00 GMT', '2025-06-29T22:40:00Z'],
    ['Thu, 01 Jan 04 12:00:00 GMT', '2004-01-01T12:00:00Z'],
    ['Thu, 01 Jan 98 12:00:00 GMT', '1998-01-01T12:00:00Z'],
    ['5 Sept 2024 08:00:00 GMT', '2024-09-05T08:00:00Z'],
    ['Sun, 29 Jun 2025 22:40:00', '2025-06-29T22:40:00'],
    // An ambiguous zone (IST: India, Ireland or Israel): the day as written is right, the instant is not known
    ['Sun, 29 Jun 2025 22:40:00 IST', '2025-06-29'],
    ['27 Jun 2025', '2025-06-27'],
    // ISO 8601 / RFC 3339 / W3C-DTF, as Atom, dc:date and JSON Feed write them
    ['2025-06-24T18:30:00+02:00', '2025-06-24T18:30:00+02:00'],
    ['2025-06-24T23:30:00-07:00', '2025-06-24T23:30:00-07:00'],
    ['2025-06-24T18:30:00Z', '2025-06-24T18:30:00Z'],
    ['2025-06-24t18:30:00z', '2025-06-24T18:30:00Z'],
    ['2025-06-24T18:30:00.123456+0200', '2025-06-24T18:30:00+02:00'],
    ['2025-06-24T18:30+01', '2025-06-24T18:30:00+01:00'],
    ['2025-06-24 18:30:00', '2025-06-24T18:30:00'],
    ['  2025-06-24  ', '2025-06-24'],
    ['2024-02-29', '2024-02-29'],
  ])('%s → %s', (raw, expected) => {
    expect(parseFeedDate(raw)).toBe(expected);
  });

  it.each([
    [''],
    ['not a date'],
    ['Sat, 28 Jun 2025 not a time'],
    ['Sun, 31 Jun 2025 10:00:00 GMT'],
    ['Sun, 29 Junk 2025 10:00:00 GMT'],
    ['Sun, 29 Jun 2025 25:00:00 GMT'],
    ['Sun, 29 Jun 2025 10:00:00 +2500'],
    ['2025-02-29'],
    ['2025-13-01'],
    ['2025-06-24T24:00:00Z'],
    ['2025-06-24T18:30:00+25:00'],
    ['2025-06'],
    ['2025'],
    ['0001-01-01T00:00:00Z'],
    ['1750963200'],
    ['06/24/2025'],
  ])('%j → undefined, never a guess', (raw) => {
    expect(parseFeedDate(raw)).toBeUndefined();
  });

  it('keeps the publisher’s day late in the evening west of UTC', () => {
    // 23:30 in California is already the next day in UTC: the day stays the 29th.
    expect(parseFeedDate('Sun, 29 Jun 2025 23:30:00 PDT')!.slice(0, 10)).toBe('2025-06-29');
    expect(parseFeedDate('2025-06-29T23:30:00-07:00')!.slice(0, 10)).toBe('2025-06-29');
  });
});
