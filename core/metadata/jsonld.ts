/**
 * schema.org JSON-LD: parsing the script texts leniently, flattening arrays and @graph, finding the
 * article node and reading names, dates and images from it. Pure data logic: the caller passes the
 * `<script type="application/ld+json">` texts.
 */

export type JsonLdNode = Record<string, unknown>;

/** schema.org types that describe one article. */
export const ARTICLE_TYPES = new Set([
  'Article',
  'NewsArticle',
  'ReportageNewsArticle',
  'AnalysisNewsArticle',
  'OpinionNewsArticle',
  'BackgroundNewsArticle',
  'ReviewNewsArticle',
  'AskPublicNewsArticle',
  'SatiricalArticle',
  'ScholarlyArticle',
  'TechArticle',
  'Report',
  'BlogPosting',
  'LiveBlogPosting',
  'SocialMediaPosting',
  'DiscussionForumPosting',
  'VideoObject',
]);

/** Types that mark a page as something else than an article (shop, listing, search). */
export const NON_ARTICLE_TYPES = new Set([
  'Product',
  'ProductGroup',
  'Offer',
  'AggregateOffer',
  'SearchResultsPage',
  'CollectionPage',
  'ItemList',
  'Store',
  'OnlineStore',
]);

function parseLenient(text: string): unknown {
  const trimmed = text
    .trim()
    .replace(/^<!--|-->$/g, '')
    .replace(/^\s*\/\/<!\[CDATA\[|\/\/\]\]>\s*$/g, '');
  try {
    return JSON.parse(trimmed);
  } catch {
    try {
      // Raw control characters inside strings and trailing commas are the usual breakages.
      const printable = Array.from(trimmed, (c) => (c.charCodeAt(0) < 32 ? ' ' : c)).join('');
      return JSON.parse(printable.replace(/,\s*([}\]])/g, '$1'));
    } catch {
      return null;
    }
  }
}

/** All objects of the JSON-LD blocks, arrays and @graph flattened (nested objects are kept inside their parent). */
export function parseJsonLd(texts: string[]): JsonLdNode[] {
  const out: JsonLdNode[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v, depth + 1);
      return;
    }
    const node = value as JsonLdNode;
    out.push(node);
    if (node['@graph']) visit(node['@graph'], depth + 1);
    // A WebPage whose mainEntity is the article.
    if (node.mainEntity && typeof node.mainEntity === 'object') visit(node.mainEntity, depth + 1);
  };
  for (const text of texts) visit(parseLenient(text), 0);
  return out;
}

/** The node's @type values without the schema.org prefix. */
export function typesOf(node: JsonLdNode): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list
    .filter((x): x is string => typeof x === 'string')
    .map((x) => x.replace(/^https?:\/\/schema\.org\//, ''));
}

/** The first article node (NewsArticle, BlogPosting, …) of the page, else null. */
export function findArticleNode(nodes: JsonLdNode[]): JsonLdNode | null {
  const articles = nodes.filter((n) => typesOf(n).some((t) => ARTICLE_TYPES.has(t) && t !== 'VideoObject'));
  if (articles.length === 0) return null;
  // Prefer the one with a headline and a date (pages also list related articles).
  return (
    articles.find((n) => n.headline && n.datePublished) ?? articles.find((n) => n.headline) ?? articles[0]!
  );
}

/** A string from a JSON-LD value (string, number, {@value}, {name}, or the first of an array). */
export function asString(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    for (const v of value) {
      const s = asString(v);
      if (s) return s;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    const o = value as JsonLdNode;
    return asString(o['@value'] ?? o.name ?? o.url ?? o['@id']);
  }
  return null;
}

/** Person / organisation names of an author value (string, object, or array of them). */
export function namesOf(value: unknown): string[] {
  if (!value) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(namesOf);
  if (typeof value === 'object') {
    const o = value as JsonLdNode;
    const name = asString(o.name);
    if (name) return [name];
    const given = asString(o.givenName);
    const family = asString(o.familyName);
    if (given || family) return [[given, family].filter(Boolean).join(' ')];
  }
  return [];
}

/** The URL of an image value (string, ImageObject, or array). */
export function imageOf(value: unknown): string | null {
  if (!value) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return imageOf(value[0]);
  if (typeof value === 'object') {
    const o = value as JsonLdNode;
    return asString(o.url ?? o.contentUrl ?? o['@id']);
  }
  return null;
}
