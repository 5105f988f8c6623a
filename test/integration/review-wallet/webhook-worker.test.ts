// Review of the reseller wallet (issue 11): the webhook delivery worker across instances and slow receivers.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT_ID_HEADER } from '../../../core/wallet/wallet-api';
import { WebhookDeliveryWorker } from '../../../server/wallet/webhook-delivery-worker';
import { queueWebhookEvent } from '../../../server/wallet/webhook-outbox';
import { createTenant, type TenantFixture, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';

// The server's own delivery loop stays off: each test drives the workers (one per "instance") itself.
process.env.REFILL_WALLET_JOB_INTERVAL_MS = '0';
// The receiver listens on loopback: webhooks may point there only when the server allows it explicitly.
process.env.REFILL_WEBHOOK_ALLOW_PRIVATE = '1';

/** A receiver: `/ok` answers 200 at once; `/tarpit` never answers (the sender gives up). Records event ids. */
interface Receiver {
  readonly server: Server;
  readonly base: string;
  readonly got: string[];
  readonly held: ServerResponse[];
}

function receiver(): Promise<Receiver> {
  const got: string[] = [];
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      got.push(String(req.headers[WEBHOOK_EVENT_ID_HEADER]));
      if (req.url === '/tarpit') held.push(res);
      else {
        res.statusCode = 200;
        res.end();
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, got, held }),
    ),
  );
}

