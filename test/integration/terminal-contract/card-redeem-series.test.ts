import { describe, expect, it } from 'vitest';
import type { CardPage, CardSeriesJob, RedeemOutcome } from '../../../core/contract/types/cards';
import type { OutboxCommand } from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import { REDEEM_FAILED_TEXT } from '../../../main/cards/card-redeem-service';
import { call } from '../terminal/support/terminal-harness';
import { waitForEvent } from '../terminal/support/wait-for';
import {
  START,
  closeTillsAfterEach,
  codeOf,
  fillReserve,
  localTill,
  outboxState,
  type LocalTill,
} from './support';

/**
 * Redeeming cards and drawing series at a terminal whose central API does not answer: the refusals before anything
 * is written (and that they write nothing), the queue limits, and what the terminal answers once the server's outcome
 * of a queued `card.redeem` or `card.batch` is applied to the outbox (as a push's answer is).
 */

closeTillsAfterEach();

const account = '+15550001234';
const nextYear = new Date(START + 365 * 86_400_000).toISOString();
const generous = { perSaleMax: 100_000, totalOfflineMax: 200_000, maxHoursSinceSync: 24 };

function redeem(t: LocalTill, input: Record<string, unknown>): Promise<RedeemOutcome> {
  return call<RedeemOutcome>(t.s, 'cards.redeem', { customerAccount: account, ...input });
}

/** A queued redemption's id, and the server's answer applied to it as a push's outcome is. */
async function queuedRedemption(t: LocalTill, pin = '123456789012'): Promise<string> {
  const first = await redeem(t, { pin });
  expect(first.status).toBe('pending');
  return first.redemptionId;
}

