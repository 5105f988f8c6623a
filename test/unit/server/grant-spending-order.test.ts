import { describe, expect, it } from 'vitest';
import { grantsInSpendingOrder } from '../../../server/wallet/grant-spending-order';

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

  it('breaks a tie on priority and expiry oldest first, then by id', () => {
    const at = (id: string, createdAt: string) => ({ ...g(id, 50, '2026-03-01T00:00:00.000Z'), createdAt });
    const order = grantsInSpendingOrder(
      [
        at('b-newest', '2025-06-03T00:00:00.000Z'),
        at('z-oldest', '2025-06-01T00:00:00.000Z'),
        at('c-middle', '2025-06-02T00:00:00.000Z'),
        at('a-middle', '2025-06-02T00:00:00.000Z'),
      ],
      now,
    ).map((x) => x.id);
    expect(order).toEqual(['z-oldest', 'a-middle', 'c-middle', 'b-newest']);
  });
});
