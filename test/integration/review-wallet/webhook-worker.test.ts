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

  it('an instance whose claim lapsed mid-batch neither re-sends nor un-delivers what another instance delivered', async () => {
    const t = await createTenant(env.api);
    await setHook(t, '/ok');
    const base = Date.now();
    const e1 = await queue(t, base - 2);
    const e2 = await queue(t, base - 1);

    // Instance 1 claims both; its POST of e1 hangs on a slow receiver (it later gives up, as its 10 s timeout does).
    let entered!: () => void;
    const enteredP = new Promise<void>((r) => (entered = r));
    let release!: () => void;
    const releaseP = new Promise<void>((r) => (release = r));
    const w1 = new WebhookDeliveryWorker({
      db: env.db,
      now: () => base,
      fetch: (async (url: string, init: RequestInit) => {
        const id = (init.headers as Record<string, string>)[WEBHOOK_EVENT_ID_HEADER];
        if (id === e1) {
          entered();
          await releaseP;
          throw new Error('The operation was aborted due to timeout');
        }
        return fetch(url, init);
      }) as typeof fetch,
    });
    const run1 = w1.runOnce();
    await enteredP;

    // Instance 2, once instance 1's 60 s lease is over (a batch of 20 slow receivers takes up to 200 s).
    const w2 = new WebhookDeliveryWorker({ db: env.db, now: () => base + 61_000 });
    expect(await w2.runOnce()).toBe(2);
    expect(await statusOf(t, e1)).toBe('delivered');
    expect(await statusOf(t, e2)).toBe('delivered');

    release();
    await run1;
    const times = (id: string) => hook.got.filter((g) => g === id).length;
    // Current code: instance 1 POSTs e2 again (no check that it still holds the claim) and its failed attempt on e1
    // turns the delivered event back to pending, so e1 is sent yet again later.
    expect({ e1: await statusOf(t, e1), e2Posts: times(e2) }).toEqual({ e1: 'delivered', e2Posts: 1 });
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
