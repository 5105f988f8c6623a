import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  MANAGER_REJECT_REASONS,
  MAX_CARD_BATCH,
  MAX_PUSH_BATCH,
  MAX_PUSH_BYTES,
  accountNumberSchema,
  cardBatchPayloadSchema,
  cardRedeemPayloadSchema,
  commandOutcomeSchema,
  commandPayloadSchemas,
  currencySchema,
  enrollRequestSchema,
  floorLimitsSchema,
  isoTimeSchema,
  minorUnitsSchema,
  offlineClaimSchema,
  outboxCommandSchema,
  positiveMinorSchema,
  pushRequestSchema,
  rejectReasonSchema,
  saleCreatePayloadSchema,
  saleVoidPayloadSchema,
  uuidSchema,
  uuidv7Schema,
  versionSchema,
} from '../../../core/sync/protocol';

/**
 * The sync protocol's request schemas are what the central API refuses a terminal's data with: each bound is
 * checked on both sides of its edge, so a bound moved by one (or dropped) fails here.
 */

const V7 = '01890a5d-ac96-774b-bcce-b302099a8057';
const V4 = '3b241101-e2bb-4255-8caf-4136c566a962';
const T = '2026-03-01T10:00:00.000Z';

function accepts<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  expect(parsed.error?.issues ?? [], JSON.stringify(value)).toEqual([]);
  return parsed.data as z.output<S>;
}
function refuses(schema: z.ZodType, value: unknown, message?: RegExp): void {
  const parsed = schema.safeParse(value);
  expect(parsed.success, `accepted ${JSON.stringify(value)}`).toBe(false);
  if (message) expect(parsed.error?.issues.map((i) => i.message).join('; ')).toMatch(message);
}

describe('protocol building blocks', () => {
  it('ids: UUIDv7 where the terminal makes them, any UUID otherwise', () => {
    accepts(uuidv7Schema, V7);
    refuses(uuidv7Schema, V4, /must be a UUIDv7/);
    accepts(uuidSchema, V4);
    refuses(uuidSchema, 'not-a-uuid');
  });

  it('currencies: three upper-case letters', () => {
    accepts(currencySchema, 'EUR');
    refuses(currencySchema, 'eur', /3-letter ISO currency code/);
  });

  it('minor units: safe integers, positive where an amount is asked for', () => {
    accepts(minorUnitsSchema, -5);
    accepts(minorUnitsSchema, Number.MAX_SAFE_INTEGER);
    refuses(minorUnitsSchema, 1.5);
    refuses(minorUnitsSchema, Number.MAX_SAFE_INTEGER + 1);
    accepts(positiveMinorSchema, 1);
    refuses(positiveMinorSchema, 0, /greater than zero/);
    refuses(positiveMinorSchema, -1, /greater than zero/);
  });

  it('accounts: 4 to 20 digits after an optional +, trimmed', () => {
    expect(accepts(accountNumberSchema, '  +1234 ')).toBe('+1234');
    accepts(accountNumberSchema, '1'.repeat(20));
    accepts(accountNumberSchema, `+${'1'.repeat(20)}`);
    refuses(accountNumberSchema, '123', /4 to 20 digits/);
    refuses(accountNumberSchema, '1'.repeat(21));
    refuses(accountNumberSchema, '12+34');
    refuses(accountNumberSchema, '1234a');
    refuses(accountNumberSchema, 'a1234');
  });

  it('times: UTC ISO-8601 within the years 2000 to 2199', () => {
    accepts(isoTimeSchema, '2000-01-01T00:00:00Z');
    accepts(isoTimeSchema, '2199-12-31T23:59:59.999Z');
    refuses(isoTimeSchema, '1999-12-31T23:59:59Z', /between the years 2000 and 2199/);
    refuses(isoTimeSchema, '2200-01-01T00:00:00Z', /between the years 2000 and 2199/);
    refuses(isoTimeSchema, '2026-03-01T10:00:00+01:00');
    refuses(isoTimeSchema, 'x2026-03-01T10:00:00Z');
  });

  it('versions: 1 to the largest PostgreSQL integer', () => {
    accepts(versionSchema, 1);
    accepts(versionSchema, 2_147_483_647);
    refuses(versionSchema, 0);
    refuses(versionSchema, 2_147_483_648);
    refuses(versionSchema, 1.5);
  });

  it('floor limits: non-negative amounts, 0 to 720 hours since the last sync, nothing else', () => {
    const limits = { perSaleMax: 0, totalOfflineMax: 0, maxHoursSinceSync: 0 };
    accepts(floorLimitsSchema, limits);
    accepts(floorLimitsSchema, { ...limits, maxHoursSinceSync: 720 });
    refuses(floorLimitsSchema, { ...limits, maxHoursSinceSync: 721 });
    refuses(floorLimitsSchema, { ...limits, maxHoursSinceSync: -1 });
    refuses(floorLimitsSchema, { ...limits, maxHoursSinceSync: 1.5 });
    refuses(floorLimitsSchema, { ...limits, perSaleMax: -1 });
    refuses(floorLimitsSchema, { ...limits, totalOfflineMax: -1 });
    refuses(floorLimitsSchema, { ...limits, extra: 1 });
    refuses(floorLimitsSchema, { perSaleMax: 0, totalOfflineMax: 0 });
  });
});

