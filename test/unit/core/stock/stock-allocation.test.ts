import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideStockTake,
  isLowStock,
  remainingStock,
  type StockAllocation,
} from '../../../../core/stock/stock-allocation';

/** One step of a terminal's life with inventory stock. */
type Step =
  | { readonly kind: 'allocate'; readonly n: number }
  | { readonly kind: 'pull' }
  | { readonly kind: 'sell'; readonly n: number }
  | { readonly kind: 'release'; readonly n: number }
  | { readonly kind: 'push'; readonly upTo: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('allocate' as const), n: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('pull' as const) }),
  fc.record({ kind: fc.constant('sell' as const), n: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ kind: fc.constant('release' as const), n: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ kind: fc.constant('push' as const), upTo: fc.integer({ min: 0, max: 5 }) }),
);

describe('stock allocation rule', () => {
  it('what is left is allocated - released - sold, never below zero', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(1000), (allocated, released, sold) => {
        const left = remainingStock({ allocated, released, sold });
        expect(left).toBe(Math.max(0, allocated - released - sold));
      }),
    );
  });

  it('a take is allowed exactly when the quantity is a positive whole number within what is left', () => {
    fc.assert(
      fc.property(
        fc.record({ allocated: fc.nat(50), released: fc.nat(50), sold: fc.nat(50) }),
        fc.integer({ min: -3, max: 120 }),
        (a: StockAllocation, q) => {
          const d = decideStockTake(a, q);
          const left = remainingStock(a);
          expect(d.ok).toBe(q >= 1 && q <= left);
          expect(d.remaining).toBe(d.ok ? left - q : left);
        },
      ),
    );
    expect(decideStockTake({ allocated: 3, released: 0, sold: 0 }, 1.5).ok).toBe(false);
    expect(decideStockTake({ allocated: 0, released: 0, sold: 0 }, 1)).toMatchObject({
      ok: false,
      message: 'No stock of this package is left on this terminal.',
    });
    expect(decideStockTake({ allocated: 2, released: 0, sold: 1 }, 2)).toMatchObject({
      ok: false,
      message: 'Only 1 of this package is left in stock on this terminal.',
    });
  });

  it('offline, a terminal never oversells: every command it accepted the server accepts, in any interleaving', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        // The server's running totals and what the terminal last pulled of its allocation.
        const server = { allocated: 0, released: 0, sold: 0 };
        let pulledAllocated = 0;
        // The terminal's own sales and releases (all it ever wrote), and the outbox not yet pushed.
        const local = { released: 0, sold: 0 };
        const outbox: { kind: 'sell' | 'release'; n: number }[] = [];
        for (const s of steps) {
          if (s.kind === 'allocate') server.allocated += s.n;
          else if (s.kind === 'pull') pulledAllocated = server.allocated;
          else if (s.kind === 'sell' || s.kind === 'release') {
            const view = { allocated: pulledAllocated, released: local.released, sold: local.sold };
            const d = decideStockTake(view, s.n);
            if (!d.ok) continue; // refused before anything is written
            if (s.kind === 'sell') local.sold += s.n;
            else local.released += s.n;
            outbox.push({ kind: s.kind, n: s.n });
            expect(remainingStock(view) - s.n).toBeGreaterThanOrEqual(0);
          } else {
            for (const c of outbox.splice(0, s.upTo)) {
              const d = decideStockTake(server, c.n);
              expect(d.ok).toBe(true);
              if (c.kind === 'sell') server.sold += c.n;
              else server.released += c.n;
            }
          }
          expect(server.released + server.sold).toBeLessThanOrEqual(server.allocated);
          expect(local.released + local.sold).toBeLessThanOrEqual(pulledAllocated);
        }
        // Everything pushed and pulled: both sides agree on what is left.
        for (const c of outbox.splice(0)) {
          expect(decideStockTake(server, c.n).ok).toBe(true);
          if (c.kind === 'sell') server.sold += c.n;
          else server.released += c.n;
        }
        pulledAllocated = server.allocated;
        expect(remainingStock({ allocated: pulledAllocated, ...local })).toBe(remainingStock(server));
      }),
      { numRuns: 500 },
    );
  });

  it('warns at or below the threshold while something is left', () => {
    expect(isLowStock(5, 5)).toBe(true);
    expect(isLowStock(6, 5)).toBe(false);
    expect(isLowStock(0, 5)).toBe(false);
    expect(isLowStock(1, 0)).toBe(false);
  });
});

describe('decideStockTake at the edges', () => {
  const alloc = (allocated: number): StockAllocation => ({ allocated, released: 0, sold: 0 });

  it('allows taking exactly what remains, down to zero', () => {
    expect(decideStockTake(alloc(3), 3)).toEqual({ ok: true, remaining: 0 });
    expect(decideStockTake(alloc(1), 1)).toEqual({ ok: true, remaining: 0 });
  });

  it('says what is wrong with a quantity that is not a whole number of at least 1', () => {
    for (const q of [0, -1, 1.5])
      expect(decideStockTake(alloc(3), q)).toEqual({
        ok: false,
        remaining: 3,
        message: 'The quantity must be a whole number of at least 1.',
      });
  });

  it('says how many are left, singular for one and plural otherwise', () => {
    expect(decideStockTake(alloc(1), 2)).toEqual({
      ok: false,
      remaining: 1,
      message: 'Only 1 of this package is left in stock on this terminal.',
    });
    expect(decideStockTake(alloc(2), 3)).toEqual({
      ok: false,
      remaining: 2,
      message: 'Only 2 of this package are left in stock on this terminal.',
    });
  });
});
