/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer, type StartServerOptions } from '../../../server/start-server';
import {
  TEST_OPERATOR_KEY,
  UNLIMITED_FAILURES,
  apiClient,
  createTenant,
  saleCommand,
  type ApiClient,
} from './api-harness';
import { serverBackends, type OpenedBackend } from './server-backends';

// Windows long enough that no test run, however loaded the machine, sees one end: the tests count failures, never
// time. The production windows are AUTH_FAILURE_LIMIT and ENROLLMENT_FAILURE_LIMIT.
const HOUR = 3_600_000;
const AUTH_LIMIT = { maxFailures: 30, windowMs: HOUR };
const ENROLL_LIMIT = { maxFailures: 10, windowMs: HOUR };
/** The longest any "it does end" wait may take; only proves the server ends it, not how fast. */
const ENDS_WITHIN_MS = 45_000;

/** A raw HTTP/1.1 request (any Host header, any local address); resolves with status, headers and JSON body. */
function rawRequest(
  url: string,
  opts: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: unknown;
    localAddress?: string;
  },
): Promise<{ status: number; headers: Record<string, unknown>; body: any }> {
  const u = new URL(url);
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: u.hostname,
        port: u.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        localAddress: opts.localAddress,
        agent: false,
        headers: {
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
          ...opts.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Resolves when `socket` closes; rejects if it is still open after ENDS_WITHIN_MS (the server never ended it). */
function closed(socket: Socket, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const cap = setTimeout(
      () => reject(new Error(`${what}: still open after ${ENDS_WITHIN_MS} ms`)),
      ENDS_WITHIN_MS,
    );
    socket.once('close', () => {
      clearTimeout(cap);
      resolve();
    });
  });
}

/** Opens a TCP connection to the server and waits until it is established. */
function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port }, () => resolve(s));
    s.on('error', reject);
  });
}

