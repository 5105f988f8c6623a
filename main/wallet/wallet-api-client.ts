import { z } from 'zod';
import { currencySchema, isoTimeSchema, minorUnitsSchema, uuidSchema } from '../../core/sync/protocol';
import {
  autoTopUpAttemptSchema,
  autoTopUpRuleSchema,
  balanceHistorySchema,
  creditPackageSchema,
  creditTransferSchema,
  paymentMethodSchema,
  paymentMethodSetupSchema,
  paymentMethodSetupStatusSchema,
  purchaseSchema,
  walletAlertSettingsSchema,
  webhookDeliverySchema,
  type AutoTopUpAttempt,
  type AutoTopUpRule,
  type AutoTopUpRuleInput,
  type BalanceHistory,
  type CreditPackage,
  type CreditTransfer,
  type PaymentMethod,
  type PaymentMethodSetup,
  type PaymentMethodSetupStatus,
  type Purchase,
  type WalletAlertSettings,
  type WebhookDelivery,
} from '../../core/wallet/wallet-api';
import type { WalletHistoryFilter } from '../../core/wallet/wallet-history-filter';
import type { WalletAffiliate } from '../../core/contract/types/wallet';
import { ApiClientError } from '../api-client/api-error';
import type { TerminalApiClient } from '../api-client/terminal-api-client';

/** A list answer: a bare array, or an object holding it under `key` (both are read the same). */
function listOf<S extends z.ZodType>(schema: S, key: string) {
  return z
    .union([z.array(schema), z.object({ [key]: z.array(schema) })])
    .transform((v) => (Array.isArray(v) ? v : (v as Record<string, z.output<S>[]>)[key]!));
}

/** GET /v1/terminal/journal: a page of the reseller's credit account. */
const journalPageSchema = z.object({
  entries: z.array(
    z.object({
      entryId: uuidSchema,
      kind: z.string(),
      memo: z.string().nullable(),
      commandId: uuidSchema.nullable(),
      amount: minorUnitsSchema,
      currency: currencySchema,
      createdAt: isoTimeSchema,
    }),
  ),
  cursor: uuidSchema.nullable(),
  hasMore: z.boolean(),
});
/** A journal page as the central API answers it. */
export type JournalPage = z.output<typeof journalPageSchema>;

/** GET /v1/terminal/wallet/affiliates: the reseller's direct affiliates. */
const affiliateSchema = z.object({
  resellerId: uuidSchema,
  name: z.string(),
  currency: currencySchema,
  balance: minorUnitsSchema.nullable().default(null),
});

const deletedSchema = z.object({ deleted: z.boolean(), autoTopUpDisabled: z.boolean() });

/** The wallet routes of the terminal API (`core/wallet/wallet-api.ts` names their shapes), typed. */
export class WalletApiClient {
  constructor(private readonly api: TerminalApiClient) {}

  /** GET /v1/terminal/journal with the history filters; newest first, `cursor` the last entry id seen. */
  journal(filter: WalletHistoryFilter, cursor: string | null, limit: number): Promise<JournalPage> {
    const q = new URLSearchParams({ limit: String(limit) });
    if (cursor) q.set('cursor', cursor);
    if (filter.kind) q.set('kind', filter.kind);
    if (filter.from) q.set('from', filter.from);
    if (filter.to) q.set('to', filter.to);
    return this.api.send('GET', `/v1/terminal/journal?${q.toString()}`, journalPageSchema);
  }

  balanceHistory(days: number): Promise<BalanceHistory> {
    return this.api.send('GET', `/v1/terminal/wallet/balance-history?days=${days}`, balanceHistorySchema);
  }

  packages(): Promise<CreditPackage[]> {
    return this.api.send('GET', '/v1/terminal/wallet/packages', listOf(creditPackageSchema, 'packages'));
  }

  /** POST /v1/terminal/wallet/purchases (idempotent by purchaseId). */
  buy(purchaseId: string, packageId: string): Promise<Purchase> {
    return this.api.send('POST', '/v1/terminal/wallet/purchases', purchaseSchema, { purchaseId, packageId });
  }

  paymentMethods(): Promise<PaymentMethod[]> {
    return this.api.send(
      'GET',
      '/v1/terminal/wallet/payment-methods',
      listOf(paymentMethodSchema, 'paymentMethods'),
    );
  }

  startCardSetup(): Promise<PaymentMethodSetup> {
    return this.api.send('POST', '/v1/terminal/wallet/payment-methods/setup', paymentMethodSetupSchema, {});
  }

  cardSetupStatus(setupId: string): Promise<PaymentMethodSetupStatus> {
    return this.api.send(
      'GET',
      `/v1/terminal/wallet/payment-methods/setup/${encodeURIComponent(setupId)}`,
      paymentMethodSetupStatusSchema,
    );
  }

  deletePaymentMethod(id: string): Promise<z.output<typeof deletedSchema>> {
    return this.api.send(
      'DELETE',
      `/v1/terminal/wallet/payment-methods/${encodeURIComponent(id)}`,
      deletedSchema,
    );
  }

  autoTopUpRules(): Promise<AutoTopUpRule[]> {
    return this.api.send('GET', '/v1/terminal/wallet/auto-topup-rules', listOf(autoTopUpRuleSchema, 'rules'));
  }

  setAutoTopUpRule(currency: string, rule: AutoTopUpRuleInput): Promise<AutoTopUpRule> {
    return this.api.send(
      'PUT',
      `/v1/terminal/wallet/auto-topup-rules/${encodeURIComponent(currency)}`,
      autoTopUpRuleSchema,
      rule,
    );
  }

  autoTopUpAttempts(limit: number): Promise<AutoTopUpAttempt[]> {
    return this.api.send(
      'GET',
      `/v1/terminal/wallet/auto-topup-attempts?limit=${limit}`,
      listOf(autoTopUpAttemptSchema, 'attempts'),
    );
  }

  alertSettings(): Promise<WalletAlertSettings> {
    return this.api.send('GET', '/v1/terminal/wallet/alerts', walletAlertSettingsSchema);
  }

  setAlertSettings(input: {
    alertLevel: number | null;
    webhookUrl: string | null;
    rotateSecret: boolean;
  }): Promise<WalletAlertSettings> {
    return this.api.send('PUT', '/v1/terminal/wallet/alerts', walletAlertSettingsSchema, input);
  }

  webhookDeliveries(limit: number): Promise<WebhookDelivery[]> {
    return this.api.send(
      'GET',
      `/v1/terminal/wallet/webhook-deliveries?limit=${limit}`,
      listOf(webhookDeliverySchema, 'deliveries'),
    );
  }

  /**
   * GET /v1/terminal/wallet/affiliates. A central API without that route (an older one) has no affiliates to offer:
   * its "no route" answer reads as none, so the transfer panel stays hidden rather than failing.
   */
  async affiliates(): Promise<WalletAffiliate[]> {
    try {
      return await this.api.send(
        'GET',
        '/v1/terminal/wallet/affiliates',
        listOf(affiliateSchema, 'affiliates'),
      );
    } catch (err) {
      if (err instanceof ApiClientError && err.httpStatus === 404 && err.message.startsWith('no route'))
        return [];
      throw err;
    }
  }

  /** POST /v1/terminal/wallet/transfers (idempotent by transferId). */
  transfer(transferId: string, toResellerId: string, amount: number): Promise<CreditTransfer> {
    return this.api.send('POST', '/v1/terminal/wallet/transfers', creditTransferSchema, {
      transferId,
      toResellerId,
      amount,
    });
  }
}
