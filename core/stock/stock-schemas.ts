import { z } from 'zod';
import {
  currencySchema,
  minorUnitsSchema,
  stockLevelSchema,
  uuidSchema,
  uuidv7Schema,
} from '../sync/protocol';

/** Most units one purchase or allocation moves. */
export const MAX_STOCK_QUANTITY = 100_000;

const quantity = z
  .number()
  .int()
  .min(1, 'quantity is at least 1')
  .max(MAX_STOCK_QUANTITY, `quantity is at most ${MAX_STOCK_QUANTITY}`);

/**
 * POST /v1/terminal/stock/purchases: a manager buys packages ahead. Idempotent by `purchaseId` (client-made UUIDv7):
 * the credits are debited once. The stock is allocated to `allocateTo` (default: the buying terminal), or left
 * unallocated when it is null.
 */
export const stockPurchaseRequestSchema = z
  .object({
    purchaseId: uuidv7Schema,
    packageId: uuidSchema,
    quantity,
    allocateTo: uuidSchema.nullable().optional(),
  })
  .strict();
export type StockPurchaseRequest = z.infer<typeof stockPurchaseRequestSchema>;

/** A purchase done: what it cost, the reseller's balance after, and the stock level it left (its terminal's). */
export const stockPurchaseSchema = z.object({
  purchaseId: uuidSchema,
  packageId: uuidSchema,
  quantity: z.number().int(),
  wholesaleAmount: minorUnitsSchema,
  currency: currencySchema,
  resellerBalance: minorUnitsSchema,
  /**
   * The reseller's balance after the purchase with its place in the change feed (as a push answers it): the terminal
   * stores it with the stock level at once, so its offline rule never counts on the credits the purchase spent even
   * when the pull after it fails.
   */
  balance: z.object({
    currency: currencySchema,
    balance: minorUnitsSchema,
    seq: z.string().regex(/^[0-9]+$/),
  }),
  level: stockLevelSchema,
});
export type StockPurchase = z.infer<typeof stockPurchaseSchema>;

/**
 * POST /v1/terminal/stock/allocations: a manager allocates unallocated stock of a package to a terminal of the
 * reseller. Idempotent by `allocationId`. Taking allocation away from a terminal is that terminal's own
 * `stock.release` command (core/stock/stock-allocation.ts says why).
 */
export const stockAllocationRequestSchema = z
  .object({
    allocationId: uuidv7Schema,
    packageId: uuidSchema,
    terminalId: uuidSchema,
    quantity,
  })
  .strict();
export type StockAllocationRequest = z.infer<typeof stockAllocationRequestSchema>;

/** An allocation done: the receiving terminal's level after it. */
export const stockAllocationSchema = z.object({ allocationId: uuidSchema, level: stockLevelSchema });
export type StockAllocationAnswer = z.infer<typeof stockAllocationSchema>;

/** GET /v1/terminal/stock: every package the reseller bought, with the calling terminal's allocation. */
export const stockLevelsSchema = z.object({ levels: z.array(stockLevelSchema) });
export type StockLevels = z.infer<typeof stockLevelsSchema>;
