import { z } from 'zod';
import {
  accountNumberSchema,
  currencySchema,
  floorLimitsSchema,
  versionSchema,
  minorUnitsSchema,
  packageSchema,
  positiveMinorSchema,
  rejectReasonSchema,
  uuidSchema,
} from '../../core/sync/protocol';
import { createPackage, listPackages, updatePackage } from '../catalog/package-service';
import {
  CUSTOMER_TOKEN_DEFAULT_DAYS,
  CUSTOMER_TOKEN_MAX_DAYS,
  issueCustomerToken,
  revokeCustomerTokens,
} from '../customers/customer-service';
import { registerZodRoute } from '../http/zod-route';
import { addResellerCredits, createReseller, getReseller } from '../resellers/reseller-service';
import { setResellerSuspended } from '../resellers/reseller-suspension';
import { listCommandsNeedingManager } from '../sync/manager-attention';
import { createEnrollmentCode } from '../terminals/enrollment-service';
import { revokeTerminal } from '../terminals/terminal-revocation';
import { listTerminals, updateTerminalSettings } from '../terminals/terminal-settings-service';
import type { RouteDeps } from './route-deps';

const resellerViewSchema = z.object({
  id: uuidSchema,
  parentId: uuidSchema.nullable(),
  name: z.string(),
  currency: currencySchema,
  active: z.boolean(),
  suspendedAt: z.string().nullable(),
  balance: minorUnitsSchema,
  createdAt: z.string(),
});
const idParams = z.object({ id: uuidSchema }).strict();
const terminalViewSchema = z.object({
  id: uuidSchema,
  resellerId: uuidSchema,
  name: z.string(),
  salePrefix: z.string(),
  serialPrefix: z.string(),
  floorLimits: floorLimitsSchema,
  /** Bumped by every change of the floor limits; offline sales name the version they were judged with. */
  limitsVersion: versionSchema,
  lastSyncAt: z.string(),
  createdAt: z.string(),
});
const packageFields = {
  name: z.string().trim().min(1).max(120),
  kind: z.enum(['topup', 'bundle']),
  faceValue: positiveMinorSchema,
  wholesalePrice: positiveMinorSchema,
  retailPrice: positiveMinorSchema,
  validityDays: z.number().int().min(1).max(3650).nullable(),
};

