import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DECLINE_PAUSE_MS,
  afterDecline,
  decideAutoTopUp,
  utcDayStart,
  utcMonthStart,
  type AutoTopUpRuleState,
} from '../../../../core/wallet/auto-topup-decision';

const rule: AutoTopUpRuleState = {
  threshold: 1000,
  amount: 5000,
  maxPerDay: 2,
  maxAmountPerMonth: 12000,
  enabled: true,
  pausedUntilMs: null,
};
const NOW = Date.UTC(2026, 10, 30, 12);
const facts = {
  balance: 999,
  todayCount: 0,
  monthAmount: 0,
  hasPaymentMethod: true,
  inFlight: false,
  nowMs: NOW,
};

describe('decideAutoTopUp', () => {
  it('charges the rule amount when a debit leaves the balance under the threshold', () => {
    expect(decideAutoTopUp(rule, facts)).toEqual({ kind: 'charge', amount: 5000 });
  });

  it('does nothing at or above the threshold, when disabled, or with a purchase in flight', () => {
    expect(decideAutoTopUp(rule, { ...facts, balance: 1000 })).toEqual({
      kind: 'none',
      why: 'not_under_threshold',
    });
    expect(decideAutoTopUp({ ...rule, enabled: false }, facts)).toEqual({ kind: 'none', why: 'disabled' });
    expect(decideAutoTopUp(rule, { ...facts, inFlight: true })).toEqual({ kind: 'none', why: 'in_flight' });
  });

  it('skips while paused, without a card, past the day count or the month amount', () => {
    const paused = decideAutoTopUp({ ...rule, pausedUntilMs: NOW + 1 }, facts);
    expect(paused).toMatchObject({ kind: 'skip', outcome: 'skipped_paused' });
    expect(decideAutoTopUp({ ...rule, pausedUntilMs: NOW }, facts)).toEqual({ kind: 'charge', amount: 5000 });
    expect(decideAutoTopUp(rule, { ...facts, hasPaymentMethod: false })).toMatchObject({
      kind: 'skip',
      outcome: 'skipped_no_payment_method',
    });
    expect(decideAutoTopUp(rule, { ...facts, todayCount: 2 })).toMatchObject({
      kind: 'skip',
      outcome: 'skipped_day_limit',
    });
    expect(decideAutoTopUp(rule, { ...facts, todayCount: 1 })).toEqual({ kind: 'charge', amount: 5000 });
    expect(decideAutoTopUp(rule, { ...facts, monthAmount: 7001 })).toMatchObject({
      kind: 'skip',
      outcome: 'skipped_month_limit',
    });
    expect(decideAutoTopUp(rule, { ...facts, monthAmount: 7000 })).toEqual({ kind: 'charge', amount: 5000 });
  });

  it('pauses an hour after a decline and turns off at the third in a row', () => {
    expect(afterDecline(0, NOW)).toEqual({
      consecutiveDeclines: 1,
      pausedUntilMs: NOW + DECLINE_PAUSE_MS,
      disable: false,
    });
    expect(afterDecline(1, NOW).disable).toBe(false);
    expect(afterDecline(2, NOW)).toEqual({
      consecutiveDeclines: 3,
      pausedUntilMs: NOW + DECLINE_PAUSE_MS,
      disable: true,
    });
  });

  it('finds UTC day and month starts', () => {
    const t = Date.UTC(2026, 1, 28, 23, 59, 59, 999);
    expect(utcDayStart(t)).toBe(Date.UTC(2026, 1, 28));
    expect(utcMonthStart(t)).toBe(Date.UTC(2026, 1, 1));
    expect(utcDayStart(t + 1)).toBe(Date.UTC(2026, 2, 1));
  });

  it('never exceeds the per-day count or the per-month amount under random sequences of debits and outcomes', () => {
    const step = fc.record({
      advanceMs: fc.integer({ min: 0, max: 3 * 86_400_000 }),
      debit: fc.integer({ min: 0, max: 8000 }),
      declined: fc.boolean(),
      hasCard: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.record({
          threshold: fc.integer({ min: 0, max: 10_000 }),
          amount: fc.integer({ min: 1, max: 10_000 }),
          maxPerDay: fc.integer({ min: 1, max: 5 }),
          maxAmountPerMonth: fc.integer({ min: 1, max: 40_000 }),
        }),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
        fc.array(step, { minLength: 1, maxLength: 120 }),
        (limits, start, steps) => {
          let nowMs = start;
          let balance = limits.threshold;
          let declines = 0;
          let state: AutoTopUpRuleState = { ...limits, enabled: true, pausedUntilMs: null };
          const charges: { at: number; amount: number }[] = [];
          for (const s of steps) {
            nowMs += s.advanceMs;
            balance -= s.debit;
            const day = utcDayStart(nowMs);
            const month = utcMonthStart(nowMs);
            const todayCount = charges.filter((c) => c.at >= day).length;
            const monthAmount = charges.filter((c) => c.at >= month).reduce((a, c) => a + c.amount, 0);
            const d = decideAutoTopUp(state, {
              balance,
              todayCount,
              monthAmount,
              hasPaymentMethod: s.hasCard,
              inFlight: false,
              nowMs,
            });
            if (d.kind !== 'charge') continue;
            expect(state.enabled).toBe(true);
            expect(balance).toBeLessThan(limits.threshold);
            expect(todayCount + 1).toBeLessThanOrEqual(limits.maxPerDay);
            expect(monthAmount + d.amount).toBeLessThanOrEqual(limits.maxAmountPerMonth);
            if (s.declined) {
              const next = afterDecline(declines, nowMs);
              declines = next.consecutiveDeclines;
              state = { ...state, pausedUntilMs: next.pausedUntilMs, enabled: !next.disable };
            } else {
              declines = 0;
              state = { ...state, pausedUntilMs: null };
              charges.push({ at: nowMs, amount: d.amount });
              balance += d.amount;
            }
          }
          // Whatever happened, every UTC day and month holds its limits.
          const perDay = new Map<number, number>();
          const perMonth = new Map<number, number>();
          for (const c of charges) {
            perDay.set(utcDayStart(c.at), (perDay.get(utcDayStart(c.at)) ?? 0) + 1);
            perMonth.set(utcMonthStart(c.at), (perMonth.get(utcMonthStart(c.at)) ?? 0) + c.amount);
          }
          for (const n of perDay.values()) expect(n).toBeLessThanOrEqual(limits.maxPerDay);
          for (const a of perMonth.values()) expect(a).toBeLessThanOrEqual(limits.maxAmountPerMonth);
          expect(declines).toBeLessThanOrEqual(3);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('decideAutoTopUp skip reasons', () => {
  it('says why it skipped, with the numbers the attempt is recorded with', () => {
    expect(decideAutoTopUp({ ...rule, pausedUntilMs: Date.UTC(2026, 10, 30, 13) }, facts)).toEqual({
      kind: 'skip',
      outcome: 'skipped_paused',
      reason: 'paused after a decline until 2026-11-30T13:00:00.000Z',
    });
    expect(decideAutoTopUp(rule, { ...facts, hasPaymentMethod: false })).toEqual({
      kind: 'skip',
      outcome: 'skipped_no_payment_method',
      reason: 'no saved payment method',
    });
    expect(decideAutoTopUp(rule, { ...facts, todayCount: 2 })).toEqual({
      kind: 'skip',
      outcome: 'skipped_day_limit',
      reason: '2 of 2 top-ups already made today (UTC)',
    });
    expect(decideAutoTopUp(rule, { ...facts, monthAmount: 7001 })).toEqual({
      kind: 'skip',
      outcome: 'skipped_month_limit',
      reason: "7001 + 5000 would exceed the month's limit of 12000",
    });
  });
});
