import { describe, expect, it } from 'vitest';
import { pushResponseSchema, type CommandOutcome, type OutboxCommand } from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import { createTenant, ledgerViolations, type TenantFixture, useTestServer } from './api-harness';
import { serverBackends } from './server-backends';

/**
 * Every refusal of a `card.batch` (a series drawn from a terminal's PIN reserve) that card-push.test.ts leaves out:
 * each is judged on its own, debits nothing, and leaves the pairs in the reserve.
 */
describe.each(serverBackends())('card.batch refusals ($name)', (backend) => {
  const env = useTestServer(backend);
  const DAY = 86_400_000;

  const push = async (t: TenantFixture, commands: OutboxCommand[]): Promise<CommandOutcome[]> => {
    const r = await env.api.call('POST', '/v1/terminal/sync/push', { token: t.token, body: { commands } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return pushResponseSchema.parse(r.body).outcomes;
  };
  const reserve = async (t: TenantFixture, add: number, pinLength = 12) => {
    const r = await env.api.call('POST', '/v1/terminal/cards/reserve', {
      token: t.token,
      body: { add, prefix: '9', pinLength },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.pairs as { id: string; serial: string; pinLength: number }[];
  };
  const balance = async (t: TenantFixture) =>
    (await env.api.call('GET', '/v1/terminal/balance', { token: t.token })).body.balance as number;
  const batch = (
    cardIds: string[],
    over: {
      amount?: number;
      currency?: string;
      createdAt?: string;
      expiresAt?: string;
      seriesId?: string;
    } = {},
    claim?: OutboxCommand['offlineClaim'],
  ): OutboxCommand => ({
    id: uuidv7(),
    type: 'card.batch',
    payload: {
      seriesId: over.seriesId ?? uuidv7(),
      cardIds,
      amount: over.amount ?? 100,
      currency: over.currency ?? 'USD',
      expiresAt: over.expiresAt ?? new Date(Date.now() + 365 * DAY).toISOString(),
      grantValidityDays: null,
    },
    createdAt: over.createdAt ?? new Date().toISOString(),
    clerkId: null,
    offline: claim !== undefined,
    ...(claim ? { offlineClaim: claim } : {}),
  });

  it('refuses a batch dated in the future, in another currency, or expiring before it was made', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const [a, b, c] = await reserve(t, 3);
    const now = Date.now();
    const out = await push(t, [
      batch([a!.id], { createdAt: new Date(now + DAY).toISOString() }),
      batch([b!.id], { currency: 'EUR' }),
      batch([c!.id], { expiresAt: new Date(now - DAY).toISOString() }),
    ]);
    expect(out.map((o) => (o.status === 'rejected' ? [o.reason, o.message] : o.status))).toEqual([
      ['invalid_command', 'the batch is dated in the future (check the terminal clock)'],
      ['currency_mismatch', 'batch in EUR, reseller in USD'],
      ['invalid_payload', 'the expiry date of a series must be after it was made'],
    ]);
    expect(await balance(t)).toBe(100_000);
    expect(await reserve(t, 0)).toHaveLength(3);
  });

  it('refuses a series id used before, and cards of different PIN lengths in one batch', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const twelve = await reserve(t, 3, 12);
    // The answer lists every pair the terminal holds: the one of length 10 is the new one.
    const ten = (await reserve(t, 1, 10)).filter((p) => p.pinLength === 10);
    expect(ten).toHaveLength(1);
    const seriesId = uuidv7();
    const out = await push(t, [
      batch([twelve[0]!.id], { seriesId }),
      batch([twelve[1]!.id], { seriesId }),
      batch([twelve[2]!.id, ten[0]!.id]),
    ]);
    expect(out.map((o) => (o.status === 'rejected' ? [o.reason, o.message] : o.status))).toEqual([
      'applied',
      ['invalid_payload', 'this series id is already used'],
      ['invalid_payload', 'the cards of a batch share one series prefix and PIN length'],
    ]);
    expect(await balance(t)).toBe(100_000 - 100);
  });

  it('online, refuses a batch worth more than the credits; offline, an offline decision used twice', async () => {
    const t = await createTenant(env.api, {
      credits: 1_000,
      floorLimits: { perSaleMax: 5_000, totalOfflineMax: 10_000, maxHoursSinceSync: 24 },
    });
    const pairs = await reserve(t, 4);
    const claim = (seq: number) => ({ seq, windowStart: 1, limitsVersion: 1, lastSyncAt: t.lastSyncAt });
    const out = await push(t, [
      batch([pairs[0]!.id, pairs[1]!.id], { amount: 600 }),
      batch([pairs[2]!.id], { amount: 100 }, claim(1)),
      batch([pairs[3]!.id], { amount: 100 }, claim(1)),
    ]);
    expect(out.map((o) => (o.status === 'rejected' ? [o.reason, o.message] : o.status))).toEqual([
      ['insufficient_credits', 'reseller credit balance is too low for this series'],
      'applied',
      ['invalid_command', 'offline decision 1 of this terminal was already used'],
    ]);
    expect(await balance(t)).toBe(900);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('refuses an offline batch judged with limits the server never issued', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const [pair] = await reserve(t, 1);
    const out = await push(t, [
      batch(
        [pair!.id],
        { amount: 100 },
        { seq: 1, windowStart: 1, limitsVersion: 99, lastSyncAt: t.lastSyncAt },
      ),
    ]);
    expect(out[0]).toMatchObject({ status: 'rejected', reason: 'unknown_version' });
    expect(await balance(t)).toBe(10_000);
  });
});
