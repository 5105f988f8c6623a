import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../core/uuidv7';
import { SandboxPsp } from '../../../../server/psp/sandbox-psp';
import {
  PURCHASE_MAX_SWEEPS,
  pspChargeKey,
  purchaseRetryDelayMs,
  sweepPendingPurchases,
} from '../../../../server/wallet/purchases';
import type { WalletDeps } from '../../../../server/wallet/wallet-deps';
import { createTenant, ledgerViolations, useTestServer, type TenantFixture } from '../api-harness';
import { serverBackends } from '../server-backends';
import { CARDS, addCard, createCreditPackage } from './wallet-fixtures';

// The server's own sweeper stays off: this test sweeps with a clock of its own.
process.env.REFILL_WALLET_JOB_INTERVAL_MS = '0';

/**
 * A card purchase while the payment provider is down (every charge answers the retryable processing_error): retried
 * at once with the same key, then left pending for the sweeper, which backs off and finally gives up. No credits are
 * granted at any point, and nothing is charged twice.
 */
describe.each(serverBackends())('a purchase during a provider outage ($name)', (backend) => {
  // A database of its own: a sweep takes every pending purchase, other test files' included.
  const env = useTestServer(backend, { isolated: true });

  async function buyDuringOutage(): Promise<{ t: TenantFixture; purchaseId: string; body: unknown }> {
    const pkg = await createCreditPackage(env.api, 1_500, 1_500);
    const t = await createTenant(env.api);
    await addCard(env.api, t.token, CARDS.providerDown);
    const purchaseId = uuidv7();
    const r = await env.api.call('POST', '/v1/terminal/wallet/purchases', {
      token: t.token,
      body: { purchaseId, packageId: pkg.id },
    });
    return { t, purchaseId, body: r.body };
  }

  async function balance(t: TenantFixture): Promise<number> {
    return (await env.api.call('GET', '/v1/terminal/balance', { token: t.token })).body.balance as number;
  }

  it('retries at once with one key, leaves the purchase pending, then the sweeper backs off and finally fails it', async () => {
    const { t, purchaseId, body } = await buyDuringOutage();
    expect(body).toMatchObject({ purchaseId, status: 'pending', balanceAfter: null, completedAt: null });
    const charges = await env.db.query<{ status: string; attempts: number }>(
      'SELECT status, attempts FROM psp_sandbox_charges WHERE idempotency_key = $1',
      [pspChargeKey(t.resellerId, purchaseId)],
    );
    expect(charges).toEqual([{ status: 'processing_error', attempts: 3 }]);
    expect(await balance(t)).toBe(0);

    let now = Date.now() + 60_000;
    const deps: WalletDeps = { db: env.db, psp: new SandboxPsp(env.db), now: () => now };
    const state = async () =>
      (
        await env.db.query<{ status: string; attempts: number; last_error: string | null; next_ms: string }>(
          `SELECT status, attempts, last_error, (extract(epoch FROM next_attempt_at) * 1000)::bigint::text AS next_ms
             FROM wallet_purchases WHERE reseller_id = $1 AND id = $2`,
          [t.resellerId, purchaseId],
        )
      )[0]!;

    for (let sweep = 1; sweep < PURCHASE_MAX_SWEEPS; sweep++) {
      expect(await sweepPendingPurchases(deps, 60_000)).toBe(0);
      // What an operator reads on the stuck purchase: why it is pending, and when it is tried next.
      expect(await state()).toEqual({
        status: 'pending',
        attempts: sweep,
        last_error: 'the provider kept failing',
        next_ms: String(now + purchaseRetryDelayMs(sweep)),
      });
      // Before its backoff is over, a sweep leaves it alone.
      now += purchaseRetryDelayMs(sweep) - 1;
      expect(await sweepPendingPurchases(deps, 60_000)).toBe(0);
      expect((await state()).attempts).toBe(sweep);
      now += 1;
    }
    expect(await sweepPendingPurchases(deps, 60_000)).toBe(1);
    const list = await env.api.call('GET', '/v1/terminal/wallet/purchases?limit=5', { token: t.token });
    expect(list.body.purchases).toEqual([
      expect.objectContaining({
        purchaseId,
        status: 'failed',
        declineCode: 'retries_exhausted',
        balanceAfter: null,
      }),
    ]);
    expect(await balance(t)).toBe(0);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });
});
