/**
 * One feed request: conditional (If-None-Match / If-Modified-Since from the last 200 answer), without cookies,
 * with a time limit, and with the body read up to a byte cap (a larger feed is refused before it is parsed).
 */
import { MAX_FEED_BYTES } from '@/core/feeds/errors';
import type { FeedRecord } from '@/lib/db/schema';

export const FETCH_TIMEOUT_MS = 30_000;

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type FeedResponse =
  | { status: 'not-modified' }
  | { status: 'ok'; body: Uint8Array; contentType?: string; etag?: string; lastModified?: string };

/** A failed request, in words for the options page. */
export class FeedFetchError extends Error {
  override name = 'FeedFetchError';
}

/** The body, read chunk by chunk; throws once it passes `maxBytes` (the rest is not downloaded). */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new FeedFetchError(`feed too large (over ${Math.round(maxBytes / 1024 / 1024)} MB)`);
  }
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new FeedFetchError(`feed too large (over ${Math.round(maxBytes / 1024 / 1024)} MB)`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export async function fetchFeed(
  feed: Pick<FeedRecord, 'url' | 'etag' | 'lastModified'>,
  options: { fetch?: FetchLike; maxBytes?: number; timeoutMs?: number } = {},
): Promise<FeedResponse> {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const headers: Record<string, string> = {
    accept:
      'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8',
  };
  if (feed.etag) headers['if-none-match'] = feed.etag;
  if (feed.lastModified) headers['if-modified-since'] = feed.lastModified;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? FETCH_TIMEOUT_MS);
  try {
    let response: Response;
    try {
      response = await doFetch(feed.url, {
        headers,
        credentials: 'omit',
        redirect: 'follow',
        referrerPolicy: 'no-referrer',
        signal: controller.signal,
      });
    } catch (error) {
      if (controller.signal.aborted) throw new FeedFetchError('no answer within 30 seconds');
      throw new FeedFetchError(`network error (${error instanceof Error ? error.message : String(error)})`);
    }
    if (response.status === 304) return { status: 'not-modified' };
    if (!response.ok)
      throw new FeedFetchError(`the server answered ${response.status} ${response.statusText}`.trim());
    const body = await readCapped(response, options.maxBytes ?? MAX_FEED_BYTES);
    const contentType = response.headers.get('content-type') ?? undefined;
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    return {
      status: 'ok',
      body,
      ...(contentType && { contentType }),
      ...(etag && { etag }),
      ...(lastModified && { lastModified }),
    };
  } finally {
    clearTimeout(timer);
  }
}
