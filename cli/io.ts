/** File input for the CLI: gzip, declared charsets, JSON lines with clear errors. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export class InputError extends Error {
  override name = 'InputError';
}

/** Reads a file's bytes, with a clear error when it cannot be read. */
export function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new InputError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/** Reads an .html or .html.gz file and decodes it with the charset the page declares (UTF-8 otherwise). */
export function readHtml(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new InputError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw new InputError(`${file}: not a valid gzip file`);
    }
  }
  const head = bytes.subarray(0, 4096).toString('latin1');
  const declared =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ??
    /<\?xml[^>]+encoding=["']([\w.:-]+)/i.exec(head)?.[1];
  let html: string;
  try {
    html = new TextDecoder(declared ?? 'utf-8').decode(bytes);
  } catch {
    html = new TextDecoder('utf-8').decode(bytes);
  }
  if (
    html.includes('\u0000') ||
    !/<(html|head|body|p|div|!doctype|title|meta|article)\b/i.test(html.slice(0, 20000))
  ) {
    throw new InputError(`${file}: not an HTML file`);
  }
  return html;
}

/** Parses a JSON-lines file; bad lines are reported through onError and skipped. */
export function readJsonl<T>(file: string, onError: (message: string) => void): T[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const out: T[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const value = JSON.parse(line) as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new Error('not an object');
      out.push(value as T);
    } catch (e) {
      onError(`${file}:${i + 1}: invalid JSON line (${(e as Error).message})`);
    }
  });
  return out;
}
