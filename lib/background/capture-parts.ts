/**
 * Captures that come in parts (`pageCapturedPart`, sent by lib/content-messaging.ts postCapture when a page's
 * HTML is too large for one message), held until the last part is in. Bounded: at most MAX_UPLOADS uploads at
 * a time (a new one pushes out the oldest), each at most `maxChars` characters, each forgotten UPLOAD_TTL_MS
 * after its first part. Parts may arrive in any order; a part seen twice, or a part after the last, ends the
 * upload with an error. Nothing is stored until the whole page is in: a worker restarted between two parts
 * simply never completes that upload (the next visit of the page sends it again).
 */
export const MAX_UPLOADS = 4;
export const UPLOAD_TTL_MS = 60_000;

export interface CapturePart {
  url: string;
  upload: string;
  index: number;
  last: boolean;
  html: string;
}

interface Upload {
  url: string;
  parts: (string | undefined)[];
  received: number;
  chars: number;
  /** The index of the last part, once it arrived. */
  lastIndex: number | null;
  startedTs: number;
}

export type PartResult = { done: false; received: number } | { done: true; url: string; html: string };

export function createCaptureParts(options: { maxChars: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const uploads = new Map<string, Upload>();

  function expire(): void {
    const t = now();
    for (const [key, u] of uploads) if (t - u.startedTs > UPLOAD_TTL_MS) uploads.delete(key);
  }

  /** Adds a part sent from `sender` (a tab); the whole HTML when it was the one missing. Throws on a bad part. */
  function add(sender: string, part: CapturePart): PartResult {
    expire();
    const key = `${sender}\u0000${part.upload}`;
    let upload = uploads.get(key);
    if (!upload) {
      if (uploads.size >= MAX_UPLOADS) uploads.delete(uploads.keys().next().value!);
      upload = { url: part.url, parts: [], received: 0, chars: 0, lastIndex: null, startedTs: now() };
      uploads.set(key, upload);
    }
    const fail = (why: string): never => {
      uploads.delete(key);
      throw new Error(`pageCapturedPart: ${why}`);
    };
    if (part.url !== upload.url) fail('a part of another page');
    if (upload.parts[part.index] !== undefined) fail(`part ${part.index} sent twice`);
    if (upload.lastIndex !== null && part.index > upload.lastIndex) fail('a part after the last one');
    if (part.last) {
      if (upload.parts.length > part.index + 1) fail('a part after the last one');
      upload.lastIndex = part.index;
    }
    upload.chars += part.html.length;
    if (upload.chars > options.maxChars) fail('page too large');
    upload.parts[part.index] = part.html;
    upload.received++;
    if (upload.lastIndex === null || upload.received < upload.lastIndex + 1) {
      return { done: false, received: upload.received };
    }
    uploads.delete(key);
    return { done: true, url: upload.url, html: upload.parts.join('') };
  }

  return { add, pending: () => uploads.size };
}
