// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { compareDates, dateLabel, dayOf, precisionOf, rangeLabel } from '@/core/context/date-label';

describe('date labels stay true to precision', () => {
  it.each([
    ['2025-06-11', 'June 11, 2025', 'day'],
    ['2025-06', 'June 2025', 'month'],
    ['2018', '2018', 'year'],
    ['2018-W23', 'Week 23, 2018', 'week'],
    ['199X', '1990s', 'decade'],
    ['2018-SP', 'Spring 2018', 'season'],
    ['2019-Q3', 'Q3 2019', 'season'],
    ['PRESENT_REF', 'PRESENT_REF', 'unknown'],
  ])('%s → %s', (value, label, precision) => {
    expect(dateLabel(value)).toBe(label);
    expect(precisionOf(value)).toBe(precision);
  });

  it.each([
    ['2018', '2019', '2018–2019'],
    ['2025-06-11', undefined, 'June 11, 2025'],
    ['2025-06', '2025-06', 'June 2025'],
  ])('range %s–%s', (start, end, label) => {
    expect(rangeLabel(start, end)).toBe(label);
  });

  it.each([
    ['2025-06-27T23:40:00-04:00', '2025-06-27'],
    ['2025-06-27', '2025-06-27'],
    [null, null],
    ['June 27', null],
  ])('dayOf(%s) keeps the day as written', (iso, day) => {
    expect(dayOf(iso)).toBe(day);
  });

  it('orders coarse before fine at the same start, and by time otherwise', () => {
    const values = ['2019-02-28', '2018-06-12', '2018', '2025-06', '2025-06-11', '2018-06', '2018-SP'];
    expect([...values].sort(compareDates)).toEqual([
      '2018',
      '2018-SP',
      '2018-06',
      '2018-06-12',
      '2019-02-28',
      '2025-06',
      '2025-06-11',
    ]);
  });
});
