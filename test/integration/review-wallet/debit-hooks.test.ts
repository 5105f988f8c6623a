/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
// Review of the reseller wallet (issue 11): debits that skip the balance alert (and the auto top-up hook).
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/uuidv7';
import { readFeed, createTenant, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';

process.env.REFILL_WALLET_JOB_INTERVAL_MS = '0';

describe.each(serverBackends())('REVIEW wallet: every debit is watched ($name)', (backend) => {
  const env = useTestServer(backend);

  it('buying inventory stock that takes the balance under the alert level alerts like a sale does', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const set = await env.api.call('PUT', '/v1/terminal/wallet/alerts', {
      token: t.token,
      body: { alertLevel: 9_500, webhookUrl: null },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    // 10,000 -> 9,050: crosses 9,500 through POST /v1/terminal/stock/purchases (wholesale 950).
    const bought = await env.api.call('POST', '/v1/terminal/stock/purchases', {
      token: t.token,
      body: { purchaseId: uuidv7(), packageId: t.pkg.id, quantity: 1 },
    });
    expect(bought.status, JSON.stringify(bought.body)).toBe(200);
    expect(bought.body.resellerBalance).toBe(9_050);
    const feed = await readFeed(env.api, t.token);
    const alerts = feed.changes.filter(
      (c: any) => c.kind === 'wallet_notice' && c.data.type === 'balance_alert',
    );
    // Current code: the stock purchase writes its debit without balanceAlertChanges (and its route never calls
    // d.wallet.afterDebit, so the auto top-up rule does not run either).
    expect(alerts).toHaveLength(1);
  });
});
