import { describe, expect, it } from 'vitest';
import { formatSerial, isValidSerial, MAX_SERIAL_NUMBER } from '../../../core/cards/card-serial';
import { mintSeries } from '../../../server/cards/card-minting';
import { newPin } from '../../../server/cards/pin-crypto';
import { revealSeriesPins } from '../../../server/cards/series-pins';
import { TEST_OPERATOR_KEY, createTenant, ledgerViolations, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { freshPrefix, mintThroughOperator, mintWithPins, nextYear, useTestCardKeys } from './card-harness';

const keys = useTestCardKeys();

describe.each(serverBackends())('minting card series ($name)', (backend) => {
  const ctx = useTestServer(backend);

  async function balanceOf(resellerId: string): Promise<number> {
    const r = await ctx.api.call('GET', `/v1/operator/resellers/${resellerId}`, { token: TEST_OPERATOR_KEY });
    return r.body.balance as number;
  }

  it('mints cards with valid unique serials and unique encrypted PINs, debiting the credits once', async () => {
    const t = await createTenant(ctx.api, { credits: 1_000_000 });
    const { series, cards } = await mintWithPins(ctx.api, ctx.db, keys, t.resellerId, {
      amount: 500,
      quantity: 1_000,
    });
    expect(series).toMatchObject({
      quantity: 1_000,
      totalValue: 500_000,
      balance: 500_000,
      ownerId: t.resellerId,
    });
    expect(await balanceOf(t.resellerId)).toBe(500_000);
    expect(cards).toHaveLength(1_000);
    expect(new Set(cards.map((c) => c.serial)).size).toBe(1_000);
    expect(cards.every((c) => isValidSerial(c.serial) && c.serial.startsWith(`${series.prefix}-`))).toBe(
      true,
    );
    expect(cards.every((c) => /^[0-9]{12}$/.test(c.pin))).toBe(true);
    expect(new Set(cards.map((c) => c.pin)).size).toBe(1_000);
    const entries = await ctx.db.query<{ kind: string; n: string }>(
      `SELECT kind, count(*)::text AS n FROM journal_entries WHERE reseller_id = $1 AND kind = 'card_series' GROUP BY kind`,
      [t.resellerId],
    );
    expect(entries).toEqual([{ kind: 'card_series', n: '1' }]);
    const liability = await ctx.db.query<{ balance: string }>(
      `SELECT balance::text FROM accounts WHERE reseller_id = $1 AND kind = 'card_liability'`,
      [t.resellerId],
    );
    expect(liability).toEqual([{ balance: '500000' }]);
    const lookups = await ctx.db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM card_pin_lookup WHERE reseller_id = $1',
      [t.resellerId],
    );
    expect(lookups[0]!.n).toBe('1000');
    expect(await ledgerViolations(ctx.db, [t.resellerId])).toEqual([]);
    // The terminals learn the new credit balance from the change feed.
    const feed = await ctx.db.query<{ data: { balance: number } }>(
      `SELECT data FROM changes WHERE reseller_id = $1 AND kind = 'balance' ORDER BY seq DESC LIMIT 1`,
      [t.resellerId],
    );
    expect(feed[0]!.data.balance).toBe(500_000);

    // The same prefix again continues its serial numbers.
    const again = await mintThroughOperator(ctx.api, t.resellerId, {
      amount: 100,
      quantity: 2,
      prefix: series.prefix,
    });
    expect(again.firstSerial > series.lastSerial).toBe(true);
  });

  it('refuses a series the credits do not cover, writing nothing', async () => {
    const t = await createTenant(ctx.api, { credits: 999 });
    const r = await ctx.api.call('POST', `/v1/operator/resellers/${t.resellerId}/card-series`, {
      token: TEST_OPERATOR_KEY,
      body: { amount: 100, quantity: 10, currency: 'USD', prefix: freshPrefix(), expiresAt: nextYear() },
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('insufficient_credits');
    expect(await balanceOf(t.resellerId)).toBe(999);
    const n = await ctx.db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM cards WHERE reseller_id = $1',
      [t.resellerId],
    );
    expect(n[0]!.n).toBe('0');
  });

  it('mints a series worth exactly the credits the owner has, leaving it at zero', async () => {
    const t = await createTenant(ctx.api, { credits: 1_000 });
    const series = await mintThroughOperator(ctx.api, t.resellerId, { amount: 100, quantity: 10 });
    expect(series).toMatchObject({ totalValue: 1_000, balance: 0 });
    expect(await balanceOf(t.resellerId)).toBe(0);
    expect(await ledgerViolations(ctx.db, [t.resellerId])).toEqual([]);
  });

  it('refuses a series that would run past the last serial number of its prefix, writing nothing', async () => {
    const t = await createTenant(ctx.api, { credits: 10_000 });
    const prefix = freshPrefix();
    // The prefix has one serial number left.
    await ctx.db.query(
      'INSERT INTO card_serial_counters (reseller_id, prefix, last_number) VALUES ($1, $2, $3)',
      [t.resellerId, prefix, MAX_SERIAL_NUMBER - 1],
    );
    const r = await ctx.api.call('POST', `/v1/operator/resellers/${t.resellerId}/card-series`, {
      token: TEST_OPERATOR_KEY,
      body: { amount: 100, quantity: 2, currency: 'USD', prefix, expiresAt: nextYear() },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body).toMatchObject({
      code: 'invalid_input',
      message: `series prefix ${prefix} has fewer than 2 serial numbers left`,
    });
    expect(await balanceOf(t.resellerId)).toBe(10_000);
    const n = await ctx.db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM cards WHERE reseller_id = $1',
      [t.resellerId],
    );
    expect(n[0]!.n).toBe('0');
    // The last number is still there for a series of one.
    const one = await mintThroughOperator(ctx.api, t.resellerId, { amount: 100, quantity: 1, prefix });
    expect(one.firstSerial).toBe(formatSerial(prefix, MAX_SERIAL_NUMBER));
  });

  it('lets a terminal mint for its reseller or an affiliate, not for another reseller', async () => {
    const parent = await createTenant(ctx.api, { credits: 10_000 });
    const child = await createTenant(ctx.api, { credits: 10_000, parentId: parent.resellerId });
    const stranger = await createTenant(ctx.api, { credits: 10_000 });
    const body = (ownerId?: string) => ({
      amount: 100,
      quantity: 5,
      currency: 'USD',
      prefix: freshPrefix(),
      expiresAt: nextYear(),
      pinLength: 10,
      ...(ownerId ? { ownerId } : {}),
    });
    const own = await ctx.api.call('POST', '/v1/terminal/cards/series', {
      token: parent.token,
      body: body(),
    });
    expect(own.status).toBe(201);
    expect(own.body.ownerId).toBe(parent.resellerId);
    const aff = await ctx.api.call('POST', '/v1/terminal/cards/series', {
      token: parent.token,
      body: body(child.resellerId),
    });
    expect(aff.status).toBe(201);
    expect(await balanceOf(child.resellerId)).toBe(9_500);
    expect(await balanceOf(parent.resellerId)).toBe(9_500);
    const other = await ctx.api.call('POST', '/v1/terminal/cards/series', {
      token: parent.token,
      body: body(stranger.resellerId),
    });
    expect(other.status).toBe(403);
    const up = await ctx.api.call('POST', '/v1/terminal/cards/series', {
      token: child.token,
      body: body(parent.resellerId),
    });
    expect(up.status).toBe(403);
    expect(await balanceOf(stranger.resellerId)).toBe(10_000);
    expect(await ledgerViolations(ctx.db, [parent.resellerId, child.resellerId])).toEqual([]);
  });

  it('hands the minting terminal its series PINs a page at a time, in serial order', async () => {
    const t = await createTenant(ctx.api, { credits: 10_000 });
    const minted = await ctx.api.call('POST', '/v1/terminal/cards/series', {
      token: t.token,
      body: { amount: 100, quantity: 5, currency: 'USD', prefix: freshPrefix(), expiresAt: nextYear() },
    });
    expect(minted.status, JSON.stringify(minted.body)).toBe(201);
    const expected = await revealSeriesPins(ctx.db, keys, t.resellerId, minted.body.seriesId);
    const pages: { serials: string[]; hasMore: boolean }[] = [];
    let after = '';
    for (let i = 0; i < 3; i++) {
      const r = await ctx.api.call(
        'GET',
        `/v1/terminal/cards/series/${minted.body.seriesId}/pins?limit=2${after ? `&after=${after}` : ''}`,
        { token: t.token },
      );
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const serials = (r.body.pairs as { serial: string }[]).map((p) => p.serial);
      pages.push({ serials, hasMore: r.body.hasMore as boolean });
      after = serials.at(-1) ?? after;
    }
    const serials = expected.map((c) => c.serial);
    expect(pages).toEqual([
      { serials: serials.slice(0, 2), hasMore: true },
      { serials: serials.slice(2, 4), hasMore: true },
      { serials: serials.slice(4), hasMore: false },
    ]);
  });

  it('says clearly when the PIN space is too small for the quantity, and validates the request', async () => {
    const t = await createTenant(ctx.api, { credits: 10_000_000 });
    const r = await ctx.api.call('POST', `/v1/operator/resellers/${t.resellerId}/card-series`, {
      token: TEST_OPERATOR_KEY,
      body: {
        amount: 1,
        quantity: 1_001,
        pinLength: 5,
        currency: 'USD',
        prefix: freshPrefix(),
        expiresAt: nextYear(),
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('pin_space_too_small');
    expect(r.body.message).toMatch(/5-digit PINs can carry at most 1,000 live cards/);
    for (const bad of [
      { quantity: 0 },
      { quantity: 100_001 },
      { pinLength: 4 },
      { pinLength: 21 },
      { prefix: '01' },
      { currency: 'EUR' },
      { expiresAt: '2001-01-01T00:00:00.000Z' },
    ]) {
      const b = await ctx.api.call('POST', `/v1/operator/resellers/${t.resellerId}/card-series`, {
        token: TEST_OPERATOR_KEY,
        body: {
          amount: 1,
          quantity: 1,
          currency: 'USD',
          prefix: freshPrefix(),
          expiresAt: nextYear(),
          ...bad,
        },
      });
      expect(b.status, JSON.stringify(bad)).toBe(400);
    }
    expect(await balanceOf(t.resellerId)).toBe(10_000_000);
  });

  it('draws again for PINs another live card holds, and gives up clearly when no fresh PIN comes', async () => {
    const t = await createTenant(ctx.api, { credits: 100_000 });
    const first = await mintWithPins(ctx.api, ctx.db, keys, t.resellerId, {
      amount: 10,
      quantity: 20,
      pinLength: 12,
    });
    const existing = first.cards.map((c) => c.pin);
    // A source that first repeats every live PIN (collisions in the database) and one PIN twice (in memory).
    const queue = [...existing, existing[0]!];
    const colliding = (len: number) => queue.shift() ?? newPin(len);
    const input = {
      amount: 10,
      currency: 'USD',
      quantity: 30,
      prefix: freshPrefix(),
      pinLength: 12,
      ownerId: t.resellerId,
      expiresAt: nextYear(),
      grantValidityDays: null,
    };
    const second = await mintSeries({ db: ctx.db, keys, newPin: colliding }, { kind: 'operator' }, input);
    const pins = await revealSeriesPins(ctx.db, keys, t.resellerId, second.seriesId);
    expect(pins).toHaveLength(30);
    const all = [...existing, ...pins.map((p) => p.pin)];
    expect(new Set(all).size).toBe(50);
    expect(queue).toHaveLength(0);

    const stuck = () => existing[0]!;
    await expect(
      mintSeries(
        { db: ctx.db, keys, newPin: stuck },
        { kind: 'operator' },
        { ...input, prefix: freshPrefix(), quantity: 1 },
      ),
    ).rejects.toMatchObject({ code: 'pin_space_too_small' });
    expect(await balanceOf(t.resellerId)).toBe(100_000 - 200 - 300);
    expect(await ledgerViolations(ctx.db, [t.resellerId])).toEqual([]);
  });
});