describe('redeeming a card at the counter', () => {
  it('refuses a PIN that is not 5 to 20 digits with the one generic answer, and writes nothing', async () => {
    const t = await localTill();
    const before = outboxState(t.s);
    for (const pin of ['1234', 'abcdefgh', '1'.repeat(21), '']) {
      await expect(redeem(t, { pin }), pin).rejects.toMatchObject({
        code: 'card_redeem_failed',
        message: REDEEM_FAILED_TEXT,
      });
    }
    expect(outboxState(t.s)).toEqual(before);
    expect(t.s.terminal.cards.recentRedemptions(10)).toEqual([]);
  });

  it('refuses an account number that is not 4 to 20 digits (the service checks it too)', async () => {
    const t = await localTill();
    await expect(
      t.s.terminal.cardRedeem.redeem({ customerAccount: '12', pin: '123456789012' }, t.managerId),
    ).rejects.toMatchObject({ code: 'invalid_account' });
    expect(t.s.terminal.cards.recentRedemptions(10)).toEqual([]);
  });

  it('refuses a blocked terminal and writes nothing', async () => {
    const t = await localTill();
    t.s.terminal.identity.setBlock('suspended', new Date(START).toISOString());
    await expect(redeem(t, { pin: '123456789012' })).rejects.toMatchObject({
      code: 'terminal_blocked',
      details: { reason: 'suspended' },
    });
    expect(outboxState(t.s).commands).toBe(0);
  });

  it('queues at most three redemptions per customer offline, and the fourth changes nothing', async () => {
    const t = await localTill();
    for (let i = 0; i < 3; i += 1) await queuedRedemption(t, `12345678901${i}`);
    const before = outboxState(t.s);
    await expect(redeem(t, { pin: '999999999999' })).rejects.toMatchObject({ code: 'too_many_pending' });
    expect(outboxState(t.s)).toEqual(before);
    expect(t.s.terminal.cards.recentRedemptions(10)).toHaveLength(3);
    // Another customer still may.
    expect(
      await call<RedeemOutcome>(t.s, 'cards.redeem', { customerAccount: '+15550009999', pin: '99999' }),
    ).toMatchObject({ status: 'pending' });
  });

  it('queues at most twenty redemptions for the whole terminal offline', async () => {
    const t = await localTill();
    for (let i = 0; i < 20; i += 1)
      await call(t.s, 'cards.redeem', {
        customerAccount: `+1555000${String(i).padStart(4, '0')}`,
        pin: '55555',
      });
    await expect(
      call(t.s, 'cards.redeem', { customerAccount: '+15559999999', pin: '55555' }),
    ).rejects.toMatchObject({ code: 'too_many_pending' });
    expect(t.s.terminal.cards.recentRedemptions(50)).toHaveLength(20);
  });

  it('keeps a scanned serial, trimmed, and adds the PIN only on the wire', async () => {
    const t = await localTill();
    const id = (await redeem(t, { pin: '1234 5678 9012', serial: '  123-0000001 ' })).redemptionId;
    const queued = t.s.terminal.ledger.pendingCommand(id)!;
    expect(queued.payload).toEqual({ customerAccount: account, serial: '123-0000001' });
    expect(t.s.terminal.cardRedeem.wireCommand(queued).payload).toEqual({
      customerAccount: account,
      serial: '123-0000001',
      pin: '123456789012',
    });
    // Any other command goes as it is.
    const other: OutboxCommand = { ...queued, type: 'sale.create' };
    expect(t.s.terminal.cardRedeem.wireCommand(other)).toBe(other);
  });

  it('answers a retried attempt with the redemption the server confirmed, and drops the sealed PIN', async () => {
    const t = await localTill();
    const id = await queuedRedemption(t);
    const queued = t.s.terminal.ledger.pendingCommand(id)!;
    expect(await redeem(t, { pin: '123456789012', redemptionId: id.toUpperCase() })).toEqual({
      status: 'pending',
      redemptionId: id,
    });
    t.s.terminal.ledger.applyOutcomes([
      {
        id,
        status: 'applied',
        result: {
          cardId: uuidv7(),
          serial: '123-0000001',
          amount: 500,
          currency: 'USD',
          customerId: uuidv7(),
          walletBalance: 1_500,
          activatedAt: new Date(START).toISOString(),
        },
      },
    ]);
    expect(await redeem(t, { pin: '123456789012', redemptionId: id })).toEqual({
      status: 'redeemed',
      redemptionId: id,
      serial: '123-0000001',
      amount: 500,
      currency: 'USD',
      walletBalance: 1_500,
    });
    // The PIN is gone: the wire form cannot add it any more.
    expect(t.s.terminal.cardRedeem.wireCommand(queued).payload).not.toHaveProperty('pin');
    expect(t.s.terminal.cardRedeem.get(id)).toMatchObject({ state: 'redeemed', serial: '123-0000001' });
  });

  it('records an applied answer it cannot read as a failure with the generic text', async () => {
    const t = await localTill();
    const id = await queuedRedemption(t);
    t.s.terminal.ledger.applyOutcomes([{ id, status: 'applied', result: { serial: 42 } }]);
    expect(t.s.terminal.cardRedeem.get(id)).toMatchObject({ state: 'failed', message: REDEEM_FAILED_TEXT });
    await expect(redeem(t, { pin: '123456789012', redemptionId: id })).rejects.toMatchObject({
      code: 'card_redeem_failed',
      message: REDEEM_FAILED_TEXT,
    });
  });

  it("answers a lockout with the server's wait, and any other refusal with the generic text", async () => {
    const t = await localTill();
    const locked = await queuedRedemption(t, '111111111111');
    const refused = await queuedRedemption(t, '222222222222');
    const lockMessage = 'Too many failed attempts: try again in 120 seconds.';
    t.s.terminal.ledger.applyOutcomes([
      { id: locked, status: 'rejected', reason: 'card_redeem_locked', message: lockMessage },
      { id: refused, status: 'rejected', reason: 'card_redeem_failed', message: 'wrong PIN for serial 123' },
    ]);
    await expect(redeem(t, { pin: '111111111111', redemptionId: locked })).rejects.toMatchObject({
      code: 'card_redeem_locked',
      message: lockMessage,
      details: { retryAfterSeconds: 120 },
    });
    await expect(redeem(t, { pin: '222222222222', redemptionId: refused })).rejects.toMatchObject({
      code: 'card_redeem_failed',
      message: REDEEM_FAILED_TEXT,
    });
    expect(t.s.terminal.cardRedeem.get(refused)).toMatchObject({
      state: 'failed',
      message: REDEEM_FAILED_TEXT,
    });
  });

  it('online with no answer from the central API, leaves the redemption queued as pending', async () => {
    const t = await localTill();
    t.s.terminal.ledger.recordContact(true, null);
    const outcome = await redeem(t, { pin: '123456789012' });
    expect(outcome).toMatchObject({ status: 'pending' });
    expect(t.s.terminal.cardRedeem.answeredAtCounter(outcome.redemptionId)).toBe(false);
    expect(t.s.terminal.ledger.pendingCommand(outcome.redemptionId)?.type).toBe('card.redeem');
  });
});

