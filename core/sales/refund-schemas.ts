import { z } from 'zod';
import { currencySchema, isoTimeSchema, minorUnitsSchema, uuidSchema } from '../sync/protocol';

/** A refund the central API did: its own number, the sale it undid, the credits returned and the balance after. */
export const saleRefundSchema = z.object({
  refundId: uuidSchema,
  refundNumber: z.string(),
  saleId: uuidSchema,
  saleNumber: z.string(),
  /** Credits returned to the reseller (the sale's wholesale cost), minor units. */
  amount: minorUnitsSchema,
  currency: currencySchema,
  resellerBalance: minorUnitsSchema,
  refundedAt: isoTimeSchema,
});
/** A refund the central API did. */
export type SaleRefundAnswer = z.infer<typeof saleRefundSchema>;

/** The operator's refund bounds for a reseller. */
export const refundPolicySchema = z
  .object({
    /** Sales made before this instant are never refunded; null: no cut-off. */
    cutoffAt: isoTimeSchema.nullable(),
    /** Refunds per calendar month (UTC); 0 turns refunds off. */
    monthlyLimit: z.number().int().min(0).max(10_000),
  })
  .strict();

/** A reseller's refunds used this calendar month (UTC) against its limit, and its cut-off. */
export const refundAllowanceSchema = z.object({
  used: z.number().int().min(0),
  monthlyLimit: z.number().int().min(0),
  cutoffAt: isoTimeSchema.nullable(),
  /** The first instant of the month counted (UTC). */
  monthStart: isoTimeSchema,
});
/** A reseller's refunds used this month against its limit. */
export type RefundAllowance = z.infer<typeof refundAllowanceSchema>;