/** A one-shot gate: `passed` resolves once `open()` is called (a step of one instance waiting on another's). */
function gate(): { readonly passed: Promise<void>; open(): void } {
  let open!: () => void;
  const passed = new Promise<void>((r) => (open = r));
  return { passed, open };
}
describe.each(serverBackends())('REVIEW wallet: webhook delivery worker ($name)', (backend) => {
  const env = useTestServer(backend, { isolated: true });
  let hook: Receiver;
  beforeAll(async () => {
    hook = await receiver();
  });
  afterAll(
    () =>
      new Promise<void>((r) => {
        for (const res of hook.held) res.destroy();
        hook.server.closeAllConnections();
        hook.server.close(() => r());
      }),
  );

  const setHook = async (t: TenantFixture, path: string): Promise<void> => {
    const r = await env.api.call('PUT', '/v1/terminal/wallet/alerts', {
      token: t.token,
      body: { alertLevel: 100, webhookUrl: `${hook.base}${path}` },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  const queue = (t: TenantFixture, atMs: number): Promise<string> =>
    env.db.transaction(
      async (tx) =>
        (await queueWebhookEvent(
          tx,
          t.resellerId,
          'wallet.balance_alert',
          { resellerId: t.resellerId, balance: 1 },
          atMs,
        ))!,
    );
  const statusOf = async (t: TenantFixture, id: string): Promise<string> =>
    (
      await env.db.query<{ status: string }>(
        'SELECT status FROM webhook_outbox WHERE reseller_id = $1 AND id = $2',
        [t.resellerId, id],
      )
    )[0]!.status;

  /** A tenant whose hook answers at `/ok`, with two events queued just before `base` (e1 first). */
  const twoEventsQueued = async () => {
    const t = await createTenant(env.api);
    await setHook(t, '/ok');
    const base = Date.now();
    const e1 = await queue(t, base - 2);
    const e2 = await queue(t, base - 1);
    return { t, base, e1, e2 };
  };

  it('an instance whose claim lapsed mid-batch neither re-sends nor un-delivers what another instance delivered', async () => {
    const { t, base, e1, e2 } = await twoEventsQueued();

    // Instance 1 claims both; its POST of e1 hangs on a slow receiver (it later gives up, as its 10 s timeout does).
    const entered = gate();
    const released = gate();
    const w1 = new WebhookDeliveryWorker({
      db: env.db,
      now: () => base,
      fetch: (async (url: string, init: RequestInit) => {
        const id = (init.headers as Record<string, string>)[WEBHOOK_EVENT_ID_HEADER];
        if (id === e1) {
          entered.open();
          await released.passed;
          throw new Error('The operation was aborted due to timeout');
        }
        return fetch(url, init);
      }) as typeof fetch,
    });
    const run1 = w1.runOnce();
    await entered.passed;

    // Instance 2, once instance 1's 60 s lease is over (a batch of 20 slow receivers takes up to 200 s).
    const w2 = new WebhookDeliveryWorker({ db: env.db, now: () => base + 61_000 });
    expect(await w2.runOnce()).toBe(2);
    expect(await statusOf(t, e1)).toBe('delivered');
    expect(await statusOf(t, e2)).toBe('delivered');

    released.open();
    await run1;
    const times = (id: string) => hook.got.filter((g) => g === id).length;
    // Current code: instance 1 POSTs e2 again (no check that it still holds the claim) and its failed attempt on e1
    // turns the delivered event back to pending, so e1 is sent yet again later.
    expect({ e1: await statusOf(t, e1), e2Posts: times(e2) }).toEqual({ e1: 'delivered', e2Posts: 1 });
  });

  it('an instance whose claim lapsed does not send an event another instance claimed and still has pending', async () => {
    const { t, base, e1, e2 } = await twoEventsQueued();
    const sentBy1: string[] = [];
    const entered = gate();
    const released = gate();
    const w1 = new WebhookDeliveryWorker({
      db: env.db,
      now: () => base,
      fetch: (async (_url: string, init: RequestInit) => {
        const id = (init.headers as Record<string, string>)[WEBHOOK_EVENT_ID_HEADER]!;
        sentBy1.push(id);
        if (id === e1) {
          entered.open();
          await released.passed;
        }
        return new Response(null, { status: 503 });
      }) as typeof fetch,
    });
    const run1 = w1.runOnce();
    await entered.passed;
    // Instance 2 claims both once instance 1's lease is over; its receiver is down, so both stay pending, its claim.
    const w2 = new WebhookDeliveryWorker({
      db: env.db,
      now: () => base + 61_000,
      fetch: (async () => new Response(null, { status: 503 })) as unknown as typeof fetch,
    });
    expect(await w2.runOnce()).toBe(2);
    expect(await statusOf(t, e2)).toBe('pending');
    released.open();
    await run1;
    expect(sentBy1).toEqual([e1]);
  });

  it('gives up on an event after its tenth failed delivery, and logs every attempt', async () => {
    const t = await createTenant(env.api);
    await setHook(t, '/ok');
    let now = Date.now();
    const id = await queue(t, now - 1);
    let posts = 0;
    const worker = new WebhookDeliveryWorker({
      db: env.db,
      now: () => now,
      backoffMs: () => 0,
      fetch: (async (_url: string, init: RequestInit) => {
        if ((init.headers as Record<string, string>)[WEBHOOK_EVENT_ID_HEADER] === id) posts += 1;
        return new Response(null, { status: 500 });
      }) as typeof fetch,
    });
    // Each run is one attempt (no backoff): progress, not time, moves the test.
    for (let run = 0; run < 12; run++) {
      now += 1;
      await worker.runOnce();
    }
    expect(posts).toBe(10);
    expect(await statusOf(t, id)).toBe('failed');
    const log = await env.db.query('SELECT 1 FROM webhook_delivery_attempts WHERE event_id = $1', [id]);
    expect(log).toHaveLength(10);
  });

  it("one reseller's receiver that never answers does not hold up another reseller's events", async () => {
    const a = await createTenant(env.api);
    const b = await createTenant(env.api);
    await setHook(a, '/tarpit');
    await setHook(b, '/ok');
    const base = Date.now();
    const ea = await queue(a, base - 2);
    const eb = await queue(b, base - 1);
    let aSettled = false;
    let aSettledWhenBStarted: boolean | null = null;
    const worker = new WebhookDeliveryWorker({
      db: env.db,
      timeoutMs: 2_000, // the product's default is 10 s per event, 20 events per claim
      fetch: (async (url: string, init: RequestInit) => {
        const id = (init.headers as Record<string, string>)[WEBHOOK_EVENT_ID_HEADER];
        if (id === ea) return fetch(url, init).finally(() => (aSettled = true));
        if (id === eb) aSettledWhenBStarted = aSettled;
        return fetch(url, init);
      }) as typeof fetch,
    });
    await worker.runOnce();
    expect(hook.got).toContain(eb);
    // Current code: deliveries are one after another, so B's event waits for A's receiver to time out.
    expect(aSettledWhenBStarted).toBe(false);
  });
});
