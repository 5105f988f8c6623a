import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../../server/auth/secret-token';
import { pushGroup } from '../../../server/sync/push-service';
import {
  TEST_OPERATOR_KEY,
  anotherTerminal,
  createTenant,
  ledgerViolations,
  saleCommand,
  startTestServer,
  useTestServer,
  type ApiClient,
  type TenantFixture,
} from './api-harness';
import {
  holdingBeforeCommit,
  lockWaiters,
  pendingPushes,
  terminalSales,
} from './push-round-trips/group-support';
import { serverBackends } from './server-backends';

const op = { token: TEST_OPERATOR_KEY };

/**
 * A review found the standing re-read under the lock only for a token the API process already remembered: the FIRST
 * push of a token in a process (after a restart or deploy, on a second API process behind a load balancer, or once
 * the token was forgotten) read it only in the authenticator, before the lock, so a revocation or suspension committed
 * while that push waited for the lock was not seen and the sale was applied. Every push now reads it under the lock.
 */
describe.each(serverBackends())('a push whose token this process does not know yet ($name)', (backend) => {
  const env = useTestServer(backend, { isolated: true });
  const pending = pendingPushes();
  const fresh: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const s of fresh) await s.close();
  });
  /** A second API process on the same database: it has remembered no token (as after a restart). */
  const freshProcess = async (): Promise<ApiClient> => {
    const started = await startTestServer(env.db, mkdtempSync(join(tmpdir(), 'refill-review-')));
    fresh.push(started.server);
    return started.api;
  };
  const salesOf = (t: TenantFixture): Promise<number> => terminalSales(env.db, t);

  it('is refused when its terminal was revoked while it waited for the lock (as a known token is)', async () => {
    const a = await createTenant(env.api, { credits: 10_000 });
    const b = await anotherTerminal(env.api, a);
    const api2 = await freshProcess();

    const ahead = holdingBeforeCommit(env.db);
    const first = pushGroup(ahead.db, [pending(a, [saleCommand(a)])]);
    await ahead.holding;
    const revoking = env.api.call('POST', `/v1/operator/terminals/${b.terminal.terminalId}/revoke`, op);
    await lockWaiters(env.db, 1);
    // b's first push on the second process: looked up in full (standing fine: the revocation is not committed).
    const pushing = api2.call('POST', '/v1/terminal/sync/push', {
      token: b.token,
      body: { commands: [saleCommand(b)] },
    });
    await lockWaiters(env.db, 2);
    ahead.release();
    await first;
    expect((await revoking).status).toBe(200);
    const pushed = await pushing;
    const revokedAt = await env.db.query<{ revoked_at: unknown }>(
      'SELECT revoked_at FROM terminals WHERE id = $1',
      [b.terminal.terminalId],
    );
    expect(revokedAt[0]!.revoked_at).not.toBeNull();
    // The revocation committed before the push held the lock: it must be refused, and nothing written.
    expect([pushed.status, pushed.body.code], JSON.stringify(pushed.body)).toEqual([401, 'terminal_revoked']);
    expect(await salesOf(b)).toBe(0);
    expect(await ledgerViolations(env.db, [a.resellerId])).toEqual([]);
  });
});

/**
 * A review found that suspension took no lock, so a push that had read its standing under the lock before the
 * suspension committed still committed its sale after the operator's suspend call returned 200. Suspension now takes
 * the reseller's lock first, as revocation does, so it waits for that push and is answered only after it.
 */
describe.each(serverBackends())('suspension ordering against a push holding the lock ($name)', (backend) => {
  const env = useTestServer(backend, { isolated: true });
  const pending = pendingPushes();
  it('no sale of the reseller commits after its suspension was acknowledged', async () => {
    const a = await createTenant(env.api, { credits: 10_000 });
    const held = holdingBeforeCommit(env.db);
    const p = pending(a, [saleCommand(a)]);
    const pushing = pushGroup(held.db, [
      { ...p, terminal: { ...p.terminal, standingTokenHash: hashSecret(a.token) } },
    ]);
    await held.holding; // standing read (fine), sale decided and written, COMMIT not sent yet
    let acknowledged = false;
    const suspending = env.api
      .call('POST', `/v1/operator/resellers/${a.resellerId}/suspend`, op)
      .then((r) => ((acknowledged = true), r));
    // Progress, not time: either the suspension commits (reseller inactive) or it waits for a lock.
    const lockWaiting = async () =>
      Number(
        (
          await env.db.query<{ n: string }>(
            `SELECT count(*)::text AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          )
        )[0]!.n,
      );
    for (;;) {
      const rows = await env.db.query<{ active: boolean }>('SELECT active FROM resellers WHERE id = $1', [
        a.resellerId,
      ]);
      if (!rows[0]!.active || (await lockWaiting()) > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    if ((await lockWaiting()) === 0) expect((await suspending).status).toBe(200);
    const ackBeforeCommit = acknowledged;
    held.release();
    const [r] = await pushing;
    await suspending;
    // A sale applied after the suspension was acknowledged breaks "suspended: no more sales".
    expect({ ackBeforeCommit, applied: r!.status === 'fulfilled' }).not.toEqual({
      ackBeforeCommit: true,
      applied: true,
    });
  });
});
