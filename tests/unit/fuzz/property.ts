/**
 * How the property tests run: a fixed seed (so CI is deterministic; `FC_SEED=random` or a number to explore),
 * modest runs (`FC_RUNS` to change), a per-case timeout and a time limit for the whole property, both
 * fast-check's own. The predicates are synchronous; each case ends by yielding to the timer queue, so a case
 * that ran past its timeout lets fast-check's timer fire first and is reported as a timeout, with its
 * counterexample, instead of passing late.
 */
import fc from 'fast-check';

export const RUNS = Number(process.env.FC_RUNS) || 0;
const SEED = process.env.FC_SEED === 'random' ? undefined : Number(process.env.FC_SEED) || 20261125;

/** Milliseconds one case may take, and the whole property. */
export const CASE_TIMEOUT = 2_000;
export const PROPERTY_LIMIT = 20_000;

const nextTimer = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Asserts `predicate` (which throws, or returns false, on failure) for `numRuns` values of `arb`. */
export async function holds<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => unknown, numRuns: number) {
  await fc.assert(
    fc.asyncProperty(arb, async (value) => {
      const ok = predicate(value);
      await nextTimer();
      return ok !== false;
    }),
    {
      numRuns: RUNS || numRuns,
      seed: SEED,
      timeout: CASE_TIMEOUT,
      interruptAfterTimeLimit: PROPERTY_LIMIT,
      markInterruptAsFailure: true,
    },
  );
}

/** A string made of `fragments` and random characters, the way real inputs mix known tokens and noise. */
export function mixed(fragments: readonly string[], maxLength = 24): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...fragments) },
        { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'grapheme' }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 9999 }).map(String) },
      ),
      { maxLength },
    )
    .map((parts) => parts.join(''));
}

/** The reference time of every property: dates after NOW plus one day are never returned. */
export const NOW = new Date('2025-06-27T12:00:00Z');
export const LATEST_DAY = new Date(NOW.getTime() + 86_400_000).toISOString().slice(0, 10);

/** A real calendar day between 1990-01-01 and LATEST_DAY. */
export function isPlausibleIsoDay(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return (
    !Number.isNaN(d.getTime()) &&
    d.toISOString().slice(0, 10) === day &&
    Number(m[1]) >= 1990 &&
    day <= LATEST_DAY
  );
}

/** What parseDateValue and the metadata readers return: a plausible day, with a valid time and offset if any. */
export function isValidDateValue(value: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})?)?$/.exec(value);
  if (!m || !isPlausibleIsoDay(m[1]!)) return false;
  return m[2] === undefined || !Number.isNaN(Date.parse(value));
}

export const isHttpUrl = (url: string) => {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && /^https?:\/\//i.test(url);
  } catch {
    return false;
  }
};
