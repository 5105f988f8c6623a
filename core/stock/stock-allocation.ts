/**
 * The inventory stock allocation rule, one function both sides apply (issue 12, inventory stock).
 *
 * A terminal's allocation of a package is three running totals: `allocated` (only ever grows: a manager allocates
 * bought stock to it), `released` (what the terminal itself gave back) and `sold`. What it may still sell is
 * `allocated - released - sold`, never below zero.
 *
 * Why a terminal selling offline can never exceed its allocation at sync: nothing but the terminal's own commands
 * lowers what it may sell. Allocations only add; a sale and a release are commands the terminal writes in its outbox,
 * each judged locally against `allocated` as last pulled (never more than the server's) minus every sale and release
 * it wrote (never fewer than the server has applied), and the server applies them in that same order. So the server's
 * remaining is always at least the terminal's when it judges a command, and every command the terminal accepted is
 * accepted there too; a refusal (`stock_exceeded`) comes only from a broken or lying terminal. Taking allocation away
 * from a terminal is therefore a release that terminal sends (after its sales), never something another terminal or
 * the server does to it.
 */

/** One terminal's allocation of one package, as running totals. */
export interface StockAllocation {
  readonly allocated: number;
  readonly released: number;
  readonly sold: number;
}

/** What the terminal may still sell or release of the package: allocated - released - sold, at least 0. */
export function remainingStock(a: StockAllocation): number {
  return Math.max(0, a.allocated - a.released - a.sold);
}

/** The answer to taking `quantity` out of an allocation (a sale or a release). */
export type StockTakeDecision =
  | { readonly ok: true; readonly remaining: number }
  | { readonly ok: false; readonly remaining: number; readonly message: string };

/** Decides a sale or release of `quantity` units from `a`: allowed only within what remains. */
export function decideStockTake(a: StockAllocation, quantity: number): StockTakeDecision {
  const remaining = remainingStock(a);
  if (!Number.isSafeInteger(quantity) || quantity < 1)
    return { ok: false, remaining, message: 'The quantity must be a whole number of at least 1.' };
  if (quantity > remaining)
    return {
      ok: false,
      remaining,
      message:
        remaining === 0
          ? 'No stock of this package is left on this terminal.'
          : `Only ${remaining} of this package ${remaining === 1 ? 'is' : 'are'} left in stock on this terminal.`,
    };
  return { ok: true, remaining: remaining - quantity };
}

/** The default low-stock threshold: at or below it the Sell screen warns. */
export const DEFAULT_LOW_STOCK_THRESHOLD = 5;

/** True when a package with stock left is at or below the low-stock threshold. */
export function isLowStock(remaining: number, threshold: number): boolean {
  return remaining > 0 && remaining <= threshold;
}
