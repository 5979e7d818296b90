/** The one error feed and OPML parsing throws: a stable `code` for the caller, an English message for people. */

export type FeedErrorCode = 'too-large' | 'not-a-feed' | 'malformed' | 'bad-encoding';

export class FeedError extends Error {
  override name = 'FeedError';
  readonly code: FeedErrorCode;

  constructor(code: FeedErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
