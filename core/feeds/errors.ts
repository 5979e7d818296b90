/** The one error feed and OPML parsing throws: a stable `code` for the caller, an English message for people. */

/** Feeds larger than this are refused (read by the fetch, apart from the parser). */
export const MAX_FEED_BYTES = 5 * 1024 * 1024;

export type FeedErrorCode = 'too-large' | 'not-a-feed' | 'malformed' | 'bad-encoding';

export class FeedError extends Error {
  override name = 'FeedError';
  readonly code: FeedErrorCode;

  constructor(code: FeedErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
