/** The median and 95th percentile of a list of times (the nearest rank below), and how many there are. */
export function quantiles(xs: readonly number[]): { median: number; p95: number; n: number } {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
  return { median: q(0.5), p95: q(0.95), n: s.length };
}
