import { z } from 'zod';
import { currencySchema, isoTimeSchema, minorUnitsSchema, uuidSchema } from '../../core/sync/protocol';
import { registerZodRoute } from '../http/zod-route';
import { refundSale, setRefundPolicy } from '../refunds/sale-refund';
import type { RouteDeps } from './route-deps';

const refundPolicySchema = z
  .object({
    /** Sales made before this instant are never refunded; null: no cut-off. */
    cutoffAt: isoTimeSchema.nullable(),
    /** Refunds per calendar month (UTC); 0 turns refunds off. */
    monthlyLimit: z.number().int().min(0).max(10_000),
  })
  .strict();

/**
 * Package refunds: a terminal refunds a sale of its reseller (online only: the rule reads the customer's grant and
 * the month's count as the server holds them); the operator sets each reseller's bounds.
 */
export function registerRefundRoutes(d: RouteDeps): void {
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/terminal/sales/:id/refund',
    summary:
      'Refund a purchased sale whose package is valid and unused, after the cut-off, within the monthly limit (idempotent by refundId)',
    tag: 'terminal',
    auth: 'terminal',
    params: z.object({ id: uuidSchema }).strict(),
    body: z.object({ refundId: uuidSchema }).strict(),
    response: z.object({
      refundId: uuidSchema,
      refundNumber: z.string(),
      saleId: uuidSchema,
      saleNumber: z.string(),
      amount: minorUnitsSchema,
      currency: currencySchema,
      resellerBalance: minorUnitsSchema,
      refundedAt: isoTimeSchema,
    }),
    handler: ({ params, body, auth }) =>
      refundSale(d.db, auth, { refundId: body.refundId, saleId: params.id }),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'PUT',
    url: '/v1/operator/resellers/:id/refund-policy',
    summary: "Set a reseller's refund bounds: the cut-off date and the refunds allowed per calendar month",
    tag: 'operator',
    auth: 'operator',
    params: z.object({ id: uuidSchema }).strict(),
    body: refundPolicySchema,
    response: refundPolicySchema,
    handler: ({ params, body }) => setRefundPolicy(d.db, params.id, body),
  });
}
