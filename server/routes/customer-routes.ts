import { z } from 'zod';
import {
  currencySchema,
  isoTimeSchema,
  minorUnitsSchema,
  positiveMinorSchema,
  uuidSchema,
  uuidv7Schema,
} from '../../core/sync/protocol';
import { getWallet, getWalletHistory } from '../customers/customer-service';
import { registerZodRoute } from '../http/zod-route';
import { spendGrants } from '../wallet/grant-spend';
import type { RouteDeps } from './route-deps';

/** Customer API: wallet with grants, and history. */
export function registerCustomerRoutes(d: RouteDeps): void {
  registerZodRoute(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/customer/wallet',
    summary: "The customer's wallet balance and live grants in spending order",
    tag: 'customer',
    auth: 'customer',
    query: z.object({}).strict(),
    response: z.object({
      customerId: uuidSchema,
      account: z.string(),
      currency: currencySchema,
      balance: minorUnitsSchema,
      grants: z.array(
        z.object({
          id: uuidSchema,
          amount: minorUnitsSchema,
          remaining: minorUnitsSchema,
          priority: z.number().int(),
          expiresAt: isoTimeSchema.nullable(),
          source: z.string(),
          createdAt: isoTimeSchema,
        }),
      ),
    }),
    handler: ({ auth }) => getWallet(d.db, auth.resellerId, auth.customerId),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/customer/spend',
    summary:
      "Spend the wallet's credits (grants in spending order; a package's grant once touched is used); idempotent by spendId",
    tag: 'customer',
    auth: 'customer',
    body: z.object({ spendId: uuidv7Schema, amount: positiveMinorSchema }).strict(),
    response: z.object({
      spendId: uuidSchema,
      amount: minorUnitsSchema,
      walletBalance: minorUnitsSchema,
      grants: z.array(z.object({ grantId: uuidSchema, spent: minorUnitsSchema })),
    }),
    handler: ({ body, auth }) => spendGrants(d.db, auth, body),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/customer/history',
    summary: "Movements on the customer's wallet, newest first",
    tag: 'customer',
    auth: 'customer',
    query: z
      .object({ cursor: uuidSchema.optional(), limit: z.coerce.number().int().min(1).max(500).default(50) })
      .strict(),
    response: z.object({
      entries: z.array(
        z.object({
          entryId: uuidSchema,
          kind: z.string(),
          memo: z.string().nullable(),
          amount: minorUnitsSchema,
          createdAt: isoTimeSchema,
        }),
      ),
      cursor: uuidSchema.nullable(),
      hasMore: z.boolean(),
    }),
    handler: ({ query, auth }) =>
      getWalletHistory(d.db, auth.resellerId, auth.customerId, query.cursor, query.limit),
  });
}
