/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
// Checks that HELD in the review (expected to pass): races that must move value exactly once, and card commands
// that must be rejected per command (never a 500 for the whole push).
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/uuidv7';
import { anotherTerminal, createTenant, ledgerViolations, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintWithPins, useTestCardKeys } from '../cards/card-harness';
import { batchCmd, push, rawPush, redeemCmd, reserve } from './review-harness';

const keys = useTestCardKeys();

describe.each(serverBackends())('HOLDS: card money races and per-command rejection ($name)', (backend) => {
  const env = useTestServer(backend);

  it('one card: two terminals pushing, the direct route and a delete at once move its value once', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const t2 = await anotherTerminal(env.api, t);
    const { cards } = await mintWithPins(env.api, env.db, keys, t.resellerId, { amount: 900, quantity: 1 });
    const c = cards[0]!;
    const answers = await Promise.all([
      rawPush(env.api, t, [redeemCmd(c.pin, '+15550000001')]),
      rawPush(env.api, t2, [redeemCmd(c.pin, '+15550000002')]),
      env.api.call('POST', '/v1/terminal/cards/redeem', {
        token: t.token,
        body: { customerAccount: '+15550000003', pin: c.pin },
      }),
      env.api.call('POST', '/v1/terminal/cards/delete', {
        token: t.token,
        body: { target: { kind: 'ids', ids: [c.cardId] }, confirm: 'delete' },
      }),
    ]);
    expect(answers.map((a) => a.status).filter((s) => s >= 500)).toEqual([]);
    const applied =
      answers.slice(0, 2).filter((a) => a.body.outcomes[0].status === 'applied').length +
      (answers[2]!.status === 200 ? 1 : 0);
    const deleted = answers[3]!.body.deleted as number;
    expect(applied + deleted).toBe(1);
    const liab = await env.db.query<any>(
      "SELECT balance::int AS b FROM accounts WHERE reseller_id = $1 AND kind = 'card_liability'",
      [t.resellerId],
    );
    expect(liab[0].b).toBe(0);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('the same reserve pairs in concurrent pushes (and in two batches of one push) activate and debit once', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const pairs = await reserve(env.api, t, 2);
    const ids = pairs.map((p) => p.id);
    const outs = await Promise.all([
      push(env.api, t, [batchCmd(ids, 1_000), batchCmd(ids, 1_000)]),
      push(env.api, t, [batchCmd(ids, 1_000)]),
      push(env.api, t, [batchCmd([ids[1]!], 1_000)]),
    ]);
    const applied = outs.flat().filter((o) => o.status === 'applied');
    expect(applied).toHaveLength(1);
    // Whichever batch won (both pairs, or the second alone) is debited once, for its own cards.
    const bal = await env.api.call('GET', '/v1/terminal/balance', { token: t.token });
    expect(bal.body.balance).toBe(100_000 - (applied[0] as any).result.totalValue);
    expect([1_000, 2_000]).toContain((applied[0] as any).result.totalValue);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('malformed and oversized card commands are rejected one by one, the rest of the push applies', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const other = await anotherTerminal(env.api, t);
    const mine = await reserve(env.api, t, 1);
    const theirs = await reserve(env.api, other, 1);
    const good = batchCmd([mine[0]!.id.toUpperCase()], 10);
    const out = await push(env.api, t, [
      batchCmd(
        Array.from({ length: 10_000 }, () => uuidv7()),
        1,
      ),
      batchCmd(['not-a-uuid'], 1),
      batchCmd([theirs[0]!.id], 1),
      redeemCmd('x'.repeat(64)),
      redeemCmd('x'.repeat(65)),
      { ...redeemCmd('1'), payload: null },
      {
        ...redeemCmd('123456789012'),
        offline: true,
        offlineClaim: { seq: 9, windowStart: 9, limitsVersion: 99_999, lastSyncAt: t.lastSyncAt },
      },
      good,
    ]);
    expect(out.map((o) => o.status)).toEqual([...Array(7).fill('rejected'), 'applied']);
    // The PIN never reaches storage, whatever the payload.
    const dump = await env.db.query<{ t: string }>(
      "SELECT string_agg(c::text, ' ') AS t FROM commands c WHERE reseller_id = $1",
      [t.resellerId],
    );
    expect(dump[0]!.t).not.toContain('x'.repeat(20));
  });
});
