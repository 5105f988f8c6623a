import { describe, expect, it } from 'vitest';
import type { SaleCreatePayload } from '../../../../core/sync/protocol';
import { uuidv7 } from '../../../../core/uuidv7';
import { pushGroup, type PendingPush } from '../../../../server/sync/push-service';
import { lockOnlineSaleGroup } from '../../../../server/sync/online-sale-group-reads';
import { anotherTerminal, createTenant, ledgerViolations, saleCommand, useTestServer } from '../api-harness';
import { serverBackends } from '../server-backends';
import { holdingBeforeCommit, lockWaiters, pendingPushes } from './group-support';

describe.each(serverBackends())('online-sale groups racing on one reseller ($name)', (backend) => {
  const env = useTestServer(backend, { isolated: true });
  const pending = pendingPushes();

  it('missing reseller: the function returns no row and the caller says not_found', async () => {
    const rows = await env.db.query(
      `SELECT * FROM lock_online_sale_group($1::uuid, '{}'::uuid[], '{}'::uuid[], '{}'::uuid[], '{}'::int[], '{}'::text[], '{}'::uuid[], '{}'::text[])`,
      [uuidv7()],
    );
    expect(rows).toEqual([]);
    await expect(
      env.db.transaction((tx) => lockOnlineSaleGroup(tx, uuidv7(), [], [], [])),
    ).rejects.toMatchObject({ code: 'not_found' });
    const t = await createTenant(env.api, { credits: 10_000 });
    const ghost: PendingPush = {
      ...pending(t, [saleCommand(t)]),
      terminal: { resellerId: uuidv7(), terminalId: t.terminal.terminalId },
    };
    const res = await pushGroup(env.db, [ghost]);
    expect(res[0]!.status).toBe('rejected');
  });

  it('a waiting group that reuses a sale number the group ahead just took is rejected, not a crash or a second sale', async () => {
    const a = await createTenant(env.api, { credits: 1_000_000 });
    const b = await anotherTerminal(env.api, a);
    const first = saleCommand(a, { account: '+15554449000' });
    const again = saleCommand(a, { account: '+15554449001' });
    (again.payload as SaleCreatePayload).saleNumber = (first.payload as SaleCreatePayload).saleNumber;
    const ahead = holdingBeforeCommit(env.db);
    const p1 = pushGroup(ahead.db, [
      pending(a, [first]),
      pending(b, [saleCommand(b, { account: '+15554449002' })]),
    ]);
    await ahead.holding;
    const p2 = pushGroup(env.db, [
      pending(a, [again]),
      pending(b, [saleCommand(b, { account: '+15554449000' })]),
    ]);
    await lockWaiters(env.db, 1);
    ahead.release();
    const r1 = await p1;
    const r2 = await p2;
    for (const r of r1)
      expect(r).toMatchObject({ status: 'fulfilled', value: { outcomes: [{ status: 'applied' }] } });
    expect(r2[0]).toMatchObject({ status: 'fulfilled', value: { outcomes: [{ status: 'rejected' }] } });
    expect(r2[1]).toMatchObject({ status: 'fulfilled', value: { outcomes: [{ status: 'applied' }] } });
    const n = await env.db.query<{ n: string }>(
      'SELECT count(*)::text n FROM customers WHERE reseller_id=$1 AND account_number=$2',
      [a.resellerId, '+15554449000'],
    );
    expect(n[0]!.n).toBe('1');
    expect(await ledgerViolations(env.db, [a.resellerId])).toEqual([]);
  });

  it('the same command twice inside one group (a retry grouped with its first push) is applied once', async () => {
    const a = await createTenant(env.api, { credits: 1_000_000 });
    const b = await anotherTerminal(env.api, a);
    const cmd = saleCommand(a, { account: '+15554448000' });
    const same = saleCommand(a, { account: '+15554448001' });
    (same.payload as SaleCreatePayload).saleNumber = (cmd.payload as SaleCreatePayload).saleNumber;
    const res = await pushGroup(env.db, [
      pending(a, [cmd]),
      pending(b, [saleCommand(b)]),
      pending(a, [cmd]),
      pending(a, [same]),
    ]);
    // The first applies, the other terminal's applies, the retry is answered as the first, and a new command
    // with the same sale number is refused.
    expect(
      res.map((r) =>
        r.status === 'fulfilled'
          ? r.value.outcomes.map((o) => `${o.status}:${'reason' in o ? o.reason : ''}`)
          : String(r.reason),
      ),
    ).toEqual([['applied:'], ['applied:'], ['duplicate:'], ['rejected:sale_already_exists']]);
    const n = await env.db.query<{ n: string }>('SELECT count(*)::text n FROM sales WHERE reseller_id=$1', [
      a.resellerId,
    ]);
    expect(n[0]!.n).toBe('2');
    expect(await ledgerViolations(env.db, [a.resellerId])).toEqual([]);
  });
});
