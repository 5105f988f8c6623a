import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventMessage } from '../../core/contract/events';
import type { AppServices } from '../app/app-services';
import { mimeTypeOf, resolveRendererFile } from '../renderer-files/renderer-file';
import { CONTENT_SECURITY_POLICY } from '../security/content-security-policy';
import { tokenMatches } from './session-token';

/** Where and how browser mode listens. */
export interface WebHostOptions {
  readonly services: AppServices;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** The per-start session token every contract call must carry. */
  readonly token: string;
  readonly host: string;
  readonly port: number;
}

/** A running browser-mode host. */
export interface WebHost {
  /** The base URL (no token). */
  readonly url: string;
  /** The URL to open: base URL with the token in the fragment (never sent to servers or logged by proxies). */
  readonly openUrl: string;
  close(): Promise<void>;
}

/** Header carrying the session token on contract calls. */
export const TOKEN_HEADER = 'x-refill-session';
const MAX_BODY_BYTES = 1_000_000;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** The HTTP status for a contract error code; the body always carries the error shape too. */
function httpStatusFor(code: string): number {
  switch (code) {
    case 'invalid_input':
      return 400;
    case 'signed_out':
      return 401;
    case 'forbidden':
      return 403;
    case 'unknown_method':
      return 404;
    case 'internal':
      return 500;
    default:
      return 422;
  }
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Serves the built renderer and the app contract over HTTP: `POST /rpc/<method>` with a JSON body and the session
 * token header, and `GET /events?token=` as server-sent events. Requests must name our own host (defeats DNS
 * rebinding) and, when a browser sends an Origin, our own origin.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { services, token } = options;
  let allowedHosts = new Set<string>();
  // Listening on every interface, clients name the machine by addresses we cannot list; the session token then
  // carries the protection (it never leaves the printed URL's fragment), and same-origin is still enforced.
  const anyHost = options.host === '0.0.0.0' || options.host === '::';
  let origin = '';

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      console.error('browser host request failed', err);
      if (!res.headersSent) sendError(res, 500, 'internal', 'Something went wrong.');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const hostHeader = req.headers.host ?? '';
    if (!anyHost && !allowedHosts.has(hostHeader))
      return sendError(res, 421, 'bad_host', 'Unknown host header');
    const reqOrigin = req.headers.origin;
    if (reqOrigin !== undefined && reqOrigin !== `http://${hostHeader}`)
      return sendError(res, 403, 'bad_origin', 'Cross-origin request refused');
    const url = new URL(req.url ?? '/', origin);

    if (url.pathname.startsWith('/rpc/')) {
      if (req.method !== 'POST') return sendError(res, 405, 'method_not_allowed', 'Use POST');
      if (!tokenMatches(token, req.headers[TOKEN_HEADER] as string | undefined)) {
        return sendError(res, 401, 'unauthorized', 'Missing or wrong session token');
      }
      let input: unknown;
      try {
        const text = await readBody(req);
        input = text.length === 0 ? {} : JSON.parse(text);
      } catch {
        return sendError(res, 400, 'invalid_json', 'The request body is not valid JSON');
      }
      let name: string;
      try {
        name = decodeURIComponent(url.pathname.slice('/rpc/'.length));
      } catch {
        return sendError(res, 404, 'unknown_method', 'Unknown method');
      }
      const result = await services.dispatch(name, input, { host: 'browser' });
      return sendJson(res, result.ok ? 200 : httpStatusFor(result.error.code), result);
    }

    if (url.pathname === '/events') {
      if (!tokenMatches(token, url.searchParams.get('token')))
        return sendError(res, 401, 'unauthorized', 'Missing or wrong session token');
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      const send = (message: EventMessage): void => {
        res.write(`event: ${message.name}\ndata: ${JSON.stringify(message.payload)}\n\n`);
      };
      const unsubscribe = services.events.subscribe(send);
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(keepAlive);
        unsubscribe();
      });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendError(res, 405, 'method_not_allowed', 'Use GET');
    const file = resolveRendererFile(options.rendererDir, url.pathname);
    if (!file) return sendError(res, 404, 'not_found', 'Not found');
    res.writeHead(200, {
      'content-type': mimeTypeOf(file),
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  origin = `http://${hostForUrl}:${port}`;
  allowedHosts = new Set([`${hostForUrl}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`]);
  return {
    url: origin,
    openUrl: `${origin}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
