import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideRefund,
  monthStartUtc,
  type RefundableSale,
  type RefundPolicy,
  type RefundRefusal,
} from '../../../core/sales/refund-rule';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);

/** A sale and a policy that allow a refund, drawn at random: every condition holds. */
const allowed = fc
  .record({
    soldAgo: fc.integer({ min: 0, max: 300 * DAY }),
    validFor: fc.option(fc.integer({ min: 1, max: 400 * DAY }), { nil: null }),
    grant: fc.integer({ min: 1, max: 1_000_000 }),
    cutoffBefore: fc.option(fc.integer({ min: 0, max: 400 * DAY }), { nil: null }),
    limit: fc.integer({ min: 1, max: 50 }),
    usedFraction: fc.double({ min: 0, max: 0.999, noNaN: true }),
  })
  .map((r) => {
    const soldAtMs = NOW - r.soldAgo;
    const sale: RefundableSale = {
      status: 'purchased',
      packageId: 'pkg-1',
      soldAtMs,
      // Valid until after now when it expires at all.
      validUntilMs: r.validFor === null ? null : NOW + r.validFor,
      grantAmount: r.grant,
      grantRemaining: r.grant,
    };
    const policy: RefundPolicy = {
      cutoffMs: r.cutoffBefore === null ? null : soldAtMs - r.cutoffBefore,
      monthlyLimit: r.limit,
    };
    const refundsThisMonth = Math.floor(r.usedFraction * r.limit);
    return { sale, policy, refundsThisMonth };
  });

type Case = { sale: RefundableSale; policy: RefundPolicy; refundsThisMonth: number };

/** Breaks exactly one condition of an allowed case. */
const breakers: Record<RefundRefusal, (c: Case, k: number) => Case> = {
  needs_support_ticket: (c) => ({ ...c, sale: { ...c.sale, status: 'activated' } }),
  not_purchased: (c) => ({ ...c, sale: { ...c.sale, status: 'refunded' } }),
  package_expired: (c, k) => ({ ...c, sale: { ...c.sale, validUntilMs: NOW - (k % (10 * DAY)) } }),
  package_used: (c, k) => ({
    ...c,
    sale: { ...c.sale, grantRemaining: c.sale.grantAmount - 1 - (k % c.sale.grantAmount) },
  }),
  before_cutoff: (c, k) => ({ ...c, policy: { ...c.policy, cutoffMs: c.sale.soldAtMs + 1 + (k % DAY) } }),
  monthly_limit_reached: (c, k) => ({ ...c, refundsThisMonth: c.policy.monthlyLimit + (k % 3) }),
};

describe('the refund rule', () => {
  it('allows a refund when every condition holds', () => {
    fc.assert(
      fc.property(allowed, (c) => {
        expect(decideRefund(c.sale, c.policy, c.refundsThisMonth, NOW)).toEqual({ kind: 'allow' });
      }),
    );
  });

  for (const [condition, breakOne] of Object.entries(breakers) as [
    RefundRefusal,
    (c: Case, k: number) => Case,
  ][]) {
    it(`refuses when only "${condition}" fails, and names it`, () => {
      fc.assert(
        fc.property(allowed, fc.nat(), (c, k) => {
          const broken = breakOne(c, k);
          const d = decideRefund(broken.sale, broken.policy, broken.refundsThisMonth, NOW);
          expect(d.kind).toBe('refuse');
          if (d.kind === 'refuse') {
            expect(d.condition).toBe(condition);
            expect(d.message.length).toBeGreaterThan(10);
          }
        }),
      );
    });
  }

  it('tells an activated sale to open a support ticket quoting its package ID', () => {
    const d = decideRefund(
      {
        status: 'activated',
        packageId: '0192aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee',
        soldAtMs: NOW - DAY,
        validUntilMs: null,
        grantAmount: 500,
        grantRemaining: 500,
      },
      { cutoffMs: null, monthlyLimit: 5 },
      0,
      NOW,
    );
    expect(d).toMatchObject({ kind: 'refuse', condition: 'needs_support_ticket' });
    if (d.kind === 'refuse') expect(d.message).toContain('0192aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee');
  });

  it('treats a package expiring exactly now as expired, and a sale exactly at the cut-off as allowed', () => {
    const sale: RefundableSale = {
      status: 'purchased',
      packageId: 'p',
      soldAtMs: NOW - DAY,
      validUntilMs: NOW,
      grantAmount: 100,
      grantRemaining: 100,
    };
    expect(decideRefund(sale, { cutoffMs: null, monthlyLimit: 1 }, 0, NOW)).toMatchObject({
      condition: 'package_expired',
    });
    expect(
      decideRefund({ ...sale, validUntilMs: NOW + 1 }, { cutoffMs: sale.soldAtMs, monthlyLimit: 1 }, 0, NOW),
    ).toEqual({ kind: 'allow' });
  });

  it('says refunds are off when the monthly limit is zero', () => {
    const d = decideRefund(
      {
        status: 'purchased',
        packageId: 'p',
        soldAtMs: NOW,
        validUntilMs: null,
        grantAmount: 1,
        grantRemaining: 1,
      },
      { cutoffMs: null, monthlyLimit: 0 },
      0,
      NOW,
    );
    expect(d).toMatchObject({
      condition: 'monthly_limit_reached',
      message: 'Refunds are turned off for this shop.',
    });
  });

  it('names the monthly limit used up, and the cut-off day as a date', () => {
    const sale: RefundableSale = {
      status: 'purchased',
      packageId: 'p',
      soldAtMs: Date.UTC(2026, 9, 15, 8, 30),
      validUntilMs: null,
      grantAmount: 1,
      grantRemaining: 1,
    };
    const limited = decideRefund(sale, { cutoffMs: null, monthlyLimit: 3 }, 3, NOW);
    expect(limited).toMatchObject({ condition: 'monthly_limit_reached' });
    if (limited.kind === 'refuse') {
      expect(limited.message).toContain('all 3 refunds');
      expect(limited.message).not.toContain('turned off');
    }
    const cutoff = decideRefund(sale, { cutoffMs: Date.UTC(2026, 10, 1, 6, 0), monthlyLimit: 3 }, 0, NOW);
    expect(cutoff).toMatchObject({ condition: 'before_cutoff' });
    if (cutoff.kind === 'refuse') {
      expect(cutoff.message).toContain('before 2026-11-01');
      expect(cutoff.message).not.toMatch(/T\d\d:/);
    }
  });

  it('counts months by the UTC calendar', () => {
    expect(new Date(monthStartUtc(Date.UTC(2026, 10, 30, 23, 59))).toISOString()).toBe(
      '2026-11-01T00:00:00.000Z',
    );
    expect(new Date(monthStartUtc(Date.UTC(2026, 11, 1, 0, 0))).toISOString()).toBe(
      '2026-12-01T00:00:00.000Z',
    );
    expect(new Date(monthStartUtc(Date.UTC(2028, 1, 29, 5))).toISOString()).toBe('2028-02-01T00:00:00.000Z');
  });
});
