import { describe, expect, it } from 'vitest';
import { pushResponseSchema, type CommandOutcome, type OutboxCommand } from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import {
  anotherTerminal,
  createTenant,
  ledgerViolations,
  type TenantFixture,
  useTestServer,
} from './api-harness';
import { serverBackends } from './server-backends';

const nextYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString();

/** The card commands of the push: batches drawn from a terminal's PIN reserve, and redemptions made at a counter. */
describe.each(serverBackends())('card commands in the push ($name)', (backend) => {
  const env = useTestServer(backend);

  const push = async (t: TenantFixture, commands: OutboxCommand[]): Promise<CommandOutcome[]> => {
    const r = await env.api.call('POST', '/v1/terminal/sync/push', { token: t.token, body: { commands } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return pushResponseSchema.parse(r.body).outcomes;
  };
  const reserve = async (t: TenantFixture, add: number, release: string[] = []) => {
    const r = await env.api.call('POST', '/v1/terminal/cards/reserve', {
      token: t.token,
      body: { add, prefix: '9', pinLength: 12, release },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.pairs as { id: string; serial: string; pin: string }[];
  };
  const balance = async (t: TenantFixture) =>
    (await env.api.call('GET', '/v1/terminal/balance', { token: t.token })).body.balance as number;
  const batch = (
    cardIds: string[],
    amount: number,
    claim?: OutboxCommand['offlineClaim'],
  ): OutboxCommand => ({
    id: uuidv7(),
    type: 'card.batch',
    payload: {
      seriesId: uuidv7(),
      cardIds,
      amount,
      currency: 'USD',
      expiresAt: nextYear(),
      grantValidityDays: null,
    },
    createdAt: new Date().toISOString(),
    clerkId: null,
    offline: claim !== undefined,
    ...(claim ? { offlineClaim: claim } : {}),
  });
  const redeem = (pin: string, account = '+15550004444'): OutboxCommand => ({
    id: uuidv7(),
    type: 'card.redeem',
    payload: { customerAccount: account, pin },
    createdAt: new Date().toISOString(),
    clerkId: null,
    offline: false,
  });

  it('activates reserve pairs once, debits their face value once, and redeems them in push order', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const pairs = await reserve(t, 6);
    expect(pairs).toHaveLength(6);
    // Listing again adds nothing and answers the same pairs (a lost answer is recovered).
    expect((await reserve(t, 0)).map((p) => p.id)).toEqual(pairs.map((p) => p.id));
    // A reserve pair has no value until its batch applies.
    const early = await push(t, [redeem(pairs[0]!.pin)]);
    expect(early[0]).toMatchObject({ status: 'rejected', reason: 'card_redeem_failed' });

    const b = batch(
      pairs.slice(0, 4).map((p) => p.id),
      1_000,
      {
        seq: 1,
        windowStart: 1,
        limitsVersion: 1,
        lastSyncAt: t.lastSyncAt,
      },
    );
    const r = redeem(pairs[1]!.pin);
    const out = await push(t, [b, r, b]);
    expect(out.map((o) => o.status)).toEqual(['applied', 'applied', 'duplicate']);
    expect(out[1]).toMatchObject({
      result: { serial: pairs[1]!.serial, amount: 1_000, walletBalance: 1_000 },
    });
    expect(await balance(t)).toBe(100_000 - 4_000);
    // Replays answer the first outcome and never redeem or debit twice.
    const again = await push(t, [b, r]);
    expect(again.map((o) => o.status)).toEqual(['duplicate', 'duplicate']);
    expect(await balance(t)).toBe(100_000 - 4_000);
    // The pairs are cards now: only the two unused remain in the reserve.
    expect((await reserve(t, 0)).map((p) => p.id).sort()).toEqual(
      pairs
        .slice(4)
        .map((p) => p.id)
        .sort(),
    );
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it("refuses another terminal's pairs, a pair used twice, a batch past the offline window, and keeps the PIN out of storage", async () => {
    const t = await createTenant(env.api, {
      credits: 100_000,
      floorLimits: { perSaleMax: 5_000, totalOfflineMax: 6_000, maxHoursSinceSync: 24 },
    });
    const other = await anotherTerminal(env.api, t);
    const mine = await reserve(t, 5);
    const theirs = await reserve(other, 2);
    const claim = (seq: number) => ({ seq, windowStart: 1, limitsVersion: 1, lastSyncAt: t.lastSyncAt });
    const out = await push(t, [
      batch([theirs[0]!.id], 100, claim(1)),
      batch([mine[0]!.id, mine[0]!.id], 100, claim(2)),
      batch([mine[0]!.id], 6_000, claim(3)), // above the per-sale limit
      batch([mine[0]!.id, mine[1]!.id], 2_500, claim(4)),
      batch([mine[1]!.id], 100, claim(5)), // already used by the batch before
      batch([mine[2]!.id, mine[3]!.id], 1_000, claim(6)), // 5,000 + 2,000 > 6,000 in the window
    ]);
    expect(out.map((o) => (o.status === 'rejected' ? o.reason : o.status))).toEqual([
      'reserve_card_unknown',
      'invalid_payload',
      'floor_limit_exceeded',
      'applied',
      'reserve_card_unknown',
      'floor_limit_exceeded',
    ]);
    expect(await balance(t)).toBe(100_000 - 5_000);

    // A redemption's PIN is never stored by the server, not even inside the command's fingerprint.
    const cardPin = mine[0]!.pin;
    await push(t, [redeem(cardPin)]);
    const dump = await env.db.query<{ t: string }>(
      "SELECT string_agg(c::text, ' ') AS t FROM commands c WHERE reseller_id = $1",
      [t.resellerId],
    );
    expect(dump[0]!.t).not.toContain(cardPin);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });
});
