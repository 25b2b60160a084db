import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ParleyError } from '@parley/protocol';

/** Where `npm run build` puts the widget and the console (packages/web/dist), from src/ or dist/. */
export function defaultWebDir(): string {
  return fileURLToPath(new URL('../../../../web/dist', import.meta.url));
}

const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
/** Vite's hashed asset names only: no paths, no dot files. */
const ASSET_NAME = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(?:js|css|svg|png|woff2?)$/;
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** The built files are small: each is read once per change (by mtime) and kept in memory. */
class FileCache {
  readonly #files = new Map<string, { mtimeMs: number; body: Buffer; etag: string }>();

  async get(path: string): Promise<{ body: Buffer; etag: string } | null> {
    let mtimeMs: number;
    try {
      mtimeMs = (await stat(path)).mtimeMs;
    } catch {
      return null;
    }
    const hit = this.#files.get(path);
    if (hit && hit.mtimeMs === mtimeMs) return hit;
    const body = await readFile(path);
    const entry = { mtimeMs, body, etag: `"${body.length.toString(16)}-${Math.floor(mtimeMs).toString(16)}"` };
    this.#files.set(path, entry);
    return entry;
  }
}

/**
 * The visitor widget's script at `/widget.js` (embeddable from any site) and the agent console at
 * `/console/`, from the web build. The routes always exist; without a build they answer 404
 * `E_NOT_FOUND` saying so. The console page gets a strict Content-Security-Policy: its own scripts
 * only, no framing.
 */
export async function registerWeb(app: FastifyInstance, dir: string = defaultWebDir()): Promise<void> {
  const consoleDir = join(dir, 'console');
  const cache = new FileCache();
  const send = async (ifNoneMatch: string | undefined, reply: FastifyReply, path: string): Promise<FastifyReply> => {
    const file = await cache.get(path);
    if (!file) throw new ParleyError('E_NOT_FOUND', 'The web pages are not built: run npm run build');
    reply.header('etag', file.etag).type(TYPES[extname(path)] ?? 'application/octet-stream');
    if (ifNoneMatch === file.etag) return reply.code(304).send();
    return reply.send(file.body);
  };
  app.get('/widget.js', (request, reply) =>
    send(
      request.headers['if-none-match'],
      reply.header('cache-control', 'public, max-age=300').header('cross-origin-resource-policy', 'cross-origin').header('x-content-type-options', 'nosniff'),
      join(dir, 'widget.js'),
    ),
  );
  await app.register((instance, _opts, done) => {
    instance.addHook('onSend', (_request, reply, payload, next) => {
      reply.header('content-security-policy', CONSOLE_CSP).header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
      next(null, payload);
    });
    instance.get('/console', (_request, reply) => reply.redirect('/console/'));
    instance.get('/console/', (request, reply) => send(request.headers['if-none-match'], reply.header('cache-control', 'no-cache'), join(consoleDir, 'index.html')));
    instance.get<{ Params: { file: string } }>('/console/assets/:file', (request, reply) => {
      const { file } = request.params;
      if (!ASSET_NAME.test(file)) throw new ParleyError('E_NOT_FOUND', 'No such file');
      return send(request.headers['if-none-match'], reply.header('cache-control', 'public, max-age=31536000, immutable'), join(consoleDir, 'assets', file));
    });
    done();
  });
}