/** Operator API: resellers, affiliates, credits, suspension, catalog, enrollment codes, terminals, customer tokens. */
export function registerOperatorRoutes(d: RouteDeps): void {
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/operator/resellers',
    summary: 'Create a reseller, or an affiliate of one (parentId)',
    tag: 'operator',
    auth: 'operator',
    status: 201,
    body: z
      .object({
        name: z.string().trim().min(1).max(120),
        currency: currencySchema,
        parentId: uuidSchema.nullable().optional(),
      })
      .strict(),
    response: resellerViewSchema,
    handler: ({ body }) =>
      createReseller(d.db, { name: body.name, currency: body.currency, parentId: body.parentId ?? null }),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/operator/resellers/:id',
    summary: 'Read a reseller and its credit balance',
    tag: 'operator',
    auth: 'operator',
    params: idParams,
    response: resellerViewSchema,
    handler: ({ params }) => getReseller(d.db, params.id),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/operator/resellers/:id/credits',
    summary: "Sell credits to a reseller (journal entry from the operator's issuance account)",
    tag: 'operator',
    auth: 'operator',
    params: idParams,
    body: z.object({ amount: positiveMinorSchema, memo: z.string().max(200).nullable().optional() }).strict(),
    response: z.object({ entryId: uuidSchema, balance: minorUnitsSchema, currency: currencySchema }),
    handler: ({ params, body }) => addResellerCredits(d.db, params.id, body.amount, body.memo ?? null),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/operator/resellers/:id/enrollment-codes',
    summary: 'Create a one-time, expiring terminal enrollment code (stored hashed)',
    tag: 'operator',
    auth: 'operator',
    status: 201,
    params: idParams,
    body: z
      .object({
        terminalName: z.string().trim().min(1).max(80).nullable().optional(),
        floorLimits: floorLimitsSchema,
        expiresInHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 365)
          .optional(),
      })
      .strict(),
    response: z.object({ code: z.string(), expiresAt: z.string() }),
    handler: ({ params, body }) =>
      createEnrollmentCode(d.db, params.id, {
        terminalName: body.terminalName ?? null,
        floorLimits: body.floorLimits,
        expiresInHours: body.expiresInHours ?? 72,
      }),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/operator/resellers/:id/attention',
    summary:
      "A reseller's refused commands that need a manager: ones no honest terminal produces, or sales its counter had honoured offline",
    tag: 'operator',
    auth: 'operator',
    params: idParams,
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }).strict(),
    response: z.object({
      items: z.array(
        z.object({
          commandId: uuidSchema,
          terminalId: uuidSchema,
          type: z.string(),
          offline: z.boolean(),
          reason: rejectReasonSchema,
          message: z.string(),
          createdAt: z.string(),
          receivedAt: z.string(),
        }),
      ),
    }),
    handler: async ({ params, query }) => ({
      items: await listCommandsNeedingManager(d.db, params.id, query.limit),
    }),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/operator/resellers/:id/terminals',
    summary: "List a reseller's enrolled terminals with their floor limits",
    tag: 'operator',
    auth: 'operator',
    params: idParams,
    response: z.object({ terminals: z.array(terminalViewSchema) }),
    handler: async ({ params }) => ({ terminals: await listTerminals(d.db, params.id) }),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'PATCH',
    url: '/v1/operator/resellers/:id/terminals/:terminalId',
    summary:
      'Rename a terminal or change its offline floor limits (sent to the terminal through the change feed)',
    tag: 'operator',
    auth: 'operator',
    params: z.object({ id: uuidSchema, terminalId: uuidSchema }).strict(),
    body: z
      .object({
        name: z.string().trim().min(1).max(80).optional(),
        floorLimits: floorLimitsSchema.optional(),
      })
      .strict()
      .refine((b) => b.name !== undefined || b.floorLimits !== undefined, 'nothing to change'),
    response: terminalViewSchema,
    handler: ({ params, body }) =>
      updateTerminalSettings(d.db, params.id, params.terminalId, {
        name: body.name,
        floorLimits: body.floorLimits,
      }),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/operator/terminals/:id/revoke',
    summary:
      'Revoke a terminal for good: its token is refused from now on (401 terminal_revoked); idempotent',
    tag: 'operator',
    auth: 'operator',
    params: idParams,
    response: z.object({
      terminalId: uuidSchema,
      resellerId: uuidSchema,
      name: z.string(),
      revokedAt: z.string(),
    }),
    handler: ({ params }) => revokeTerminal(d.db, params.id),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/operator/resellers/:id/suspend',
    summary:
      'Suspend a reseller: its terminals are refused (403 reseller_suspended) and its enrollment codes too, until unsuspended; idempotent',
    tag: 'operator',
    auth: 'operator',
    params: idParams,
    response: resellerViewSchema,
    handler: ({ params }) => setResellerSuspended(d.db, params.id, true),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/operator/resellers/:id/unsuspend',
    summary: "Lift a reseller's suspension: its terminals are served again; idempotent",
    tag: 'operator',
    auth: 'operator',
    params: idParams,
    response: resellerViewSchema,
    handler: ({ params }) => setResellerSuspended(d.db, params.id, false),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/operator/packages',
    summary: 'List the catalog',
    tag: 'operator',
    auth: 'operator',
    query: z.object({}).strict(),
    response: z.object({ packages: z.array(packageSchema) }),
    handler: async () => ({ packages: await listPackages(d.db) }),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/operator/packages',
    summary: 'Create a catalog package',
    tag: 'operator',
    auth: 'operator',
    status: 201,
    body: z
      .object({
        code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
        currency: currencySchema,
        ...packageFields,
      })
      .strict(),
    response: packageSchema,
    handler: ({ body }) => createPackage(d.db, body),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'PATCH',
    url: '/v1/operator/packages/:id',
    summary: 'Update a package (prices, name, validity, active)',
    tag: 'operator',
    auth: 'operator',
    params: idParams,
    body: z
      .object({ ...packageFields, active: z.boolean() })
      .partial()
      .strict()
      .refine((b) => Object.keys(b).length > 0, 'nothing to update'),
    response: packageSchema,
    handler: ({ params, body }) => updatePackage(d.db, params.id, body),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/operator/packages/:id/deactivate',
    summary: 'Take a package off sale',
    tag: 'operator',
    auth: 'operator',
    params: idParams,
    response: packageSchema,
    handler: ({ params }) => updatePackage(d.db, params.id, { active: false }),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/operator/customers/:account/token',
    summary:
      "Issue a customer bearer token (stored hashed) valid for `days` (default 30); the customer's earlier tokens are revoked",
    tag: 'operator',
    auth: 'operator',
    status: 201,
    params: z.object({ account: accountNumberSchema }).strict(),
    body: z
      .object({
        resellerId: uuidSchema,
        days: z.number().int().min(1).max(CUSTOMER_TOKEN_MAX_DAYS).default(CUSTOMER_TOKEN_DEFAULT_DAYS),
      })
      .strict(),
    response: z.object({ token: z.string(), customerId: uuidSchema, expiresAt: z.string() }),
    handler: ({ params, body }) => issueCustomerToken(d.db, body.resellerId, params.account, body.days),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/operator/customers/:account/tokens/revoke',
    summary: "Revoke every live token of a reseller's customer (401 token_revoked from now on); idempotent",
    tag: 'operator',
    auth: 'operator',
    params: z.object({ account: accountNumberSchema }).strict(),
    body: z.object({ resellerId: uuidSchema }).strict(),
    response: z.object({ customerId: uuidSchema, revoked: z.number().int() }),
    handler: ({ params, body }) => revokeCustomerTokens(d.db, body.resellerId, params.account),
  });
}
