import { describe, expect, it } from 'vitest';
import { pushResponseSchema, type Change } from '../../../core/sync/protocol';
import { readFeed, createTenant, saleCommand, useTestServer } from './api-harness';
import { serverBackends } from './server-backends';

process.env.REFILL_WALLET_JOB_INTERVAL_MS = '0';

/**
 * One push of several sales that takes the reseller under its alert level raises one notice, and the notice tells the
 * balance the push left (what the shop has now), not a balance some sale in the middle of the push passed through.
 */
describe.each(serverBackends())('balance alert of a push ($name)', (backend) => {
  const env = useTestServer(backend);

  it('notices once, with the balance after the whole push', async () => {
    // Each sale of the fixture's package debits 950 credits: 5,500 -> 4,550 (under 5,000) -> 3,600.
    const t = await createTenant(env.api, { credits: 5_500 });
    const set = await env.api.call('PUT', '/v1/terminal/wallet/alerts', {
      token: t.token,
      body: { alertLevel: 5_000, webhookUrl: null },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);

    const r = await env.api.call('POST', '/v1/terminal/sync/push', {
      token: t.token,
      body: { commands: [saleCommand(t), saleCommand(t)] },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const pushed = pushResponseSchema.parse(r.body);
    expect(pushed.outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
    expect(pushed.balance).toMatchObject({ balance: 3_600 });

    const feed = await readFeed(env.api, t.token);
    const changes: Change[] = feed.changes;
    const alerts = changes.filter((c) => c.kind === 'wallet_notice' && c.data.type === 'balance_alert');
    expect(alerts.map((c) => c.data)).toEqual([
      expect.objectContaining({ type: 'balance_alert', balance: 3_600, amount: 5_000, currency: 'USD' }),
    ]);
  });
});