describe('drawing a series offline', () => {
  async function seriesTill(): Promise<LocalTill> {
    const t = await localTill(100_000, generous);
    fillReserve(t.s, 4);
    return t;
  }
  const series = (over: Record<string, unknown> = {}) => ({
    amount: 100,
    quantity: 2,
    prefix: '42',
    expiresAt: nextYear,
    ...over,
  });

  it('refuses, writing nothing: another owner, an expiry not ahead, too few reserve pairs, and the floor limits', async () => {
    const t = await seriesTill();
    const before = outboxState(t.s);
    expect(await codeOf(call(t.s, 'cards.createSeries', series({ ownerId: uuidv7() })))).toBe('offline');
    expect(
      await codeOf(
        call(t.s, 'cards.createSeries', series({ expiresAt: new Date(START - 1000).toISOString() })),
      ),
    ).toBe('invalid_input');
    await expect(call(t.s, 'cards.createSeries', series({ quantity: 5 }))).rejects.toMatchObject({
      code: 'reserve_too_small',
      details: { free: 4 },
    });
    expect(await codeOf(call(t.s, 'cards.createSeries', series({ amount: 60_000 })))).toMatch(/^offline_/);
    expect(outboxState(t.s)).toEqual(before);
    expect((await call<CardPage>(t.s, 'cards.list', {})).total).toBe(0);
    expect(t.s.terminal.cards.reserveFree().count).toBe(4);
  });

  it('refuses a face value too large to count, and a blocked terminal', async () => {
    const t = await seriesTill();
    expect(() =>
      t.s.terminal.cardSeries.start(
        {
          amount: Number.MAX_SAFE_INTEGER,
          quantity: 2,
          prefix: '1',
          pinLength: 12,
          expiresAt: nextYear,
          grantValidityDays: null,
        },
        t.managerId,
      ),
    ).toThrow(expect.objectContaining({ code: 'invalid_amount' }));
    t.s.terminal.identity.setBlock('revoked', new Date(START).toISOString());
    expect(await codeOf(call(t.s, 'cards.createSeries', series()))).toBe('terminal_blocked');
    expect(outboxState(t.s).commands).toBe(0);
    expect(t.s.terminal.cards.reserveFree().count).toBe(4);
  });

  it('draws a series for its own reseller named explicitly', async () => {
    const t = await seriesTill();
    const own = t.s.terminal.identity.require().resellerId;
    const job = await call<CardSeriesJob>(t.s, 'cards.createSeries', series({ ownerId: own.toUpperCase() }));
    expect(job).toMatchObject({ state: 'done', offline: true, total: 2 });
  });

  it('makes the cards valid when the server accepts the batch', async () => {
    const t = await seriesTill();
    await call(t.s, 'cards.createSeries', series());
    const [batch] = t.s.terminal.ledger.peekOutbox(10);
    expect(batch?.type).toBe('card.batch');
    t.s.terminal.ledger.applyOutcomes([{ id: batch!.id, status: 'applied', result: null }]);
    const rows = (await call<CardPage>(t.s, 'cards.list', {})).rows;
    expect(rows.map((r) => r.validity)).toEqual(['valid', 'valid']);
  });

  it('voids the cards and gives their pairs back when the server refuses the batch', async () => {
    const t = await seriesTill();
    await call(t.s, 'cards.createSeries', series());
    const [batch] = t.s.terminal.ledger.peekOutbox(10);
    const ids = (await call<CardPage>(t.s, 'cards.list', {})).rows.map((r) => r.id);
    t.s.terminal.ledger.applyOutcomes([
      { id: batch!.id, status: 'rejected', reason: 'floor_limit_exceeded', message: 'too much' },
    ]);
    const rows = (await call<CardPage>(t.s, 'cards.list', {})).rows;
    expect(rows.map((r) => r.validity)).toEqual(['void_rejected', 'void_rejected']);
    expect(t.s.terminal.cards.releasedPairs().sort()).toEqual([...ids].sort());
  });
});

describe('minting a series online', () => {
  it.each([
    ['for its own reseller', {}],
    ['for a named owner', { ownerId: uuidv7() }],
  ])('fails the job with the client error when the central API does not answer (%s)', async (_, owner) => {
    const t = await localTill(100_000, generous);
    t.s.terminal.ledger.recordContact(true, null);
    const failed = waitForEvent(
      t.s,
      (m) => m.name === 'cards.seriesProgress' && (m.payload as CardSeriesJob).state === 'failed',
    );
    const job = await call<CardSeriesJob>(t.s, 'cards.createSeries', {
      amount: 100,
      quantity: 2,
      prefix: '42',
      expiresAt: nextYear,
      ...owner,
    });
    expect(job).toMatchObject({ state: 'running', phase: 'minting', offline: false, done: 0, total: 2 });
    expect((await failed).payload).toMatchObject({ jobId: job.jobId, state: 'failed' });
    const after = await call<CardSeriesJob>(t.s, 'cards.seriesJob', { jobId: job.jobId });
    expect(after.state).toBe('failed');
    expect(after.error?.code).toMatch(/^api_/);
    expect((await call<CardPage>(t.s, 'cards.list', {})).total).toBe(0);
    expect(outboxState(t.s).commands).toBe(0);
  });
});
