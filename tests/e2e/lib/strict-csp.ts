/**
 * A page's own Content-Security-Policy that allows no script at all, and trusted types only: what the strictest
 * news sites send. The content script's gate loads the reader as a module from the extension
 * (entrypoints/page-gate.ts); the page's policy governs the page's scripts, not the extension's, so the article
 * must still be read. Inline styles stay allowed: the served pages have their own, and a blocked one would be the
 * page's error, not ours.
 */
export const STRICT_CSP =
  "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src 'self'; require-trusted-types-for 'script'";
