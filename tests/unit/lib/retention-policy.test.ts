/**
 * The retention policy the reader may set: whole numbers within RETENTION_LIMITS, anything else refused with
 * the reason in the reader's words. The message schema (lib/protocol-schema.ts) keeps its own copy of the bounds:
 * it must accept and refuse exactly the same values.
 */
import { describe, expect, it } from 'vitest';
import { checkRetentionPolicy, DEFAULT_RETENTION, RETENTION_LIMITS } from '@/lib/feeds/retention';
import { validatePayload } from '@/lib/protocol-schema';

const DAYS = 'The number of days must be a whole number from 1 to 3,650.';
const STORIES = 'The number of stories must be a whole number from 500 to 1,000,000.';
const SHAPE = 'Expected a number of days and a number of stories.';

describe('checkRetentionPolicy', () => {
  it.each<[string, unknown, string | null]>([
    ['the defaults', { stubMaxAgeDays: 60, maxStories: 20_000 }, null],
    ['the smallest values', { stubMaxAgeDays: 1, maxStories: 500 }, null],
    ['the largest values', { stubMaxAgeDays: 3650, maxStories: 1_000_000 }, null],
    ['0 days', { stubMaxAgeDays: 0, maxStories: 20_000 }, DAYS],
    ['3,651 days', { stubMaxAgeDays: 3651, maxStories: 20_000 }, DAYS],
    ['negative days', { stubMaxAgeDays: -5, maxStories: 20_000 }, DAYS],
    ['half a day', { stubMaxAgeDays: 1.5, maxStories: 20_000 }, DAYS],
    ['days as text', { stubMaxAgeDays: '60', maxStories: 20_000 }, DAYS],
    ['NaN days', { stubMaxAgeDays: Number.NaN, maxStories: 20_000 }, DAYS],
    ['infinite days', { stubMaxAgeDays: Number.POSITIVE_INFINITY, maxStories: 20_000 }, DAYS],
    ['no days', { maxStories: 20_000 }, DAYS],
    ['499 stories', { stubMaxAgeDays: 60, maxStories: 499 }, STORIES],
    ['1,000,001 stories', { stubMaxAgeDays: 60, maxStories: 1_000_001 }, STORIES],
    ['a fraction of stories', { stubMaxAgeDays: 60, maxStories: 20_000.5 }, STORIES],
    ['stories as null', { stubMaxAgeDays: 60, maxStories: null }, STORIES],
    ['both wrong', { stubMaxAgeDays: 0, maxStories: 0 }, `${DAYS} ${STORIES}`],
    ['an empty object', {}, `${DAYS} ${STORIES}`],
    ['null', null, SHAPE],
    ['a number', 60, SHAPE],
    ['an array', [60, 20_000], SHAPE],
    ['a string', '60 days', SHAPE],
  ])('%s', (_, input, error) => {
    const result = checkRetentionPolicy(input);
    if (error === null) {
      expect(result).toEqual({ ok: true, policy: input });
    } else {
      expect(result).toEqual({ ok: false, error });
    }
  });

  it('keeps only the two fields', () => {
    expect(checkRetentionPolicy({ stubMaxAgeDays: 30, maxStories: 600, extra: 'x' })).toEqual({
      ok: true,
      policy: { stubMaxAgeDays: 30, maxStories: 600 },
    });
  });

  it('accepts its own defaults', () => {
    expect(checkRetentionPolicy(DEFAULT_RETENTION).ok).toBe(true);
  });
});

describe('the setRetention message schema agrees with RETENTION_LIMITS', () => {
  const policy = (field: keyof typeof RETENTION_LIMITS, value: number) => ({
    ...DEFAULT_RETENTION,
    [field]: value,
  });
  const cases = (Object.keys(RETENTION_LIMITS) as (keyof typeof RETENTION_LIMITS)[]).flatMap((field) => {
    const { min, max } = RETENTION_LIMITS[field];
    return [
      [field, min - 1],
      [field, min],
      [field, min + 0.5],
      [field, max],
      [field, max + 1],
    ] as const;
  });

  it.each(cases)('%s = %d', (field, value) => {
    const data = policy(field, value);
    const schema = validatePayload('setRetention', data);
    expect(schema.ok).toBe(checkRetentionPolicy(data).ok);
    if (!schema.ok) expect(schema.error).toMatch(new RegExp(`^setRetention: invalid message: ${field}: `));
  });

  it('refuses a missing field and a non-number', () => {
    expect(validatePayload('setRetention', { stubMaxAgeDays: 60 }).ok).toBe(false);
    expect(validatePayload('setRetention', { stubMaxAgeDays: '60', maxStories: 20_000 }).ok).toBe(false);
    expect(validatePayload('getRetention', {}).ok).toBe(true);
    expect(validatePayload('getRetention', { stubMaxAgeDays: 60 }).ok).toBe(false);
  });
});
