import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../core/uuidv7';
import { SandboxPsp } from '../../../../server/psp/sandbox-psp';
import { buyPackage } from '../../../../server/wallet/purchases';
import type { WalletDeps } from '../../../../server/wallet/wallet-deps';
import { WalletService } from '../../../../server/wallet/wallet-service';
import { createTenant, useTestServer, type TenantFixture } from '../api-harness';
import { serverBackends } from '../server-backends';
import { CARDS, addCard, createCreditPackage, putRule, withCharge } from './wallet-fixtures';

// The test server's own wallet jobs stay off: the test runs a WalletService of its own.
process.env.REFILL_WALLET_JOB_INTERVAL_MS = '0';

/** The wallet's background sweeper keeps running: each purchase a crash leaves pending is finished by a later sweep. */
describe.each(serverBackends())('wallet background jobs ($name)', (backend) => {
  // A database of its own: the sweeper takes every pending purchase, other test files' included.
  const env = useTestServer(backend, { isolated: true });

  async function balance(t: TenantFixture): Promise<number> {
    return (await env.api.call('GET', '/v1/terminal/balance', { token: t.token })).body.balance as number;
  }

  /** Polls until the tenant's balance is `expected` (progress, not time: the test's own timeout is the only limit). */
  async function untilBalance(t: TenantFixture, expected: number): Promise<void> {
    while ((await balance(t)) !== expected) await new Promise((r) => setTimeout(r, 20));
  }

  it('finishes purchases left pending at different times, each by a later sweep', async () => {
    const pkg = await createCreditPackage(env.api, 500, 500);
    // One clock for the purchases and the sweeper: a purchase is old enough to sweep only once the test moves it on,
    // so the sweeper running every 10 ms cannot finish one before the test has seen it pending.
    let clock = Date.now();
    const sandbox = new SandboxPsp(env.db, () => clock);
    // The process that took the purchase crashed right after the provider charged the card.
    const crashing: WalletDeps = {
      db: env.db,
      now: () => clock,
      psp: withCharge(sandbox, async (r) => {
        await sandbox.charge(r);
        throw new Error('crashed after the charge');
      }),
    };
    const leavePending = async (): Promise<TenantFixture> => {
      const t = await createTenant(env.api);
      await addCard(env.api, t.token, CARDS.visa);
      await expect(
        buyPackage(crashing, t.resellerId, { purchaseId: uuidv7(), packageId: pkg.id }),
      ).rejects.toThrow('crashed');
      expect(await balance(t)).toBe(0);
      return t;
    };

    const wallet = new WalletService(env.db, sandbox, () => clock);
    wallet.startJobs({ webhookIntervalMs: 60_000, sweepIntervalMs: 10, sweepAfterMs: 60_000 });
    try {
      const first = await leavePending();
      clock += 120_000;
      await untilBalance(first, 500);
      const second = await leavePending();
      clock += 120_000;
      await untilBalance(second, 500);
    } finally {
      await wallet.close();
    }
    const charges = await env.db.query<{ n: number }>('SELECT count(*)::int AS n FROM psp_sandbox_charges');
    expect(charges[0]!.n).toBe(2); // each card charged once, the crash's charge reused by the sweep
  });

  it('runs the auto top-up rule after a debit, and starts nothing once closed', async () => {
    const t = await createTenant(env.api);
    await addCard(env.api, t.token, CARDS.visa);
    await putRule(env.api, t.resellerId, { threshold: 1_000, amount: 600 });
    const wallet = new WalletService(env.db, new SandboxPsp(env.db));
    wallet.afterDebit(t.resellerId);
    await wallet.settled();
    expect(await balance(t)).toBe(600);
    wallet.afterDebit(t.resellerId); // 600 is still under 1,000
    await wallet.settled();
    expect(await balance(t)).toBe(1_200);
    await wallet.close();
    await putRule(env.api, t.resellerId, { threshold: 5_000, amount: 600 });
    wallet.afterDebit(t.resellerId);
    await wallet.settled();
    expect(await balance(t)).toBe(1_200);
  });

  it('leaves no timer behind once closed, so a server that closes its wallet exits at once', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const wallet = new WalletService(env.db, new SandboxPsp(env.db));
    wallet.startJobs({ webhookIntervalMs: 3_600_000, sweepIntervalMs: 3_600_000, sweepAfterMs: 60_000 });
    expect(timers()).toBe(before + 2); // the webhook worker's and the sweeper's
    await wallet.close();
    expect(timers()).toBe(before);
  });
});
