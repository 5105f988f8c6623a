import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  CARD_REDEEM_FAILED_CODE,
  CARD_REDEEM_LOCKED_CODE,
  MAX_CARD_IDS,
  MAX_RESERVE_HELD,
  MAX_SERIES_QUANTITY,
  cardFilterSchema,
  cardTargetSchema,
  customerRedeemRequestSchema,
  deleteCardsRequestSchema,
  editCardsRequestSchema,
  mintSeriesRequestSchema,
  reserveRequestSchema,
  terminalRedeemRequestSchema,
} from '../../../core/cards/card-schemas';

/** The card API's request schemas: each bound on both sides of its edge (the central API refuses with them). */

const V4 = '3b241101-e2bb-4255-8caf-4136c566a962';
const V7 = '01890a5d-ac96-774b-bcce-b302099a8057';
const T = '2027-01-01T00:00:00.000Z';

function accepts<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  expect(parsed.error?.issues ?? [], JSON.stringify(value)).toEqual([]);
  return parsed.data as z.output<S>;
}
function refuses(schema: z.ZodType, value: unknown, message?: RegExp): void {
  const parsed = schema.safeParse(value);
  expect(parsed.success, `accepted ${JSON.stringify(value).slice(0, 200)}`).toBe(false);
  if (message) expect(parsed.error?.issues.map((i) => i.message).join('; ')).toMatch(message);
}

describe('minting a series', () => {
  const mint = { amount: 1000, currency: 'EUR', quantity: 1, prefix: '9', expiresAt: T };

  it('takes 1 to 100,000 cards of a positive value, with a 12-digit PIN unless told', () => {
    expect(MAX_SERIES_QUANTITY).toBe(100_000);
    expect(accepts(mintSeriesRequestSchema, mint)).toEqual({ ...mint, pinLength: 12 });
    accepts(mintSeriesRequestSchema, { ...mint, quantity: MAX_SERIES_QUANTITY, seriesId: V7, ownerId: V4 });
    refuses(mintSeriesRequestSchema, { ...mint, quantity: 0 });
    refuses(mintSeriesRequestSchema, { ...mint, quantity: MAX_SERIES_QUANTITY + 1 });
    refuses(mintSeriesRequestSchema, { ...mint, quantity: 1.5 });
    refuses(mintSeriesRequestSchema, { ...mint, amount: 0 }, /greater than zero/);
    refuses(mintSeriesRequestSchema, { ...mint, currency: 'euro' });
    refuses(mintSeriesRequestSchema, { ...mint, expiresAt: 'tomorrow' });
    refuses(mintSeriesRequestSchema, { ...mint, extra: 1 });
  });

  it('PINs of 5 to 20 digits', () => {
    accepts(mintSeriesRequestSchema, { ...mint, pinLength: 5 });
    accepts(mintSeriesRequestSchema, { ...mint, pinLength: 20 });
    refuses(mintSeriesRequestSchema, { ...mint, pinLength: 4 });
    refuses(mintSeriesRequestSchema, { ...mint, pinLength: 21 });
  });

  it('a prefix of 1 to 6 digits not starting with 0', () => {
    accepts(mintSeriesRequestSchema, { ...mint, prefix: '123456' });
    for (const prefix of ['0', '012', '1234567', '', '1a']) {
      refuses(mintSeriesRequestSchema, { ...mint, prefix }, /1 to 6 digits, not starting with 0/);
    }
  });

  it('credits valid 1 to 3650 days, or for ever (null or absent)', () => {
    accepts(mintSeriesRequestSchema, { ...mint, grantValidityDays: null });
    accepts(mintSeriesRequestSchema, { ...mint, grantValidityDays: 1 });
    accepts(mintSeriesRequestSchema, { ...mint, grantValidityDays: 3650 });
    refuses(mintSeriesRequestSchema, { ...mint, grantValidityDays: 0 });
    refuses(mintSeriesRequestSchema, { ...mint, grantValidityDays: 3651 });
  });
});

describe('redeeming a card', () => {
  it('at a terminal: an account, a PIN and maybe a serial, each as typed (up to 64 characters)', () => {
    const ok = { customerAccount: '+4470000001', pin: 'whatever was typed', serial: 'x' };
    accepts(terminalRedeemRequestSchema, ok);
    accepts(terminalRedeemRequestSchema, { ...ok, pin: 'p'.repeat(64), serial: 's'.repeat(64) });
    refuses(terminalRedeemRequestSchema, { ...ok, pin: 'p'.repeat(65) });
    refuses(terminalRedeemRequestSchema, { ...ok, serial: 's'.repeat(65) });
    refuses(terminalRedeemRequestSchema, { ...ok, customerAccount: '12' });
    refuses(terminalRedeemRequestSchema, { ...ok, extra: 1 });
  });

  it('by a customer: a PIN and maybe a serial', () => {
    accepts(customerRedeemRequestSchema, { pin: '1' });
    accepts(customerRedeemRequestSchema, { pin: 'p'.repeat(64), serial: 's'.repeat(64) });
    refuses(customerRedeemRequestSchema, { pin: 'p'.repeat(65) });
    refuses(customerRedeemRequestSchema, { pin: '1', serial: 's'.repeat(65) });
    refuses(customerRedeemRequestSchema, { pin: '1', customerAccount: '+4470000001' });
  });

  it('fails with one code whatever went wrong, and another while locked', () => {
    expect(CARD_REDEEM_FAILED_CODE).toBe('card_redeem_failed');
    expect(CARD_REDEEM_LOCKED_CODE).toBe('card_redeem_locked');
  });
});

