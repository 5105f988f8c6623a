/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushResponseSchema } from '../../../../core/sync/protocol';
import { WebhookDeliveryWorker } from '../../../../server/wallet/webhook-delivery-worker';
import { createTenant, saleCommand, useTestServer } from '../api-harness';
import { serverBackends } from '../server-backends';

// The server's own delivery loop stays off: the test drives a worker with its own clock and backoff.
process.env.REFILL_WALLET_JOB_INTERVAL_MS = '0';
process.env.REFILL_WEBHOOK_ALLOW_PRIVATE = '1';

/** A receiver that is down (answers 503) until `up` is set, and counts what it was sent. */
function flakyReceiver(): Promise<{ server: Server; url: string; hits: () => number; up: () => void }> {
  let hits = 0;
  let isUp = false;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits += 1;
      res.statusCode = isUp ? 200 : 503;
      res.end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
        hits: () => hits,
        up: () => (isUp = true),
      }),
    ),
  );
}

/** A failed delivery is tried again once its backoff has passed, not before, and the log says when. */
describe.each(serverBackends())('webhook retry schedule ($name)', (backend) => {
  // A database of its own: the worker takes every due event, other test files' included.
  const env = useTestServer(backend, { isolated: true });
  let hook: Awaited<ReturnType<typeof flakyReceiver>>;
  beforeAll(async () => {
    hook = await flakyReceiver();
  });
  afterAll(() => new Promise<void>((r) => hook.server.close(() => r())));

  it('waits out the backoff after a failed delivery, then delivers', async () => {
    const t = await createTenant(env.api, { credits: 1_000 });
    const set = await env.api.call('PUT', '/v1/terminal/wallet/alerts', {
      token: t.token,
      body: { alertLevel: 500, webhookUrl: hook.url },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const sold = await env.api.call('POST', '/v1/terminal/sync/push', {
      token: t.token,
      body: { commands: [saleCommand(t)] }, // 1,000 -> 50: under the level, one balance alert queued
    });
    expect(pushResponseSchema.parse(sold.body).outcomes[0]!.status).toBe('applied');

    let now = Date.now() + 1_000;
    const worker = new WebhookDeliveryWorker({ db: env.db, now: () => now, backoffMs: (n) => n * 30_000 });
    expect(await worker.runOnce()).toBe(1);
    expect(hook.hits()).toBe(1);
    const log = async () =>
      (await env.api.call('GET', '/v1/terminal/wallet/webhook-deliveries', { token: t.token })).body
        .deliveries as any[];
    expect(await log()).toEqual([
      expect.objectContaining({
        status: 'pending',
        attempts: 1,
        lastStatusCode: 503,
        nextAttemptAt: new Date(now + 30_000).toISOString(),
      }),
    ]);

    hook.up();
    now += 29_999;
    expect(await worker.runOnce()).toBe(0); // not due yet
    expect(hook.hits()).toBe(1);
    now += 1;
    expect(await worker.runOnce()).toBe(1);
    expect(hook.hits()).toBe(2);
    expect(await log()).toEqual([
      expect.objectContaining({ status: 'delivered', attempts: 2, lastStatusCode: 200, nextAttemptAt: null }),
    ]);
  });
});
