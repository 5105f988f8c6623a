import { describe, expect, it } from 'vitest';
import { methods, type MethodName } from '../../../../core/contract/methods';

/** The wallet methods' input schemas: what the Wallet screen may send, and what is refused before any handler runs. */

const V7 = '01890a5d-ac96-774b-bcce-b302099a8057';

function parse(name: MethodName, input: unknown): unknown {
  const parsed = methods[name].input.safeParse(input);
  expect(parsed.error?.issues ?? [], name).toEqual([]);
  return parsed.data;
}
function refuse(name: MethodName, input: unknown): void {
  expect(methods[name].input.safeParse(input).success, `${name} accepted ${JSON.stringify(input)}`).toBe(
    false,
  );
}

describe('wallet contract inputs', () => {
  it('history: kind and a date range normalised to UTC, paged by entry id', () => {
    expect(
      parse('wallet.history', { kind: 'credit_purchase', from: '2026-11-30T01:00:00+01:00', limit: 10 }),
    ).toEqual({ kind: 'credit_purchase', from: '2026-11-30T00:00:00.000Z', before: null, limit: 10 });
    refuse('wallet.history', { kind: 'Sale; DROP' });
    refuse('wallet.history', { from: 'yesterday' });
    refuse('wallet.history', { limit: 201 });
    refuse('wallet.history', { before: 'not-a-uuid' });
    expect(parse('wallet.historyCsv', {})).toEqual({ cursor: null });
  });

  it('money-moving inputs: a package id; a positive whole amount to a reseller id', () => {
    parse('wallet.buyPackage', { packageId: V7 });
    refuse('wallet.buyPackage', { packageId: V7, purchaseId: V7 });
    parse('wallet.transfer', { toResellerId: V7, amount: 1 });
    refuse('wallet.transfer', { toResellerId: V7, amount: 0 });
    refuse('wallet.transfer', { toResellerId: V7, amount: 1.5 });
    refuse('wallet.transfer', { toResellerId: V7, amount: -5 });
  });

  it('auto top-up rule: threshold not negative, amount and limits positive, per day 1 to 100', () => {
    const rule = { threshold: 0, amount: 500, maxPerDay: 3, maxAmountPerMonth: 5_000, enabled: true };
    expect(parse('wallet.setAutoTopUpRule', rule)).toEqual(rule);
    parse('wallet.setAutoTopUpRule', { ...rule, currency: 'EUR' });
    refuse('wallet.setAutoTopUpRule', { ...rule, threshold: -1 });
    refuse('wallet.setAutoTopUpRule', { ...rule, amount: 0 });
    refuse('wallet.setAutoTopUpRule', { ...rule, maxPerDay: 101 });
    refuse('wallet.setAutoTopUpRule', { ...rule, currency: 'usd' });
  });

  it('alerts: a level or none, a URL or none; a new secret only when asked', () => {
    expect(parse('wallet.setAlertSettings', { alertLevel: null, webhookUrl: null })).toEqual({
      alertLevel: null,
      webhookUrl: null,
      rotateSecret: false,
    });
    parse('wallet.setAlertSettings', {
      alertLevel: 100,
      webhookUrl: 'https://example.com/hook',
      rotateSecret: true,
    });
    refuse('wallet.setAlertSettings', { alertLevel: 100, webhookUrl: 'not a url' });
  });
});