describe('naming cards for an edit, a delete or a sheet', () => {
  it('filters on known fields only, amounts as positive whole numbers (query strings coerced)', () => {
    expect(accepts(cardFilterSchema, { amount: '500', status: 'new' })).toEqual({
      amount: 500,
      status: 'new',
    });
    accepts(cardFilterSchema, {
      seriesId: V4,
      prefix: '9',
      serialFrom: 'a'.repeat(32),
      serialTo: 'b'.repeat(32),
      ownerId: V4,
      createdFrom: T,
      createdTo: T,
      expiresFrom: T,
      expiresTo: T,
    });
    refuses(cardFilterSchema, { amount: '0' });
    refuses(cardFilterSchema, { amount: '1.5' });
    refuses(cardFilterSchema, { serialFrom: 'a'.repeat(33) });
    refuses(cardFilterSchema, { serialTo: 'b'.repeat(33) });
    refuses(cardFilterSchema, { prefix: '09' });
    refuses(cardFilterSchema, { status: 'lost' });
    refuses(cardFilterSchema, { owner: V4 });
  });

  it('by 1 to 100,000 ids, by filter, or all', () => {
    expect(MAX_CARD_IDS).toBe(100_000);
    accepts(cardTargetSchema, { kind: 'ids', ids: [V4] });
    accepts(cardTargetSchema, { kind: 'ids', ids: Array.from({ length: MAX_CARD_IDS }, () => V4) });
    refuses(cardTargetSchema, { kind: 'ids', ids: Array.from({ length: MAX_CARD_IDS + 1 }, () => V4) });
    refuses(cardTargetSchema, { kind: 'ids', ids: [] });
    accepts(cardTargetSchema, { kind: 'filter', filter: {} });
    accepts(cardTargetSchema, { kind: 'all' });
    refuses(cardTargetSchema, { kind: 'all', filter: {} });
    refuses(cardTargetSchema, { kind: 'some' });
  });

  it('a delete needs the typed word "delete"', () => {
    accepts(deleteCardsRequestSchema, { target: { kind: 'all' }, confirm: 'delete' });
    refuses(deleteCardsRequestSchema, { target: { kind: 'all' }, confirm: 'yes' });
    refuses(deleteCardsRequestSchema, { target: { kind: 'all' } });
  });

  it('a mass edit preserves or sets the expiry, and nothing else', () => {
    accepts(editCardsRequestSchema, { target: { kind: 'all' }, expiresAt: { mode: 'preserve' } });
    accepts(editCardsRequestSchema, { target: { kind: 'all' }, expiresAt: { mode: 'set', value: T } });
    refuses(editCardsRequestSchema, { target: { kind: 'all' }, expiresAt: { mode: 'set' } });
    refuses(editCardsRequestSchema, { target: { kind: 'all' }, expiresAt: { mode: 'preserve', value: T } });
    refuses(editCardsRequestSchema, {
      target: { kind: 'all' },
      expiresAt: { mode: 'preserve' },
      ownerId: V4,
    });
  });
});

describe('the PIN reserve request', () => {
  it('adds 0 to 10,000 pairs, releases up to 10,000, default PIN length 12', () => {
    expect(MAX_RESERVE_HELD).toBe(10_000);
    expect(accepts(reserveRequestSchema, { add: 0, prefix: '9' })).toEqual({
      add: 0,
      prefix: '9',
      pinLength: 12,
      release: [],
    });
    accepts(reserveRequestSchema, {
      add: MAX_RESERVE_HELD,
      prefix: '9',
      release: Array.from({ length: MAX_RESERVE_HELD }, () => V4),
    });
    refuses(reserveRequestSchema, { add: -1, prefix: '9' });
    refuses(reserveRequestSchema, { add: MAX_RESERVE_HELD + 1, prefix: '9' });
    refuses(reserveRequestSchema, {
      add: 1,
      prefix: '9',
      release: Array.from({ length: MAX_RESERVE_HELD + 1 }, () => V4),
    });
    refuses(reserveRequestSchema, { add: 1, prefix: '0' }, /1 to 6 digits, not starting with 0/);
    refuses(reserveRequestSchema, { add: 1, prefix: '9', pinLength: 4 });
    refuses(reserveRequestSchema, { add: 1, prefix: '9', pinLength: 21 });
    refuses(reserveRequestSchema, { add: 1, prefix: '9', extra: 1 });
  });
});
