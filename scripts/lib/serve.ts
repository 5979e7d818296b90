/** A static server on 127.0.0.1 for the demo corpus and the seed page (used by `npm start`, e2e and bench). */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SEED_FILE = path.join(ROOT, 'tests/fixtures/seed/article.html');
export const SEED_PATH = '/world/trump-north-korea-conflict-solved';

export interface CorpusPage {
  file: string;
  path: string;
  title: string;
  kind: 'article' | 'non-article';
}

export function demoPages(): CorpusPage[] {
  const dir = path.join(ROOT, 'demo/pages');
  return (JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as CorpusPage[]).map((p) => ({
    ...p,
    file: path.join(dir, p.file),
  }));
}

export interface Site {
  origin: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Serves each route (URL path → a file's path, or the page itself as bytes), with the response headers given for
 * its path, if any (a Content-Security-Policy, say). Anything else is a 404 page.
 */
export async function serveRoutes(
  routes: Record<string, string | Buffer>,
  headers: Record<string, Record<string, string>> = {},
): Promise<Site> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = routes[url.pathname];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Not found</title><p>Not found</p>');
      return;
    }
    try {
      const body = typeof route === 'string' ? readFileSync(route) : route;
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        ...headers[url.pathname],
      });
      res.end(body);
    } catch {
      res.writeHead(500);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The demo corpus and the seed page, each under its own path. */
export function demoRoutes(): Record<string, string> {
  const routes: Record<string, string> = { [SEED_PATH]: SEED_FILE };
  for (const p of demoPages()) routes[p.path] = p.file;
  return routes;
}
