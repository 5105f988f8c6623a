import { describe, expect, it } from 'vitest';
import type { SaleCreatePayload } from '../../../../core/sync/protocol';
import { pushGroup } from '../../../../server/sync/push-service';
import {
  anotherTerminal,
  createTenant,
  ledgerViolations,
  saleCommand,
  useTestServer,
  type TenantFixture,
} from '../api-harness';
import { serverBackends } from '../server-backends';
import { countingStatements, holdingBeforeCommit, lockWaiters, pendingPushes } from './group-support';

describe.each(serverBackends())('the lock and reads of a group of online sales ($name)', (backend) => {
  // A database of its own: the test counts the sessions waiting for a lock in it.
  const env = useTestServer(backend, { isolated: true });
  const pending = pendingPushes();
  const terminalsOf = async (n: number, credits: number): Promise<TenantFixture[]> => {
    const first = await createTenant(env.api, { credits });
    const all = [first];
    while (all.length < n) all.push(await anotherTerminal(env.api, first));
    return all;
  };

  it('decides a group of online sales in four round trips: BEGIN, lock with reads, writes, COMMIT', async () => {
    const terminals = await terminalsOf(4, 1_000_000);
    const counted = countingStatements(env.db);
    const results = await pushGroup(
      counted.db,
      terminals.map((t, i) => pending(t, [saleCommand(t, { account: `+1555444000${i % 2}` })])),
    );
    for (const r of results)
      expect(r).toMatchObject({ status: 'fulfilled', value: { outcomes: [{ status: 'applied' }] } });
    expect(counted.perTransaction).toEqual([4]);
    expect(await ledgerViolations(env.db, [terminals[0]!.resellerId])).toEqual([]);
  });

  it('reads, after waiting for the lock, what the group ahead committed meanwhile', async () => {
    // Room for three sales: the group ahead takes two, so only one of the waiting group's two new sales fits.
    const [a, b, c] = await terminalsOf(3, 3 * 950);
    const retried = saleCommand(a!, { account: '+15554441000' });
    const ahead = holdingBeforeCommit(env.db);
    const first = pushGroup(ahead.db, [
      pending(a!, [retried]),
      pending(b!, [saleCommand(b!, { account: '+15554441001' })]),
    ]);
    await ahead.holding;

    // The waiting group: the retry of a command the group ahead applied, a sale to the customer it created, and a
    // sale that fits only the balance as it was before the group ahead.
    const bSale = saleCommand(b!, { account: '+15554441000' });
    const cSale = saleCommand(c!, { account: '+15554441002' });
    const waiting = countingStatements(env.db);
    const second = pushGroup(waiting.db, [
      pending(a!, [retried]),
      pending(b!, [bSale]),
      pending(c!, [cSale]),
    ]);
    await lockWaiters(env.db, 1);
    ahead.release();

    const firstAnswers = await first;
    for (const r of firstAnswers)
      expect(r).toMatchObject({ status: 'fulfilled', value: { outcomes: [{ status: 'applied' }] } });
    const answers = await second;
    // One transaction: the group was decided together, not failed and redone push by push.
    expect(waiting.perTransaction).toHaveLength(1);
    const outcome = (i: number) => {
      const r = answers[i]!;
      if (r.status !== 'fulfilled') throw new Error(String(r.reason));
      return r.value.outcomes[0];
    };
    expect(outcome(0)).toMatchObject({ status: 'duplicate', original: 'applied' });
    expect(outcome(1)).toMatchObject({ status: 'applied' });
    expect(outcome(2)).toMatchObject({ status: 'rejected', reason: 'insufficient_credits' });
    const customers = await env.db.query<{ account_number: string }>(
      'SELECT account_number FROM customers WHERE reseller_id = $1 ORDER BY account_number',
      [a!.resellerId],
    );
    expect(customers.map((r) => r.account_number)).toEqual(['+15554441000', '+15554441001']);
    expect(await ledgerViolations(env.db, [a!.resellerId])).toEqual([]);
  });

  it('sees rows a plain locking statement misses: its snapshot predates the wait', async () => {
    const [a] = await terminalsOf(1, 1_000_000);
    const sale = saleCommand(a!);
    const saleNumber = (sale.payload as SaleCreatePayload).saleNumber;
    const ahead = holdingBeforeCommit(env.db);
    const first = pushGroup(ahead.db, [pending(a!, [sale])]);
    await ahead.holding;

    // Both wait for the lock the group ahead holds (the function's call first, then the plain statement).
    const viaFunction = env.db.transaction((tx) =>
      tx.query<{ r_used: { sale_number: string }[] }>(
        `SELECT r_used FROM lock_online_sale_group($1::uuid, '{}'::uuid[], '{}'::uuid[], '{}'::uuid[], '{}'::int[],
                                                  '{}'::text[], '{}'::uuid[], ARRAY[$2::text])`,
        [a!.resellerId, saleNumber],
      ),
    );
    await lockWaiters(env.db, 1);
    const plain = env.db.transaction((tx) =>
      tx.query<{ used: number }>(
        `SELECT (SELECT count(*)::int FROM sales s WHERE s.reseller_id = r.id AND s.sale_number = $2) AS used
           FROM resellers r JOIN accounts x ON x.reseller_id = r.id AND x.id = r.credit_account_id
          WHERE r.id = $1 FOR UPDATE OF x`,
        [a!.resellerId, saleNumber],
      ),
    );
    await lockWaiters(env.db, 2);
    ahead.release();
    await first;

    expect((await viaFunction)[0]!.r_used.map((u) => u.sale_number)).toEqual([saleNumber]);
    expect((await plain)[0]!.used).toBe(0);
    const stored = await env.db.query('SELECT 1 FROM sales WHERE reseller_id = $1 AND sale_number = $2', [
      a!.resellerId,
      saleNumber,
    ]);
    expect(stored).toHaveLength(1);
  });
});