describe('enrollment request', () => {
  const ok = { code: 'ABC123', terminalName: 'Front counter' };
  it('takes a 6 to 64 character code and a 1 to 80 character name, trimmed', () => {
    expect(accepts(enrollRequestSchema, { code: ' ABC123 ', terminalName: ' Front ' })).toEqual({
      code: 'ABC123',
      terminalName: 'Front',
    });
    accepts(enrollRequestSchema, { code: 'x'.repeat(64), terminalName: 'y'.repeat(80) });
    refuses(enrollRequestSchema, { ...ok, code: 'ABC12' });
    refuses(enrollRequestSchema, { ...ok, code: 'x'.repeat(65) });
    refuses(enrollRequestSchema, { ...ok, terminalName: '   ' });
    refuses(enrollRequestSchema, { ...ok, terminalName: 'y'.repeat(81) });
    refuses(enrollRequestSchema, { ...ok, extra: true });
  });
});

describe('sale commands', () => {
  const sale = {
    saleId: V7,
    saleNumber: 'T7K2-000123',
    packageId: V4,
    packageVersion: 3,
    customerAccount: '+4470000001',
    quantity: 1,
    currency: 'EUR',
    retailAmount: 500,
  };

  it('sale.create: a UUIDv7 id, a prefixed number, 1 to 100 of a package, a positive amount', () => {
    accepts(saleCreatePayloadSchema, sale);
    const { packageVersion: _v, ...unversioned } = sale;
    accepts(saleCreatePayloadSchema, unversioned);
    accepts(saleCreatePayloadSchema, { ...sale, quantity: 100, saleNumber: 'AB-123456789012' });
    refuses(saleCreatePayloadSchema, { ...sale, quantity: 0 });
    refuses(saleCreatePayloadSchema, { ...sale, quantity: 101 });
    refuses(saleCreatePayloadSchema, { ...sale, saleId: V4 });
    refuses(saleCreatePayloadSchema, { ...sale, saleNumber: 'T-000123' });
    refuses(saleCreatePayloadSchema, { ...sale, saleNumber: 'T7K2-12345' });
    refuses(saleCreatePayloadSchema, { ...sale, saleNumber: 't7k2-000123' });
    refuses(saleCreatePayloadSchema, { ...sale, saleNumber: 'T7K2-000123x' });
    refuses(saleCreatePayloadSchema, { ...sale, retailAmount: 0 });
    refuses(saleCreatePayloadSchema, { ...sale, packageVersion: 0 });
    refuses(saleCreatePayloadSchema, { ...sale, extra: 1 });
  });

  it('sale.void: only for a sale refused at the counter', () => {
    accepts(saleVoidPayloadSchema, { saleId: V7, reason: 'refused_at_counter' });
    refuses(saleVoidPayloadSchema, { saleId: V7, reason: 'changed_mind' });
    refuses(saleVoidPayloadSchema, { saleId: V7, reason: 'refused_at_counter', extra: 1 });
  });

  it('every command type has its payload schema', () => {
    expect(Object.keys(commandPayloadSchemas).sort()).toEqual([
      'card.batch',
      'card.redeem',
      'sale.create',
      'sale.void',
      'shift.close',
      'shift.open',
      'stock.release',
      'stock.sale',
    ]);
    expect(commandPayloadSchemas['sale.create']).toBe(saleCreatePayloadSchema);
    expect(commandPayloadSchemas['sale.void']).toBe(saleVoidPayloadSchema);
    expect(commandPayloadSchemas['card.batch']).toBe(cardBatchPayloadSchema);
    expect(commandPayloadSchemas['card.redeem']).toBe(cardRedeemPayloadSchema);
  });
});

