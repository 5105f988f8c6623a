import http from 'node:http';
import https from 'node:https';

/**
 * Sockets kept open between calls to the central API. The agent closes an idle socket a second before the server's
 * `Keep-Alive: timeout=` hint runs out, so a call does not land on a socket the server is closing.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 16 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 16 }),
} as const;

/** Request headers as node:http takes them, from whatever `fetch` accepts (a plain record as it is). */
function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  if (headers === undefined) return {};
  if (!(headers instanceof Headers) && !Array.isArray(headers)) return { ...headers };
  const out: Record<string, string> = {};
  new Headers(headers).forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

/** What the API client reads of an answer: the part of fetch's `Response` it uses (a `Response` is one). */
export interface FetchAnswer {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null; has(name: string): boolean };
  /** The whole body as UTF-8 text. */
  text(): Promise<string>;
}

/** What the API client needs of `fetch`: a URL and the request in, the whole answer out. */
export type FetchLike = (url: string, init: RequestInit) => Promise<FetchAnswer>;

/**
 * An answer read whole off node:http. Plain data rather than a `Response`: building one (web streams, a `Headers`)
 * cost more CPU than the rest of the call. Header names are matched without case; repeated headers read joined
 * with ", " (node joins them as fetch does; `set-cookie`, kept as a list by node, is joined here).
 */
function answerOf(res: http.IncomingMessage, body: Buffer): FetchAnswer {
  const status = res.statusCode ?? 0;
  const raw = res.headers;
  const get = (name: string): string | null => {
    const value = raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  };
  return {
    status,
    ok: status >= 200 && status <= 299,
    headers: { get, has: (name) => get(name) !== null },
    text: () => Promise.resolve(body.toString('utf8')),
  };
}

/**
 * The terminal's transport to the central API: `fetch`'s shape over node:http(s) with kept-alive sockets. Node's
 * built-in fetch costs about 0.5 ms more per call on loopback here (measured: 0.62 against 0.17 ms for an empty
 * answer), which every sync push and online call pays. Same contract as fetch for what the API client uses: the
 * method, headers, a string body and an abort signal in; the status, headers and whole body out. An aborted call
 * rejects with the signal's reason (a `TimeoutError` for `AbortSignal.timeout`); a failed connection rejects with
 * node's error, whose `code` (ECONNREFUSED, ...) names the cause. One case is sent again, once, on a new socket: a
 * kept-alive socket the server had already closed, found out by a reset before any answer (`reusedSocket`, node's
 * documented case: a terminal waking from sleep, or a main process busy longer than the server's keep-alive). Every
 * call the terminal makes that moves anything carries its own idempotency key, so even a request that did reach the
 * server is not applied twice; nothing else is retried.
 */
export const keepAliveFetch: FetchLike = (input, init) => {
  const url = new URL(input);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new TypeError(`unsupported protocol ${url.protocol}`));
  }
  const body = init.body ?? undefined;
  if (body !== undefined && typeof body !== 'string') {
    return Promise.reject(new TypeError('keepAliveFetch sends string bodies only'));
  }
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const headers = plainHeaders(init.headers);
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<FetchAnswer>((resolve, reject) => {
    const send = (firstTry: boolean): void => {
      const req = transport.request(url, {
        method: init.method ?? 'GET',
        headers,
        agent: agents[url.protocol as 'http:' | 'https:'],
      });
      const onAbort = (): void => {
        const reason: unknown = signal?.reason ?? new DOMException('aborted', 'AbortError');
        // Settled with the signal's reason first: destroying the socket then reports its own, later, error.
        reject(reason);
        req.destroy();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = (): void => signal?.removeEventListener('abort', onAbort);
      let answered = false;
      req.on('error', (err: NodeJS.ErrnoException) => {
        done();
        const stale =
          firstTry && req.reusedSocket && !answered && (err.code === 'ECONNRESET' || err.code === 'EPIPE');
        if (stale && !signal?.aborted) send(false);
        else reject(err);
      });
      req.on('response', (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (err) => {
          done();
          reject(err);
        });
        res.on('end', () => {
          done();
          resolve(answerOf(res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
        });
      });
      req.end(body);
    };
    send(true);
  });
};
