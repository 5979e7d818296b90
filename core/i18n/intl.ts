/**
 * Intl formatters, made once per locale and options and then reused. Building an Intl.DateTimeFormat costs far
 * more than formatting with one (it loads the locale's data): the popup's timeline, related list and counts
 * format hundreds of dates and numbers in its first frame, and made a formatter for each (33 ms of the popup's
 * 300 ms on the project's machine, `npm run bench -- popup`). A constructor that throws (an invalid locale tag)
 * throws again on the next call: nothing is cached for it.
 */
const cache = new Map<string, unknown>();
/** Bound, so a long session of odd locale tags cannot grow it forever. */
const MAX_CACHED = 64;

function memo<T>(key: string, make: () => T): T {
  const hit = cache.get(key) as T | undefined;
  if (hit !== undefined) return hit;
  const made = make();
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, made);
  return made;
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return memo(
    `date\u0000${locale}\u0000${JSON.stringify(options)}`,
    () => new Intl.DateTimeFormat(locale, options),
  );
}

export function numberFormat(locale: string): Intl.NumberFormat {
  return memo(`number\u0000${locale}`, () => new Intl.NumberFormat(locale));
}

export function pluralRules(locale: string): Intl.PluralRules {
  return memo(`plural\u0000${locale}`, () => new Intl.PluralRules(locale));
}

export function conjunctionFormat(locale: string): Intl.ListFormat {
  return memo(`list\u0000${locale}`, () => new Intl.ListFormat(locale, { type: 'conjunction' }));
}
