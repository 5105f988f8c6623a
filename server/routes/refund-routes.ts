import { z } from 'zod';
import { refundAllowanceSchema, refundPolicySchema, saleRefundSchema } from '../../core/sales/refund-schemas';
import { uuidSchema } from '../../core/sync/protocol';
import { registerZodRoute } from '../http/zod-route';
import { refundAllowance, refundSale, setRefundPolicy } from '../refunds/sale-refund';
import type { RouteDeps } from './route-deps';

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
    response: saleRefundSchema,
    handler: ({ params, body, auth }) =>
      refundSale(d.db, auth, { refundId: body.refundId, saleId: params.id }),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/terminal/refunds/allowance',
    summary: "This reseller's refunds used this calendar month against its limit, and its refund cut-off",
    tag: 'terminal',
    auth: 'terminal',
    response: refundAllowanceSchema,
    handler: ({ auth }) => refundAllowance(d.db, auth.resellerId),
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