describe('card commands', () => {
  const batch = {
    seriesId: V7,
    cardIds: [V4],
    amount: 1000,
    currency: 'EUR',
    expiresAt: T,
    grantValidityDays: null,
  };

  it('card.batch: 1 to MAX_CARD_BATCH cards of a positive value, credits valid 1 to 3650 days or for ever', () => {
    expect(MAX_CARD_BATCH).toBe(10_000);
    accepts(cardBatchPayloadSchema, batch);
    accepts(cardBatchPayloadSchema, { ...batch, grantValidityDays: 1 });
    accepts(cardBatchPayloadSchema, { ...batch, grantValidityDays: 3650 });
    accepts(cardBatchPayloadSchema, { ...batch, cardIds: Array.from({ length: MAX_CARD_BATCH }, () => V4) });
    refuses(cardBatchPayloadSchema, {
      ...batch,
      cardIds: Array.from({ length: MAX_CARD_BATCH + 1 }, () => V4),
    });
    refuses(cardBatchPayloadSchema, { ...batch, cardIds: [] });
    refuses(cardBatchPayloadSchema, { ...batch, grantValidityDays: 0 });
    refuses(cardBatchPayloadSchema, { ...batch, grantValidityDays: 3651 });
    refuses(cardBatchPayloadSchema, { ...batch, amount: 0 });
    refuses(cardBatchPayloadSchema, { ...batch, seriesId: V4 });
    refuses(cardBatchPayloadSchema, { ...batch, extra: 1 });
  });

  it('card.redeem: an account and a PIN (and serial) of at most 64 characters', () => {
    const redeem = { customerAccount: '+4470000001', pin: '1234 5678', serial: '1010000000015' };
    accepts(cardRedeemPayloadSchema, redeem);
    accepts(cardRedeemPayloadSchema, { customerAccount: '1234', pin: 'x'.repeat(64) });
    accepts(cardRedeemPayloadSchema, { ...redeem, serial: 's'.repeat(64) });
    refuses(cardRedeemPayloadSchema, { ...redeem, pin: 'x'.repeat(65) });
    refuses(cardRedeemPayloadSchema, { ...redeem, serial: 's'.repeat(65) });
    refuses(cardRedeemPayloadSchema, { ...redeem, customerAccount: '12' });
    refuses(cardRedeemPayloadSchema, { ...redeem, extra: 1 });
  });
});

describe('the outbox command envelope', () => {
  const claim = { seq: 2, windowStart: 1, limitsVersion: 1, lastSyncAt: T };
  const online = {
    id: V7,
    type: 'sale.create',
    payload: {},
    createdAt: T,
    clerkId: null,
    offline: false,
  };

  it('an offline claim: positive safe sequence numbers, its window starting no later than itself', () => {
    accepts(offlineClaimSchema, claim);
    accepts(offlineClaimSchema, { ...claim, seq: 1, windowStart: 1 });
    accepts(offlineClaimSchema, {
      ...claim,
      seq: Number.MAX_SAFE_INTEGER,
      windowStart: Number.MAX_SAFE_INTEGER,
    });
    refuses(offlineClaimSchema, { ...claim, seq: 1, windowStart: 2 }, /windowStart must not be after seq/);
    refuses(offlineClaimSchema, { ...claim, seq: 0, windowStart: 0 });
    refuses(offlineClaimSchema, { ...claim, seq: Number.MAX_SAFE_INTEGER + 2 });
    refuses(offlineClaimSchema, { ...claim, windowStart: 0 });
    refuses(offlineClaimSchema, { ...claim, limitsVersion: 0 });
    refuses(offlineClaimSchema, { ...claim, extra: 1 });
  });

  it('an offline sale carries its claim and an online one none; other commands may carry either', () => {
    accepts(outboxCommandSchema, online);
    accepts(outboxCommandSchema, { ...online, offline: true, offlineClaim: claim });
    accepts(outboxCommandSchema, { ...online, offlineClaim: null });
    refuses(outboxCommandSchema, { ...online, offline: true }, /an offline sale carries its offlineClaim/);
    refuses(outboxCommandSchema, { ...online, offline: true, offlineClaim: null });
    refuses(
      outboxCommandSchema,
      { ...online, offlineClaim: claim },
      /an offline sale carries its offlineClaim/,
    );
    accepts(outboxCommandSchema, { ...online, type: 'card.batch', offline: true });
    accepts(outboxCommandSchema, { ...online, type: 'card.redeem', offlineClaim: claim });
    const issue = outboxCommandSchema.safeParse({ ...online, offline: true }).error?.issues[0];
    expect(issue?.path).toEqual(['offlineClaim']);
  });

  it('a command type is dotted lower-case words of at most 64 characters', () => {
    for (const type of ['sale', 'sale.create', 'a1_b.c2', `a.${'b'.repeat(62)}`]) {
      accepts(outboxCommandSchema, { ...online, type });
    }
    for (const type of [
      'Sale.create',
      'sale.',
      '.sale',
      'sale..create',
      '1sale',
      'sale.1x',
      'sale-create',
      '',
    ]) {
      refuses(outboxCommandSchema, { ...online, type }, /dotted lower-case words|Too small/i);
    }
    refuses(outboxCommandSchema, { ...online, type: `a.${'b'.repeat(63)}` });
  });

  it('a command has a UUIDv7 id, a valid time, a clerk or none, and nothing else', () => {
    accepts(outboxCommandSchema, { ...online, clerkId: V4 });
    refuses(outboxCommandSchema, { ...online, id: V4 });
    refuses(outboxCommandSchema, { ...online, createdAt: '1999-01-01T00:00:00Z' });
    refuses(outboxCommandSchema, { ...online, clerkId: 'clerk' });
    refuses(outboxCommandSchema, { ...online, extra: 1 });
  });
});

