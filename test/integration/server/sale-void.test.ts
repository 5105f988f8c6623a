/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import {
  pullResponseSchema,
  pushResponseSchema,
  saleVoidResultSchema,
  type Change,
  type OutboxCommand,
} from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import {
  anotherTerminal,
  createTenant,
  ledgerViolations,
  saleCommand,
  type TenantFixture,
  useTestServer,
} from './api-harness';
import { serverBackends } from './server-backends';

/** A `sale.void` of a sale id, as a terminal sends it after refusing that sale at the counter. */
function voidCommand(saleId: string, createdAt = new Date().toISOString()): OutboxCommand {
  return {
    id: uuidv7(),
    type: 'sale.void',
    payload: { saleId, reason: 'refused_at_counter' },
    createdAt,
    clerkId: null,
    offline: false,
  };
}

const saleIdOf = (cmd: OutboxCommand): string => (cmd.payload as { saleId: string }).saleId;

describe.each(serverBackends())('sale.void ($name)', (backend) => {
  const env = useTestServer(backend);

  const push = async (token: string, commands: OutboxCommand[]) => {
    const r = await env.api.call('POST', '/v1/terminal/sync/push', { token, body: { commands } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return pushResponseSchema.parse(r.body).outcomes;
  };
  const balance = async (t: TenantFixture): Promise<number> =>
    (await env.api.call('GET', '/v1/terminal/balance', { token: t.token })).body.balance;
  const wallet = async (t: TenantFixture, account: string): Promise<number> => {
    const r = await env.api.call('GET', `/v1/terminal/customers/${account}`, { token: t.token });
    return r.status === 200 ? (r.body.walletBalance as number) : 0;
  };
  const saleRow = async (resellerId: string, saleId: string) =>
    (
      await env.db.query<{ status: string; remaining: unknown; amount: unknown }>(
        `SELECT s.status, g.remaining, g.amount FROM sales s
           JOIN grants g ON g.reseller_id = s.reseller_id AND g.id = s.grant_id
          WHERE s.reseller_id = $1 AND s.id = $2`,
        [resellerId, saleId],
      )
    )[0];
  const pullAll = async (t: TenantFixture): Promise<Change[]> => {
    const out: Change[] = [];
    let cursor = '0';
    for (;;) {
      const r = await env.api.call('GET', `/v1/terminal/sync/pull?cursor=${cursor}`, { token: t.token });
      const page = pullResponseSchema.parse(r.body);
      out.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) return out;
    }
  };
  const lastSaleChange = (changes: Change[], saleId: string) =>
    changes.filter((c) => c.kind === 'sale' && c.data.saleId === saleId).at(-1)?.data;
  const lastBalanceChange = (changes: Change[]) => changes.filter((c) => c.kind === 'balance').at(-1)?.data;

  it('voids a sale created in an earlier push: refunded, grant revoked, credits and wallet restored', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const account = '+15550101010';
    const walletBefore = await wallet(t, account);
    const create = saleCommand(t, { quantity: 2, account });
    const [created] = await push(t.token, [create]);
    expect(created).toMatchObject({ status: 'applied', result: { resellerBalance: 8100 } });
    expect(await wallet(t, account)).toBe(walletBefore + 2000);

    const v = voidCommand(saleIdOf(create));
    const [voided] = await push(t.token, [v]);
    expect(voided).toEqual({
      id: v.id,
      status: 'applied',
      result: { saleId: saleIdOf(create), voided: true, resellerBalance: 10_000 },
    });
    expect(saleVoidResultSchema.parse((voided as any).result).voided).toBe(true);
    expect(await balance(t)).toBe(10_000);
    expect(await wallet(t, account)).toBe(walletBefore);
    expect(await saleRow(t.resellerId, saleIdOf(create))).toMatchObject({ status: 'refunded' });
    expect(Number((await saleRow(t.resellerId, saleIdOf(create)))!.remaining)).toBe(0);
    // One reversal entry with the opposite postings of the sale's entry.
    const entries = await env.db.query<{ kind: string; n: unknown }>(
      `SELECT e.kind, count(p.*)::int AS n FROM journal_entries e
         JOIN postings p ON p.reseller_id = e.reseller_id AND p.entry_id = e.id
        WHERE e.reseller_id = $1 AND e.command_id = $2 GROUP BY e.kind`,
      [t.resellerId, v.id],
    );
    expect(entries.map((e) => [e.kind, Number(e.n)])).toEqual([['sale_void', 4]]);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);

    // The feed shows the sale refunded and the restored balance.
    const changes = await pullAll(t);
    expect(lastSaleChange(changes, saleIdOf(create))).toMatchObject({
      status: 'refunded',
      wholesaleAmount: 1900,
    });
    expect(lastBalanceChange(changes)).toMatchObject({ balance: 10_000 });

    // A replay is a duplicate with the first outcome and no further effect; a second void is refused.
    const [again] = await push(t.token, [v]);
    expect(again).toEqual({
      id: v.id,
      status: 'duplicate',
      original: 'applied',
      result: (voided as any).result,
    });
    const [reused] = await push(t.token, [{ ...voidCommand(uuidv7()), id: v.id }]);
    expect(reused).toMatchObject({ status: 'rejected', reason: 'id_reused_with_different_payload' });
    const [second] = await push(t.token, [voidCommand(saleIdOf(create))]);
    expect(second).toMatchObject({ status: 'rejected', reason: 'invalid_payload' });
    // The voided sale id cannot be created again.
    const [recreate] = await push(t.token, [{ ...create, id: uuidv7() }]);
    expect(recreate).toMatchObject({ status: 'rejected', reason: 'sale_already_exists' });
    expect(await balance(t)).toBe(10_000);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('voids a sale created earlier in the same batch', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const account = '+15550202020';
    const keep = saleCommand(t, { account });
    const create = saleCommand(t, { quantity: 3, account });
    const v = voidCommand(saleIdOf(create));
    const out = await push(t.token, [keep, create, v]);
    expect(out.map((o) => o.status)).toEqual(['applied', 'applied', 'applied']);
    expect(out[1]).toMatchObject({ result: { resellerBalance: 10_000 - 950 - 2850 } });
    expect(out[2]).toMatchObject({
      result: { saleId: saleIdOf(create), voided: true, resellerBalance: 10_000 - 950 },
    });
    expect(await balance(t)).toBe(9050);
    expect(await wallet(t, account)).toBe(1000);
    expect(await saleRow(t.resellerId, saleIdOf(create))).toMatchObject({ status: 'refunded' });
    expect(Number((await saleRow(t.resellerId, saleIdOf(create)))!.remaining)).toBe(0);
    expect(await saleRow(t.resellerId, saleIdOf(keep))).toMatchObject({ status: 'purchased' });
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
    const changes = await pullAll(t);
    expect(lastSaleChange(changes, saleIdOf(create))).toMatchObject({ status: 'refunded' });
    expect(lastSaleChange(changes, saleIdOf(keep))).toMatchObject({ status: 'purchased' });
    expect(lastBalanceChange(changes)).toMatchObject({ balance: 9050 });
    // Replaying the whole batch changes nothing.
    const replay = await push(t.token, [keep, create, v]);
    expect(replay.map((o) => o.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await balance(t)).toBe(9050);
  });

  it('answers voided:false for a sale that never arrived, and refuses its create afterwards', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const create = saleCommand(t, { account: '+15550303030' });
    const v = voidCommand(saleIdOf(create));
    const [voided] = await push(t.token, [v]);
    expect(voided).toEqual({
      id: v.id,
      status: 'applied',
      result: { saleId: saleIdOf(create), voided: false, resellerBalance: 10_000 },
    });
    const [late] = await push(t.token, [create]);
    expect(late).toMatchObject({ status: 'rejected', reason: 'sale_already_exists' });
    expect(await saleRow(t.resellerId, saleIdOf(create))).toBeUndefined();
    expect(await balance(t)).toBe(10_000);
    // A void then its create in one batch: the create is refused too.
    const create2 = saleCommand(t);
    const out = await push(t.token, [voidCommand(saleIdOf(create2)), create2]);
    expect(out[0]).toMatchObject({ status: 'applied', result: { voided: false } });
    expect(out[1]).toMatchObject({ status: 'rejected', reason: 'sale_already_exists' });
    // A void of a sale whose create was rejected: nothing to undo.
    const poor = await createTenant(env.api, { credits: 100 });
    const refused = saleCommand(poor);
    const both = await push(poor.token, [refused, voidCommand(saleIdOf(refused))]);
    expect(both[0]).toMatchObject({ status: 'rejected', reason: 'insufficient_credits' });
    expect(both[1]).toMatchObject({ status: 'applied', result: { voided: false, resellerBalance: 100 } });
    expect(await ledgerViolations(env.db, [t.resellerId, poor.resellerId])).toEqual([]);
    const changes = await pullAll(t);
    expect(changes.filter((c) => c.kind === 'sale')).toEqual([]);
  });

  it('answers a second void of a sale id an earlier push already voided as voided:false, keeping one record', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const saleId = saleIdOf(saleCommand(t));
    const first = voidCommand(saleId);
    expect(await push(t.token, [first])).toMatchObject([{ status: 'applied', result: { voided: false } }]);
    // The terminal queued the void twice (two commands): the second finds the first's record.
    const second = voidCommand(saleId);
    expect(await push(t.token, [second])).toEqual([
      { id: second.id, status: 'applied', result: { saleId, voided: false, resellerBalance: 10_000 } },
    ]);
    const rows = await env.db.query<{ command_id: string }>(
      'SELECT command_id FROM sale_voids WHERE reseller_id = $1 AND sale_id = $2',
      [t.resellerId, saleId],
    );
    expect(rows).toEqual([{ command_id: first.id }]);
    expect(await balance(t)).toBe(10_000);
  });

  it('rejects sale_used when the grant was already spent, with no effect', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const create = saleCommand(t);
    await push(t.token, [create]);
    // Stand-in, on purpose: nothing spends grants yet (the customer API only reads the wallet and its history; no sync
    // command or route takes from a grant), so mark part of this one spent directly. This test checks no ledger
    // invariant; replace it with the spend path when one exists.
    await env.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE grants SET remaining = remaining - 100 WHERE reseller_id = $1 AND source_id = $2`,
        [t.resellerId, saleIdOf(create)],
      );
    });
    const before = await balance(t);
    const [out] = await push(t.token, [voidCommand(saleIdOf(create))]);
    expect(out).toMatchObject({ status: 'rejected', reason: 'sale_used' });
    expect(await balance(t)).toBe(before);
    expect(await saleRow(t.resellerId, saleIdOf(create))).toMatchObject({ status: 'purchased' });
    expect(Number((await saleRow(t.resellerId, saleIdOf(create)))!.remaining)).toBe(900);
  });

  it("treats another reseller's sale as no such sale and leaves it untouched", async () => {
    const a = await createTenant(env.api, { credits: 10_000 });
    const b = await createTenant(env.api, { credits: 10_000 });
    const create = saleCommand(a, { account: '+15550404040' });
    await push(a.token, [create]);
    const v = voidCommand(saleIdOf(create));
    const [out] = await push(b.token, [v]);
    expect(out).toEqual({
      id: v.id,
      status: 'applied',
      result: { saleId: saleIdOf(create), voided: false, resellerBalance: 10_000 },
    });
    expect(await saleRow(a.resellerId, saleIdOf(create))).toMatchObject({ status: 'purchased' });
    expect(Number((await saleRow(a.resellerId, saleIdOf(create)))!.remaining)).toBe(1000);
    expect(await balance(a)).toBe(9050);
    expect(await balance(b)).toBe(10_000);
    expect(await wallet(a, '+15550404040')).toBe(1000);
    expect(await ledgerViolations(env.db, [a.resellerId, b.resellerId])).toEqual([]);
    // Reseller A can still void its own sale.
    const [own] = await push(a.token, [voidCommand(saleIdOf(create))]);
    expect(own).toMatchObject({ status: 'applied', result: { voided: true, resellerBalance: 10_000 } });
  });

  it('refuses a void with a bad payload', async () => {
    const t = await createTenant(env.api, { credits: 1000 });
    const bad: OutboxCommand = {
      ...voidCommand(uuidv7()),
      payload: { saleId: uuidv7(), reason: 'changed_mind' },
    };
    const [out] = await push(t.token, [bad]);
    expect(out).toMatchObject({ status: 'rejected', reason: 'invalid_payload' });
  });
  it("voids only what its own terminal refused at the counter: not another terminal's sale, an offline one, an old one", async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const other = await anotherTerminal(env.api, t);
    const mine = saleCommand(t, { account: '+15550404040' });
    const offline = saleCommand(t, { offline: true, account: '+15550404040' });
    const old = saleCommand(t, {
      account: '+15550404040',
      createdAt: new Date(Date.now() - 11 * 60_000).toISOString(),
    });
    expect((await push(t.token, [mine, offline, old])).map((o) => o.status)).toEqual([
      'applied',
      'applied',
      'applied',
    ]);
    const before = await balance(t);
    const fromOther = await push(other.token, [voidCommand(saleIdOf(mine))]);
    expect(fromOther[0]).toMatchObject({ status: 'rejected', reason: 'void_not_allowed' });
    const ofOffline = await push(t.token, [voidCommand(saleIdOf(offline))]);
    expect(ofOffline[0]).toMatchObject({ status: 'rejected', reason: 'void_not_allowed' });
    const ofOld = await push(t.token, [voidCommand(saleIdOf(old))]);
    expect(ofOld[0]).toMatchObject({ status: 'rejected', reason: 'void_not_allowed' });
    expect(await balance(t)).toBe(before);
    for (const c of [mine, offline, old])
      expect(await saleRow(t.resellerId, saleIdOf(c))).toMatchObject({ status: 'purchased' });
    // The terminal that made the sale, right after it: voided.
    const [own] = await push(t.token, [voidCommand(saleIdOf(mine))]);
    expect(own).toMatchObject({ status: 'applied', result: { voided: true } });
    expect(await balance(t)).toBe(before + 950);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });
});