describe.each(serverBackends())('API hardening: limits, timeouts, Host ($name)', (backend) => {
  let opened: OpenedBackend;
  const servers: RunningServer[] = [];
  /** Starts a server of its own on the test database (so each test's counters start from zero). */
  const start = async (
    opts: Partial<StartServerOptions> = {},
  ): Promise<{ s: RunningServer; api: ApiClient }> => {
    const s = await startServer({
      port: 0,
      database: opened.db,
      dataDir: mkdtempSync(join(tmpdir(), 'refill-sec-')),
      operatorKey: TEST_OPERATOR_KEY,
      seedDemo: false,
      failureLimits: { auth: AUTH_LIMIT, enrollment: ENROLL_LIMIT },
      ...opts,
    });
    servers.push(s);
    return { s, api: apiClient(s.url) };
  };
  beforeAll(async () => {
    opened = await backend.open();
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await opened?.cleanup();
  });

  it('answers 429 with retry_after after 30 wrong operator keys, while a valid terminal keeps pushing', async () => {
    const { s, api } = await start();
    const tenant = await createTenant(api, { credits: 1_000_000 });
    const statuses: number[] = [];
    for (let i = 0; i < 300; i += 1) {
      const r = await api.call('GET', `/v1/operator/resellers/${tenant.resellerId}`, {
        token: `wrong-key-${i}`,
      });
      statuses.push(r.status);
      if (i % 25 === 0) {
        const push = await api.call('POST', '/v1/terminal/sync/push', {
          token: tenant.token,
          body: { commands: [saleCommand(tenant)] },
        });
        expect(push.status, `push after ${i + 1} wrong keys`).toBe(200);
        expect(push.body.outcomes[0].status).toBe('applied');
      }
    }
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(statuses.slice(30)).toEqual(Array(270).fill(429));
    const last = await rawRequest(s.url, {
      path: `/v1/operator/resellers/${tenant.resellerId}`,
      headers: { authorization: 'Bearer wrong-again' },
    });
    expect(last.status).toBe(429);
    expect(last.body.code).toBe('rate_limited');
    expect(last.body.details.retry_after).toBeGreaterThan(0);
    expect(Number(last.headers['retry-after'])).toBe(last.body.details.retry_after);
    // The right key still works from the same address: successes are never throttled.
    const ok = await api.call('GET', `/v1/operator/resellers/${tenant.resellerId}`, {
      token: TEST_OPERATOR_KEY,
    });
    expect(ok.status).toBe(200);
  });

  it('counts unknown terminal and customer tokens too', async () => {
    const { api } = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const path = i % 2 === 0 ? '/v1/terminal/balance' : '/v1/customer/wallet';
      statuses.push((await api.call('GET', path, { token: `not-a-token-${i}` })).status);
    }
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(statuses.slice(30)).toEqual(Array(10).fill(429));
  });

  it('answers 429 after 10 wrong enrollment codes from one address, before trying the code', async () => {
    const { s, api } = await start();
    const tenant = await createTenant(api);
    const statuses: number[] = [];
    for (let i = 0; i < 300; i += 1) {
      const guess = `ABCD-EFGH-${String(1000 + i).slice(-4)}`;
      const r = await api.call('POST', '/v1/terminal/enroll', {
        body: { code: guess, terminalName: 'Guess' },
      });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(statuses.slice(10)).toEqual(Array(290).fill(429));
    // A genuine code from the blocked address waits too (the code is not even looked at, so it stays unused) ...
    const code = await api.call('POST', `/v1/operator/resellers/${tenant.resellerId}/enrollment-codes`, {
      token: TEST_OPERATOR_KEY,
      body: { floorLimits: { perSaleMax: 5000, totalOfflineMax: 20000, maxHoursSinceSync: 24 } },
    });
    const blocked = await rawRequest(s.url, {
      method: 'POST',
      path: '/v1/terminal/enroll',
      body: { code: code.body.code, terminalName: 'Real' },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.details.retry_after).toBeGreaterThan(0);
    expect(blocked.headers['retry-after']).toBe(String(blocked.body.details.retry_after));
    // ... while another address enrolls with it.
    const other = await rawRequest(s.url, {
      method: 'POST',
      path: '/v1/terminal/enroll',
      body: { code: code.body.code, terminalName: 'Real' },
      localAddress: '127.0.0.2',
    });
    expect(other.status).toBe(201);
  });

  it('checks no more than 10 wrong enrollment codes from one address even in a concurrent burst', async () => {
    const { api } = await start({
      failureLimits: { auth: UNLIMITED_FAILURES, enrollment: { maxFailures: 10, windowMs: 3_600_000 } },
    });
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        api.call('POST', '/v1/terminal/enroll', { body: { code: `WRONG-${i}-XXXXXXXX`, terminalName: 'x' } }),
      ),
    );
    const looked = answers.filter((a) => a.body?.code === 'enrollment_code_invalid').length;
    expect(looked).toBe(10);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(190);
  });

  it('authenticates before validating: no token and a bad body get 401 without schema details', async () => {
    const { api } = await start({ failureLimits: { auth: UNLIMITED_FAILURES } });
    for (const [path, body] of [
      ['/v1/operator/resellers', { name: 42, extra: true }],
      ['/v1/terminal/sync/push', { commands: 'nope' }],
    ] as const) {
      const anonymous = await api.call('POST', path, { body });
      expect(anonymous.status, path).toBe(401);
      expect(anonymous.body.code).toBe('unauthorized');
      expect(anonymous.body.details).toBeUndefined();
      const badJson = await api.call('POST', path, { raw: '{not json' });
      expect(badJson.status, `${path} bad JSON`).toBe(401);
    }
    const withKey = await api.call('POST', '/v1/operator/resellers', {
      token: TEST_OPERATOR_KEY,
      body: { name: 42, extra: true },
    });
    expect(withKey.status).toBe(400);
    expect(withKey.body.code).toBe('invalid_input');
  });

  it('on loopback, refuses a Host that is not a loopback name (DNS rebinding) with 421', async () => {
    const { s } = await start();
    for (const host of ['rebind.example', `rebind.example:${s.port}`, `10.0.0.5:${s.port}`]) {
      const r = await rawRequest(s.url, { path: '/health', headers: { host } });
      expect(r.status, host).toBe(421);
      expect(r.body.code).toBe('misdirected_request');
    }
    for (const host of [`127.0.0.1:${s.port}`, `localhost:${s.port}`, 'localhost', `[::1]:${s.port}`]) {
      const r = await rawRequest(s.url, { path: '/health', headers: { host } });
      expect(r.status, host).toBe(200);
    }
  });

  it('closes a client that sends its body one byte at a time, and still serves a normal one', async () => {
    const { s, api } = await start({ http: { requestTimeoutMs: 1_000, headersTimeoutMs: 1_000 } });
    const slow = await openSocket(s.port);
    const ended = closed(slow, 'slow body');
    slow.on('error', () => undefined);
    slow.write(
      'POST /v1/terminal/enroll HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100000\r\n\r\n{',
    );
    // One byte each time the previous one has been flushed and a little more: never finishing, never idle.
    const drip = setInterval(() => {
      if (!slow.destroyed) slow.write(' ');
    }, 100);
    try {
      await ended;
    } finally {
      clearInterval(drip);
    }
    const health = await api.call('GET', '/health');
    expect(health.status).toBe(200);
  });

  it('closes a client that sends its headers one byte at a time', async () => {
    const { s } = await start({ http: { requestTimeoutMs: 1_000, headersTimeoutMs: 1_000 } });
    const slow = await openSocket(s.port);
    const ended = closed(slow, 'slow headers');
    slow.on('error', () => undefined);
    const text = 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ' + 'a'.repeat(100_000);
    let i = 0;
    const drip = setInterval(() => {
      if (!slow.destroyed) slow.write(text[i++ % text.length]!);
    }, 100);
    try {
      await ended;
    } finally {
      clearInterval(drip);
    }
  });

  it('caps open connections: one past the cap is closed at once, and the cap frees up', async () => {
    const { s } = await start({ http: { maxSockets: 2, keepAliveTimeoutMs: HOUR, idleTimeoutMs: HOUR } });
    // Two connections the server has certainly accepted: each has had an answer and stays kept alive.
    const held: Socket[] = [];
    for (let n = 0; n < 2; n += 1) {
      const sock = await openSocket(s.port);
      sock.on('error', () => undefined);
      await new Promise<void>((resolve) => {
        sock.once('data', () => resolve());
        sock.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      });
      held.push(sock);
    }
    const third = await openSocket(s.port);
    third.on('error', () => undefined);
    await closed(third, 'connection past the cap');
    for (const sock of held) {
      const gone = closed(sock, 'held');
      sock.destroy();
      await gone;
    }
    // The server sees the closes on its own schedule: try until it answers (each try fails fast if refused).
    let status = 0;
    for (let attempt = 0; attempt < 200 && status !== 200; attempt += 1) {
      status = await rawRequest(s.url, { path: '/health' }).then(
        (r) => r.status,
        () => 0,
      );
    }
    expect(status).toBe(200);
  });
});