describe('a push', () => {
  it('carries 1 to MAX_PUSH_BATCH commands with ids of 1 to 64 characters, in at most 4 MiB', () => {
    expect(MAX_PUSH_BATCH).toBe(500);
    expect(MAX_PUSH_BYTES).toBe(4 * 1024 * 1024);
    const command = (id: string) => ({ id, anything: true });
    expect(accepts(pushRequestSchema, { commands: [command('a')] }).commands[0]).toEqual({
      id: 'a',
      anything: true,
    });
    accepts(pushRequestSchema, {
      commands: Array.from({ length: MAX_PUSH_BATCH }, (_, i) => command(`c${i}`)),
    });
    refuses(pushRequestSchema, {
      commands: Array.from({ length: MAX_PUSH_BATCH + 1 }, (_, i) => command(`c${i}`)),
    });
    refuses(pushRequestSchema, { commands: [] });
    accepts(pushRequestSchema, { commands: [command('x'.repeat(64))] });
    refuses(pushRequestSchema, { commands: [command('x'.repeat(65))] });
    refuses(pushRequestSchema, { commands: [command('')] });
    refuses(pushRequestSchema, { commands: [command('a')], extra: 1 });
  });

  it('answers each command applied, rejected with a known reason, or duplicate', () => {
    accepts(commandOutcomeSchema, { id: 'a', status: 'applied', result: { any: 1 } });
    accepts(commandOutcomeSchema, { id: 'a', status: 'rejected', reason: 'sale_used', message: 'used' });
    refuses(commandOutcomeSchema, { id: 'a', status: 'rejected', reason: 'because', message: 'no' });
    accepts(commandOutcomeSchema, { id: 'a', status: 'duplicate', original: 'applied' });
    accepts(commandOutcomeSchema, {
      id: 'a',
      status: 'duplicate',
      original: 'rejected',
      reason: 'forbidden',
    });
    refuses(commandOutcomeSchema, { id: 'a', status: 'duplicate', original: 'pending' });
    refuses(commandOutcomeSchema, { id: 'a', status: 'queued' });
  });

  it('marks for a manager the refusals no honest terminal causes, not the ordinary ones', () => {
    const manager = [
      'invalid_command',
      'invalid_payload',
      'unknown_command_type',
      'unknown_version',
      'floor_limit_exceeded',
      'id_reused_with_different_payload',
      'sale_already_exists',
      'void_not_allowed',
      'forbidden',
      'reserve_card_unknown',
      'shift_unknown',
      'shift_conflict',
      'stock_exceeded',
    ];
    expect([...MANAGER_REJECT_REASONS].sort()).toEqual([...manager].sort());
    const ordinary = rejectReasonSchema.options.filter((r) => !manager.includes(r));
    expect(ordinary.sort()).toEqual([
      'card_redeem_failed',
      'card_redeem_locked',
      'catalog_changed',
      'currency_mismatch',
      'insufficient_credits',
      'package_inactive',
      'package_not_found',
      'price_mismatch',
      'sale_used',
    ]);
  });
});
