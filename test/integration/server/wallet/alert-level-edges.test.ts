/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { pushResponseSchema } from '../../../../core/sync/protocol';
import { uuidv7 } from '../../../../core/uuidv7';
import { readFeed, createTenant, saleCommand, useTestServer, type TenantFixture } from '../api-harness';
import { serverBackends } from '../server-backends';

process.env.REFILL_WALLET_JOB_INTERVAL_MS = '0';

/** A wallet's alert level at its edges, and when a save makes (and answers) a new webhook signing secret. */
describe.each(serverBackends())('wallet alert level and webhook secret ($name)', (backend) => {
  const env = useTestServer(backend);

  async function sell(t: TenantFixture): Promise<void> {
    const r = await env.api.call('POST', '/v1/terminal/sync/push', {
      token: t.token,
      body: { commands: [saleCommand(t)] },
    });
    expect(pushResponseSchema.parse(r.body).outcomes[0]!.status).toBe('applied');
  }

  async function balanceAlerts(t: TenantFixture): Promise<any[]> {
    const feed = await readFeed(env.api, t.token);
    return feed.changes
      .filter((c: any) => c.kind === 'wallet_notice' && c.data.type === 'balance_alert')
      .map((c: any) => c.data);
  }

  it('a debit that lands exactly on the level does not alert; the next one, from exactly the level, does', async () => {
    // Each sale of the fixture's package debits 950 credits.
    const t = await createTenant(env.api, { credits: 5_950 });
    const set = await env.api.call('PUT', '/v1/terminal/wallet/alerts', {
      token: t.token,
      body: { alertLevel: 5_000, webhookUrl: null },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);

    await sell(t); // 5,950 -> 5,000: at the level, not under it
    expect(await balanceAlerts(t)).toEqual([]);

    await sell(t); // 5,000 -> 4,050: crosses it
    expect(await balanceAlerts(t)).toEqual([
      expect.objectContaining({ balance: 4_050, amount: 5_000, currency: 'USD' }),
    ]);
  });

  it('a transfer alerts only when it takes the balance from the level or above to under it', async () => {
    const parent = await createTenant(env.api, { credits: 10_000 });
    const child = await createTenant(env.api, { parentId: parent.resellerId });
    const set = await env.api.call('PUT', '/v1/terminal/wallet/alerts', {
      token: parent.token,
      body: { alertLevel: 5_000, webhookUrl: null },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const transfer = async (amount: number) => {
      const r = await env.api.call('POST', '/v1/terminal/wallet/transfers', {
        token: parent.token,
        body: { transferId: uuidv7(), toResellerId: child.resellerId, amount },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };

    await transfer(1_000); // 10,000 -> 9,000: still above
    await transfer(4_000); // 9,000 -> 5,000: at the level
    expect(await balanceAlerts(parent)).toEqual([]);
    await transfer(1); // 5,000 -> 4,999: under it
    await transfer(1); // 4,999 -> 4,998: already under
    expect(await balanceAlerts(parent)).toEqual([expect.objectContaining({ balance: 4_999, amount: 5_000 })]);
  });

  it('refuses a negative alert level and keeps the level that was set', async () => {
    const t = await createTenant(env.api);
    const put = (alertLevel: number) =>
      env.api.call('PUT', '/v1/terminal/wallet/alerts', {
        token: t.token,
        body: { alertLevel, webhookUrl: null },
      });
    expect((await put(0)).status).toBe(200);
    const negative = await put(-1);
    expect(negative.status).toBe(400);
    expect(negative.body).toMatchObject({
      code: 'invalid_input',
      message: 'alertLevel must not be negative',
    });
    const read = await env.api.call('GET', '/v1/terminal/wallet/alerts', { token: t.token });
    expect(read.body.alertLevel).toBe(0);
  });

  it('answers a signing secret only when it makes one: with the first URL or when asked to rotate', async () => {
    const t = await createTenant(env.api);
    const put = (body: object) => env.api.call('PUT', '/v1/terminal/wallet/alerts', { token: t.token, body });

    const none = await put({ alertLevel: 100, webhookUrl: null });
    expect(none.status).toBe(200);
    expect(none.body.webhookSecret).toBeUndefined();
    expect(none.body.hasWebhookSecret).toBe(false);

    const first = await put({ alertLevel: 100, webhookUrl: 'https://hooks.example.com/refill' });
    expect(first.body.webhookSecret).toMatch(/^whsec_/);

    // Saving again (a new level, the same URL) keeps the secret the receiver already verifies with.
    const again = await put({ alertLevel: 200, webhookUrl: 'https://hooks.example.com/refill' });
    expect(again.status).toBe(200);
    expect(again.body.webhookSecret).toBeUndefined();
    expect(again.body).toMatchObject({ alertLevel: 200, hasWebhookSecret: true });

    const rotated = await put({
      alertLevel: 200,
      webhookUrl: 'https://hooks.example.com/refill',
      rotateSecret: true,
    });
    expect(rotated.body.webhookSecret).toMatch(/^whsec_/);
    expect(rotated.body.webhookSecret).not.toBe(first.body.webhookSecret);
  });
});
