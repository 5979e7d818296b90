/** The site of a page as a reader thinks of it: its host name, lower case, without "www.". Null for non-web URLs. */
export function siteOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** The host-permission pattern that covers one address's origin ("https://example.org/*"); throws on a non-URL. */
export function originPattern(url: string): string {
  return `${new URL(url).origin}/*`;
}
