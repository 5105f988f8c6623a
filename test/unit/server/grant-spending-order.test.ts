import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grantsInSpendingOrder, planGrantSpend } from '../../../server/wallet/grant-spending-order';

const now = new Date('2026-01-01T00:00:00Z');
const g = (id: string, priority: number, expiresAt: string | null, remaining = 100) => ({
  id,
  remaining,
  priority,
  expiresAt,
  createdAt: '2025-01-01T00:00:00.000Z',
});

describe('grant spending order', () => {
  it('spends lower priority first, then soonest expiry, never-expiring last, skipping expired and empty', () => {
    const order = grantsInSpendingOrder(
      [
        g('topup-never', 50, null),
        g('topup-soon', 50, '2026-02-01T00:00:00.000Z'),
        g('plan', 10, null),
        g('expired', 10, '2025-12-31T00:00:00.000Z'),
        g('empty', 10, null, 0),
      ],
      now,
    ).map((x) => x.id);
    expect(order).toEqual(['plan', 'topup-soon', 'topup-never']);
  });

  it('plans a spend that covers the amount exactly, or refuses', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 3000 }),
        (rs, amount) => {
          const grants = rs.map((r, i) => g(`g${i}`, i % 2 ? 10 : 50, null, r));
          const plan = planGrantSpend(grants, amount, now);
          const total = rs.reduce((s, r) => s + r, 0);
          if (amount > total) expect(plan).toBeNull();
          else expect(plan!.reduce((s, p) => s + p.take, 0)).toBe(amount);
        },
      ),
    );
  });
});
