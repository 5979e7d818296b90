// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { extractDateRanges, extractDates } from '@/core/nlp/dates';

// Reference: Friday 27 June 2025 (written with a time and zone; the calendar day is taken as written).
const REF = '2025-06-27T18:40:00Z';

describe('extractDates', () => {
  it.each<[string, string, string]>([
    ['The minister resigned on June 11.', 'June 11', '2025-06-11'],
    ['The talks began in March 2019 and stalled.', 'March 2019', '2019-03'],
    ['Earlier in June, the council voted.', 'June', '2025-06'],
    ['The plan was floated earlier this month.', 'earlier this month', '2025-06'],
    ['The mill closed in 2018.', '2018', '2018'],
    ['Growth was faster in the 1990s.', 'the 1990s', '199'],
    ['The firm reported a loss last year.', 'last year', '2024'],
    ['Prices rose last week.', 'last week', '2025-W25'],
    ['Officials met this week.', 'this week', '2025-W26'],
    ['The minister spoke on Friday.', 'on Friday', '2025-06-27'],
    ['The minister spoke on Tuesday.', 'on Tuesday', '2025-06-24'],
    ['Voters went to the polls on Saturday.', 'on Saturday', '2025-06-21'],
    ['The summit will open on Monday.', 'on Monday', '2025-06-30'],
    ['Rain fell yesterday.', 'yesterday', '2025-06-26'],
    ['The vote is today.', 'today', '2025-06-27'],
    ['The company is now profitable.', 'now', 'PRESENT_REF'],
    ['Sales fell in the first quarter.', 'the first quarter', '2025-Q1'],
    ['The deal was signed on Dec. 3, 2021.', 'Dec. 3, 2021', '2021-12-03'],
    ['The plant opened last summer.', 'last summer', '2024-SU'],
    ['The election was held last November.', 'last November', '2024-11'],
    ['The storm hit three weeks ago.', 'three weeks ago', '2025-W23'],
    ['2018 was a record year for exports.', '2018', '2018'],
    ['The 1990 accords failed.', '1990', '1990'],
    ['Output should recover by mid-2026.', 'mid-2026', '2026'],
    ['The plant closed this spring.', 'this spring', '2025-SP'],
    ['Rebels attacked at 7:30 a.m. on Thursday.', '7:30 a.m.', '2025-06-26T07:30'],
    ['Profits fell in the latest quarter.', 'the latest quarter', '2025-Q1'],
  ])('%s', (text, expression, value) => {
    const got = extractDates(text, REF);
    const hit = got.find((d) => d.text.includes(expression) || expression.includes(d.text));
    expect(hit, JSON.stringify(got)).toBeDefined();
    expect(hit?.value).toBe(value);
    expect(text.slice(hit!.start, hit!.end)).toBe(hit!.text);
  });

  it('keeps the calendar day as written, whatever the zone', () => {
    expect(extractDates('They met today.', '2025-06-27T23:30:00-05:00')[0]?.value).toBe('2025-06-27');
    expect(extractDates('They met today.', '2025-06-28T00:30:00+09:00')[0]?.value).toBe('2025-06-28');
  });

  it('never moves a date of the current month into next year', () => {
    expect(extractDates('The report came out on June 11.', '2025-06-27')[0]?.value).toBe('2025-06-11');
  });

  it('moves a yearless date far after the article back a year', () => {
    expect(extractDates('The factory closed on Dec. 15.', '2025-06-27')[0]?.value).toBe('2024-12-15');
  });

  it.each<[string, string, string]>([
    ['He held the post between 2018 and 2019.', '2018', '2019'],
    ['The war lasted from 1992 to 1995.', '1992', '1995'],
    ['The 2014-2016 drought was severe.', '2014', '2016'],
    ['Harvests were poor from June to August.', '2024-06', '2024-08'],
  ])('range: %s', (text, start, end) => {
    const [r] = extractDateRanges(text, '2025-06-27');
    expect(r?.value).toBe(start);
    expect(r?.valueEnd).toBe(end);
    expect(extractDates(text, '2025-06-27').filter((d) => d.start < r!.end && r!.start < d.end)).toHaveLength(
      1,
    );
  });

  it.each([
    'He scored 2019 points.',
    'The price is $1999.',
    'Call 555-2018 now or later',
    'The firm employs 2000 workers.',
  ])('no year in numbers: %s', (text) => {
    expect(extractDates(text, REF).filter((d) => /^\d{4}$/.test(d.value))).toEqual([]);
  });

  it('reads durations as no date', () => {
    expect(extractDates('Over the past two years, prices rose.', REF)).toEqual([]);
  });
});
