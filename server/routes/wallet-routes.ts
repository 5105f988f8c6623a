import { z } from 'zod';
import { currencySchema, uuidSchema } from '../../core/sync/protocol';
import {
  autoTopUpAttemptSchema,
  autoTopUpRuleInputSchema,
  autoTopUpRuleSchema,
  balanceHistorySchema,
  creditPackageInputSchema,
  creditPackageSchema,
  creditTransferRequestSchema,
  creditTransferSchema,
  paymentMethodSchema,
  paymentMethodSetupSchema,
  paymentMethodSetupStatusSchema,
  purchaseRequestSchema,
  purchaseSchema,
  walletAlertSettingsInputSchema,
  walletAlertSettingsSchema,
  webhookDeliverySchema,
} from '../../core/wallet/wallet-api';
import { registerZodRoute } from '../http/zod-route';
import { listAutoTopUpAttempts, listAutoTopUpRules, putAutoTopUpRule } from '../wallet/auto-topup';
import { balanceHistory } from '../wallet/balance-history';
import { createCreditPackage, listCreditPackages, updateCreditPackage } from '../wallet/credit-packages';
import { listAffiliates, transferCredits } from '../wallet/credit-transfers';
import {
  deletePaymentMethod,
  listPaymentMethods,
  paymentMethodSetupStatus,
  startPaymentMethodSetup,
} from '../wallet/payment-methods';
import { buyPackage, listPurchases, payInvoice, setCollectionMode } from '../wallet/purchases';
import { getAlertSettings, putAlertSettings } from '../wallet/wallet-alerts';
import { listWebhookDeliveries } from '../wallet/webhook-delivery-worker';
import type { RouteDeps } from './route-deps';

const idParams = z.object({ id: uuidSchema }).strict();
const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();

/**
 * The reseller wallet: credit packages (operator), saved cards through the payment provider's hosted page, purchases
 * (card now, or invoice), auto top-up rules and attempts, balance alerts with a signed webhook and its delivery log,
 * transfers to affiliates and the balance history. Debits elsewhere call `d.wallet.afterDebit` once committed.
 */
