/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { revealSeriesPins } from '../../../server/cards/series-pins';
import { anotherTerminal, createTenant, ledgerViolations } from '../server/api-harness';
import { useServerProcesses, type ServerProcess } from '../server/server-process';
import { serverBackends } from '../server/server-backends';
import { mintThroughOperator, useTestCardKeys } from './card-harness';

// Set before the processes start: they inherit REFILL_CARD_KEYS, as every instance sharing a database must.
const keys = useTestCardKeys();

describe.each(serverBackends())('concurrent redemptions on two server processes ($name)', (backend) => {
  const env = useServerProcesses(backend, [{}, {}]);

  it('redeems one card once and credits once under 50 concurrent attempts', async () => {
    const [a, b] = env.processes as [ServerProcess, ServerProcess];
    const t = await createTenant(a.api, { credits: 100_000 });
    const t2 = await anotherTerminal(b.api, t);
    const series = await mintThroughOperator(a.api, t.resellerId, { amount: 1_234, quantity: 3 });
    const [card, first, second] = await revealSeriesPins(env.db, keys, t.resellerId, series.seriesId);
    // Two customers exist already (their redemption path is one statement); the other attempts name new accounts
    // (created in the redemption's transaction).
    const known = ['+15557770000', '+15557770001'];
    for (const [i, c] of [first!, second!].entries()) {
      const r = await a.api.call('POST', '/v1/terminal/cards/redeem', {
        token: t.token,
        body: { customerAccount: known[i], pin: c.pin },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? b : a).api.call('POST', '/v1/terminal/cards/redeem', {
          token: (i % 4 < 2 ? t : t2).token,
          body: {
            customerAccount: i % 3 === 0 ? known[i % 2] : `+1555777${String(i).padStart(4, '0')}`,
            pin: card!.pin,
          },
        }),
      ),
    );
    const ok = answers.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    for (const r of answers.filter((x) => x.status !== 200)) {
      expect([r.status, r.body.code]).toSatisfy(
        ([status, code]: [number, string]) =>
          (status === 400 && code === 'card_redeem_failed') ||
          (status === 429 && code === 'card_redeem_locked'),
      );
    }
    const counts = await env.db.query<any>(
      `SELECT (SELECT count(*) FROM grants WHERE reseller_id = $1 AND source_id = $2)::int AS grants,
              (SELECT count(*) FROM journal_entries WHERE reseller_id = $1 AND kind = 'card_redemption')::int AS entries,
              (SELECT count(*) FROM cards WHERE reseller_id = $1 AND status = 'activated')::int AS activated,
              (SELECT sum(balance) FROM accounts WHERE reseller_id = $1 AND kind = 'customer_wallet')::int AS wallets,
              (SELECT balance FROM accounts WHERE reseller_id = $1 AND kind = 'card_liability')::int AS liability`,
      [t.resellerId, card!.cardId],
    );
    expect(counts[0]).toEqual({ grants: 1, entries: 3, activated: 3, wallets: 3 * 1_234, liability: 0 });
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });
});
