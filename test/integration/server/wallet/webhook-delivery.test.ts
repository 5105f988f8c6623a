/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushResponseSchema } from '../../../../core/sync/protocol';
import { verifyWebhook } from '../../../../core/wallet/webhook-signature';
import { WebhookDeliveryWorker, webhookBackoffMs } from '../../../../server/wallet/webhook-delivery-worker';
import { readFeed, createTenant, ledgerViolations, saleCommand, useTestServer } from '../api-harness';
import { serverBackends } from '../server-backends';

// The server's own delivery loop stays off here: this test drives a worker with an injected clock and backoff.
process.env.REFILL_WALLET_JOB_INTERVAL_MS = '0';
// The receiver listens on loopback: webhooks may point there only when the server allows it explicitly.
process.env.REFILL_WEBHOOK_ALLOW_PRIVATE = '1';

/** A webhook receiver that answers 500 to its first `failures` requests, then 200. */
function receiver(
  failures: number,
): Promise<{ server: Server; url: string; got: { headers: IncomingHttpHeaders; body: string }[] }> {
  const got: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.statusCode = got.length <= failures ? 500 : 200;
      res.end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got }),
    ),
  );
}

describe.each(serverBackends())('balance alert and its signed webhook ($name)', (backend) => {
  const env = useTestServer(backend, { isolated: true });
  let hook: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    hook = await receiver(2);
  });
  afterAll(() => new Promise<void>((r) => hook.server.close(() => r())));

  it('alerts once when a debit crosses the level; a receiver failing twice gets the event exactly once by id', async () => {
    const t = await createTenant(env.api, { credits: 6_000 });
    const bad = await env.api.call('PUT', '/v1/terminal/wallet/alerts', {
      token: t.token,
      body: { alertLevel: 5_000, webhookUrl: 'http://example.com/hook' },
    });
    expect(bad.status).toBe(400);
    const set = await env.api.call('PUT', '/v1/terminal/wallet/alerts', {
      token: t.token,
      body: { alertLevel: 5_000, webhookUrl: hook.url },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const secret: string = set.body.webhookSecret;
    expect(secret).toMatch(/^whsec_/);
    const read = await env.api.call('GET', '/v1/terminal/wallet/alerts', { token: t.token });
    expect(read.body).toEqual({
      currency: 'USD',
      alertLevel: 5_000,
      webhookUrl: hook.url,
      hasWebhookSecret: true,
    });

    // 6,000 -> 5,050 (above the level), -> 4,100 (crosses it), -> 3,150 (already under: no second alert).
    for (let i = 0; i < 3; i++) {
      const r = await env.api.call('POST', '/v1/terminal/sync/push', {
        token: t.token,
        body: { commands: [saleCommand(t)] },
      });
      expect(pushResponseSchema.parse(r.body).outcomes[0]!.status).toBe('applied');
    }
    const feed = await readFeed(env.api, t.token);
    const alerts = feed.changes.filter(
      (c: any) => c.kind === 'wallet_notice' && c.data.type === 'balance_alert',
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.data).toMatchObject({ balance: 4_100, amount: 5_000 });

    let now = Date.now();
    const worker = new WebhookDeliveryWorker({ db: env.db, now: () => now, backoffMs: () => 0 });
    // Each run is one delivery attempt (the backoff is zero): progress, not time, moves the test.
    for (let run = 0; run < 10 && hook.got.filter((g) => g.headers['refill-event-id']).length < 3; run++) {
      now += 1;
      await worker.runOnce();
    }
    expect(await worker.runOnce()).toBe(0); // delivered: nothing is due any more
    expect(hook.got).toHaveLength(3);
    const ids = new Set(hook.got.map((g) => g.headers['refill-event-id']));
    expect(ids.size).toBe(1);
    const delivered = hook.got[2]!;
    const event = JSON.parse(delivered.body);
    expect(event).toMatchObject({
      type: 'wallet.balance_alert',
      data: { resellerId: t.resellerId, balance: 4_100 },
    });
    expect(event.id).toBe(delivered.headers['refill-event-id']);
    const sig = delivered.headers['refill-signature'] as string;
    expect(await verifyWebhook(secret, delivered.body, sig, now / 1000)).toMatchObject({ ok: true });
    const tampered = delivered.body.replace('4100', '9999');
    expect(tampered).not.toBe(delivered.body);
    expect(await verifyWebhook(secret, tampered, sig, now / 1000)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });

    const log = await env.api.call('GET', '/v1/terminal/wallet/webhook-deliveries', { token: t.token });
    expect(log.body.deliveries).toEqual([
      expect.objectContaining({
        eventId: event.id,
        status: 'delivered',
        attempts: 3,
        lastStatusCode: 200,
        lastError: null,
        nextAttemptAt: null,
      }),
    ]);
    const tries = await env.db.query<{ attempt: number; status_code: number }>(
      'SELECT attempt, status_code FROM webhook_delivery_attempts WHERE event_id = $1 ORDER BY attempt',
      [event.id],
    );
    expect(tries).toEqual([
      { attempt: 1, status_code: 500 },
      { attempt: 2, status_code: 500 },
      { attempt: 3, status_code: 200 },
    ]);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('backs off exponentially with jitter, capped at an hour', () => {
    expect(webhookBackoffMs(1, () => 0)).toBe(1_000);
    expect(webhookBackoffMs(1, () => 1)).toBe(2_000);
    expect(webhookBackoffMs(4, () => 0.5)).toBe(12_000);
    expect(webhookBackoffMs(40, () => 1)).toBe(3_600_000);
  });
});