export function registerWalletRoutes(d: RouteDeps): void {
  const w = d.wallet.deps;
  const route = registerZodRoute;

  // ---------- credit packages ----------
  route(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/operator/credit-packages',
    summary: 'Create a credit package (credits for a price)',
    tag: 'operator',
    auth: 'operator',
    status: 201,
    body: creditPackageInputSchema,
    response: creditPackageSchema,
    handler: ({ body }) => createCreditPackage(w.db, body),
  });
  route(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/operator/credit-packages',
    summary: 'Every credit package',
    tag: 'operator',
    auth: 'operator',
    response: z.object({ packages: z.array(creditPackageSchema) }),
    handler: async () => ({ packages: await listCreditPackages(w.db) }),
  });
  route(d.app, d.authenticate, {
    method: 'PUT',
    url: '/v1/operator/credit-packages/:id',
    summary: 'Change a credit package',
    tag: 'operator',
    auth: 'operator',
    params: idParams,
    body: creditPackageInputSchema,
    response: creditPackageSchema,
    handler: ({ params, body }) => updateCreditPackage(w.db, params.id, body),
  });
  route(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/terminal/wallet/packages',
    summary: "The active credit packages in this reseller's currency",
    tag: 'terminal',
    auth: 'terminal',
    response: z.object({ packages: z.array(creditPackageSchema) }),
    handler: async ({ auth }) => {
      const rows = await w.db.query<{ currency: string }>('SELECT currency FROM resellers WHERE id = $1', [
        auth.resellerId,
      ]);
      return { packages: await listCreditPackages(w.db, { activeCurrency: rows[0]!.currency }) };
    },
  });

  // ---------- payment methods ----------
  route(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/terminal/wallet/payment-methods/setup',
    summary:
      "Open the payment provider's hosted card-entry page (the card number never reaches the app or the API)",
    tag: 'terminal',
    auth: 'terminal',
    status: 201,
    // Nothing to send: the provider's page collects the card. An empty JSON object (or no body) is accepted.
    body: z.object({}).strict().optional(),
    response: paymentMethodSetupSchema,
    handler: ({ auth, origin }) => startPaymentMethodSetup(w, auth.resellerId, origin),
  });
  route(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/terminal/wallet/payment-methods/setup/:id',
    summary: 'The state of a card setup: pending, completed (with the saved card) or expired',
    tag: 'terminal',
    auth: 'terminal',
    params: idParams,
    response: paymentMethodSetupStatusSchema,
    handler: ({ auth, params }) => paymentMethodSetupStatus(w, auth.resellerId, params.id),
  });
  route(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/terminal/wallet/payment-methods',
    summary: "This reseller's saved card (brand, last4, expiry)",
    tag: 'terminal',
    auth: 'terminal',
    response: z.object({ paymentMethods: z.array(paymentMethodSchema) }),
    handler: async ({ auth }) => ({ paymentMethods: await listPaymentMethods(w, auth.resellerId) }),
  });
  route(d.app, d.authenticate, {
    method: 'DELETE',
    url: '/v1/terminal/wallet/payment-methods/:id',
    summary: 'Delete the saved card; auto top-up turns off',
    tag: 'terminal',
    auth: 'terminal',
    params: idParams,
    response: z.object({ deleted: z.literal(true), autoTopUpDisabled: z.boolean() }),
    handler: ({ auth, params }) => deletePaymentMethod(w, auth.resellerId, params.id),
  });

  // ---------- purchases and invoices ----------
  route(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/terminal/wallet/purchases',
    summary:
      'Buy a credit package: charges the saved card now (or invoices), credits granted once paid (idempotent by purchaseId)',
    tag: 'terminal',
    auth: 'terminal',
    body: purchaseRequestSchema,
    response: purchaseSchema,
    handler: ({ auth, body }) => buyPackage(w, auth.resellerId, body),
  });
  route(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/terminal/wallet/purchases',
    summary: "This reseller's purchases, newest first",
    tag: 'terminal',
    auth: 'terminal',
    query: limitQuery,
    response: z.object({ purchases: z.array(purchaseSchema) }),
    handler: async ({ auth, query }) => ({ purchases: await listPurchases(w, auth.resellerId, query.limit) }),
  });
  route(d.app, d.authenticate, {
    method: 'PUT',
    url: '/v1/operator/resellers/:id/collection',
    summary: 'How a reseller pays for credits: its saved card, or invoices the operator marks paid',
    tag: 'operator',
    auth: 'operator',
    params: idParams,
    body: z.object({ mode: z.enum(['card', 'invoice']) }).strict(),
    response: z.object({ mode: z.enum(['card', 'invoice']) }),
    handler: ({ params, body }) => setCollectionMode(w, params.id, body.mode),
  });
  route(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/operator/invoices/:id/pay',
    summary: 'Mark a credit invoice paid: grants its credits once (idempotent)',
    tag: 'operator',
    auth: 'operator',
    params: idParams,
    response: purchaseSchema,
    handler: ({ params }) => payInvoice(w, params.id),
  });

  // ---------- auto top-up ----------
  route(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/terminal/wallet/auto-topup-rules',
    summary: "This reseller's auto top-up rules with their state",
    tag: 'terminal',
    auth: 'terminal',
    response: z.object({ rules: z.array(autoTopUpRuleSchema) }),
    handler: async ({ auth }) => ({ rules: await listAutoTopUpRules(w, auth.resellerId) }),
  });
  const currencyParams = z.object({ currency: currencySchema }).strict();
  route(d.app, d.authenticate, {
    method: 'PUT',
    url: '/v1/terminal/wallet/auto-topup-rules/:currency',
    summary: "Set this reseller's auto top-up rule for a credit currency",
    tag: 'terminal',
    auth: 'terminal',
    params: currencyParams,
    body: autoTopUpRuleInputSchema,
    response: autoTopUpRuleSchema,
    handler: ({ auth, params, body }) => putAutoTopUpRule(w, auth.resellerId, params.currency, body),
  });
  route(d.app, d.authenticate, {
    method: 'PUT',
    url: '/v1/operator/resellers/:id/auto-topup-rules/:currency',
    summary: "Set a reseller's auto top-up rule for a credit currency",
    tag: 'operator',
    auth: 'operator',
    params: z.object({ id: uuidSchema, currency: currencySchema }).strict(),
    body: autoTopUpRuleInputSchema,
    response: autoTopUpRuleSchema,
    handler: ({ params, body }) => putAutoTopUpRule(w, params.id, params.currency, body),
  });
  route(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/terminal/wallet/auto-topup-attempts',
    summary: 'Every auto top-up attempt of this reseller with its outcome and reason, newest first',
    tag: 'terminal',
    auth: 'terminal',
    query: limitQuery,
    response: z.object({ attempts: z.array(autoTopUpAttemptSchema) }),
    handler: async ({ auth, query }) => ({
      attempts: await listAutoTopUpAttempts(w, auth.resellerId, query.limit),
    }),
  });

  // ---------- alerts and webhook ----------
  route(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/terminal/wallet/alerts',
    summary: 'The balance alert level and webhook URL',
    tag: 'terminal',
    auth: 'terminal',
    response: walletAlertSettingsSchema,
    handler: ({ auth }) => getAlertSettings(w, auth.resellerId),
  });
  route(d.app, d.authenticate, {
    method: 'PUT',
    url: '/v1/terminal/wallet/alerts',
    summary: 'Set the balance alert level and webhook URL (a new signing secret is answered once)',
    tag: 'terminal',
    auth: 'terminal',
    body: walletAlertSettingsInputSchema,
    response: walletAlertSettingsSchema,
    handler: ({ auth, body }) => putAlertSettings(w, auth.resellerId, body),
  });
  route(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/terminal/wallet/webhook-deliveries',
    summary: "The webhook delivery log: each event's status, attempts and last answer",
    tag: 'terminal',
    auth: 'terminal',
    query: limitQuery,
    response: z.object({ deliveries: z.array(webhookDeliverySchema) }),
    handler: async ({ auth, query }) => ({
      deliveries: await listWebhookDeliveries(w.db, auth.resellerId, query.limit),
    }),
  });

  // ---------- transfers and history ----------
  route(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/terminal/wallet/transfers',
    summary: 'Move credits to a direct affiliate (idempotent by transferId)',
    tag: 'terminal',
    auth: 'terminal',
    body: creditTransferRequestSchema,
    response: creditTransferSchema,
    handler: async ({ auth, body }) => {
      const t = await transferCredits(w, auth.resellerId, body);
      d.wallet.afterDebit(auth.resellerId);
      return t;
    },
  });
  route(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/terminal/wallet/affiliates',
    summary: "This reseller's direct affiliates (the ones it may move credits to), with their balances",
    tag: 'terminal',
    auth: 'terminal',
    response: z.object({
      affiliates: z.array(
        z.object({
          resellerId: uuidSchema,
          name: z.string(),
          currency: currencySchema,
          balance: z.number().int(),
        }),
      ),
    }),
    handler: async ({ auth }) => ({ affiliates: await listAffiliates(w, auth.resellerId) }),
  });
  route(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/terminal/wallet/balance-history',
    summary: 'The closing balance of each UTC day, oldest first',
    tag: 'terminal',
    auth: 'terminal',
    query: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }).strict(),
    response: balanceHistorySchema,
    handler: ({ auth, query }) => balanceHistory(w, auth.resellerId, query.days),
  });
}
