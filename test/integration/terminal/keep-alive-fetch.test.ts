import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClientError } from '../../../main/api-client/api-error';
import { keepAliveFetch } from '../../../main/api-client/keep-alive-fetch';
import { TerminalApiClient } from '../../../main/api-client/terminal-api-client';

/** The terminal's transport against a real HTTP server on loopback: what fetch would answer, on kept-alive sockets. */

let server: http.Server;
let base: string;
/** Remote ports of the connections the server accepted, in order. */
const connections: number[] = [];
/** Set by a test: the next answer waits for this before it is sent. */
let hold: Promise<void> | null = null;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (): void => {
        if (req.url === '/empty') {
          res.writeHead(204).end();
          return;
        }
        if (req.url === '/refuse') {
          res.writeHead(409, { 'content-type': 'application/json', 'x-two': ['a', 'b'] });
          res.end(JSON.stringify({ code: 'conflict', message: 'no' }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            method: req.method,
            url: req.url,
            auth: req.headers.authorization ?? null,
            type: req.headers['content-type'] ?? null,
            body: Buffer.concat(chunks).toString('utf8'),
            port: req.socket.remotePort,
          }),
        );
      };
      if (hold) void hold.then(send);
      else send();
    });
  });
  server.on('connection', (socket) => connections.push(socket.remotePort ?? 0));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('keepAliveFetch', () => {
  it('sends the method, headers and a UTF-8 body, and answers status, headers and body as fetch does', async () => {
    const body = JSON.stringify({ name: 'Zoë', amount: 1250 });
    const res = await keepAliveFetch(`${base}/echo?x=1`, {
      method: 'POST',
      headers: { authorization: 'Bearer tok', 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('Content-Type')).toBe('application/json');
    expect(res.headers.has('CONTENT-TYPE')).toBe(true);
    expect(res.headers.has('x-absent')).toBe(false);
    expect(res.headers.get('x-absent')).toBeNull();
    const seen = JSON.parse(await res.text()) as Record<string, unknown>;
    expect(seen).toMatchObject({
      method: 'POST',
      url: '/echo?x=1',
      auth: 'Bearer tok',
      type: 'application/json',
      body,
    });
  });

  it('keeps one socket for calls one after another', async () => {
    const before = connections.length;
    const ports = new Set<unknown>();
    for (let i = 0; i < 5; i++) {
      const res = await keepAliveFetch(`${base}/n${i}`, { method: 'GET' });
      ports.add((JSON.parse(await res.text()) as { port: unknown }).port);
    }
    expect(ports.size).toBe(1);
    expect(connections.length - before).toBeLessThanOrEqual(1);
  });

  it('answers a refusal with its status, body and repeated headers, and a 204 with no body', async () => {
    const refused = await keepAliveFetch(`${base}/refuse`, { method: 'POST', body: '{}' });
    expect(refused.status).toBe(409);
    expect(refused.ok).toBe(false);
    expect(refused.headers.get('x-two')).toBe('a, b');
    expect(JSON.parse(await refused.text())).toEqual({ code: 'conflict', message: 'no' });
    const empty = await keepAliveFetch(`${base}/empty`, { method: 'DELETE' });
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
  });

  it('rejects with the signal’s TimeoutError when the answer is late, and the next call still works', async () => {
    let release!: () => void;
    hold = new Promise<void>((resolve) => (release = resolve));
    const err = await keepAliveFetch(`${base}/slow`, {
      method: 'GET',
      signal: AbortSignal.timeout(100),
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as Error).name).toBe('TimeoutError');
    hold = null;
    release();
    const res = await keepAliveFetch(`${base}/after`, { method: 'GET' });
    expect((JSON.parse(await res.text()) as { url: string }).url).toBe('/after');
  });

  it('rejects at once for an already aborted signal and for protocols it does not speak', async () => {
    const ctl = new AbortController();
    ctl.abort(new Error('stop'));
    await expect(keepAliveFetch(`${base}/x`, { signal: ctl.signal })).rejects.toThrow('stop');
    await expect(keepAliveFetch('ftp://127.0.0.1/x', {})).rejects.toThrow(/unsupported protocol/);
  });

  it('is the API client’s default: a closed port reads as "connection refused", a late answer as a timeout', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await new TerminalApiClient({ baseUrl: `http://127.0.0.1:${port}` }).demo().then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ApiClientError);
    expect((refused as ApiClientError).code).toBe('api_unreachable');
    expect((refused as ApiClientError).message).toContain('connection refused');

    let release!: () => void;
    hold = new Promise<void>((resolve) => (release = resolve));
    const late = await new TerminalApiClient({ baseUrl: base, timeoutMs: 100 }).demo().then(
      () => null,
      (e: unknown) => e,
    );
    hold = null;
    release();
    expect((late as ApiClientError).code).toBe('api_timeout');
  });
});

/**
 * A raw HTTP server for the stale-socket case: on its first connection it answers the first request and resets the
 * connection at the second (a kept-alive socket the server had closed); `resetFirst` resets a connection's first
 * request instead. Every other request is answered "fresh".
 */
async function resettingServer(resetFirst: boolean): Promise<{ url: string; close(): Promise<void> }> {
  let connections = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    const connection = ++connections;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    let requests = 0;
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      while (buffered.includes('\r\n\r\n')) {
        buffered = buffered.slice(buffered.indexOf('\r\n\r\n') + 4);
        requests++;
        const reset = connection === 1 && (resetFirst ? requests === 1 : requests === 2);
        if (reset) {
          socket.resetAndDestroy();
          return;
        }
        const text = connection === 1 ? 'first' : 'fresh';
        socket.write(
          `HTTP/1.1 200 OK\r\nContent-Length: ${text.length}\r\nKeep-Alive: timeout=30\r\n\r\n${text}`,
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('keepAliveFetch on a kept-alive socket the server had closed', () => {
  it('sends the call again, once, on a new socket when the reused one is reset before any answer', async () => {
    const s = await resettingServer(false);
    try {
      expect(await (await keepAliveFetch(s.url, { method: 'GET' })).text()).toBe('first');
      const again = await keepAliveFetch(s.url, { method: 'POST', body: '{"id":1}' });
      expect(again.status).toBe(200);
      expect(await again.text()).toBe('fresh');
    } finally {
      await s.close();
    }
  });

  it('does not resend a call whose socket was new: the reset is the answer', async () => {
    const s = await resettingServer(true);
    try {
      const err = await keepAliveFetch(s.url, { method: 'GET' }).then(
        () => null,
        (e: unknown) => e,
      );
      expect((err as NodeJS.ErrnoException).code).toBe('ECONNRESET');
    } finally {
      await s.close();
    }
  });
});
