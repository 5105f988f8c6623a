import { z } from 'zod';
import {
  currencySchema,
  isoTimeSchema,
  minorUnitsSchema,
  positiveMinorSchema,
  uuidSchema,
  uuidv7Schema,
} from '../sync/protocol';

/**
 * The most credits (minor units) one wallet amount may be: a package's credits or price, a rule's threshold, amount
 * or monthly cap. Far under the safe-integer range, so a balance plus a grant of it stays exact.
 */
export const MAX_WALLET_AMOUNT = 1_000_000_000_000;

/** How many years ahead a card's expiry may be (providers refuse farther ones). */
export const MAX_CARD_EXPIRY_YEARS_AHEAD = 20;

/** The longest webhook URL accepted. */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

/** C0 controls and DEL: PostgreSQL refuses NUL in text, and none belongs in a name or a URL. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** A text without control characters. */
export function hasNoControlCharacters(s: string): boolean {
  return !CONTROL_CHARACTERS.test(s);
}

/** ISO 4217 codes the runtime knows (the app formats amounts with Intl, see core/money/currency.ts). */
const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** A positive amount a wallet can hold (at most MAX_WALLET_AMOUNT). */
const walletAmountSchema = positiveMinorSchema.refine(
  (n) => n <= MAX_WALLET_AMOUNT,
  `must be at most ${MAX_WALLET_AMOUNT}`,
);

/*
 * The reseller wallet over HTTP: credit packages, saved payment methods (tokens from the payment provider, never a
 * card number), purchases, auto top-up rules and their attempts, balance alerts with a signed webhook, and credit
 * transfers to affiliates. The central API answers with these shapes; the terminal reads them with the same schemas.
 */

// ---------- credit packages (operator-defined) ----------

/** A bundle of credits the operator sells at a price (one credit = one minor unit for a fiat wallet). */
export const creditPackageSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  /** Credits granted on payment, minor units of `currency`. */
  credits: positiveMinorSchema,
  /** What the reseller pays, minor units of `currency`. */
  price: positiveMinorSchema,
  currency: currencySchema,
  active: z.boolean(),
});
export type CreditPackage = z.infer<typeof creditPackageSchema>;

/** POST /v1/operator/credit-packages, PUT /v1/operator/credit-packages/:id */
export const creditPackageInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .refine(hasNoControlCharacters, 'must not contain control characters'),
    credits: walletAmountSchema,
    price: walletAmountSchema,
    currency: currencySchema.refine((c) => KNOWN_CURRENCIES.has(c), 'must be a currency the app knows'),
    active: z.boolean().default(true),
  })
  .strict();

// ---------- payment methods (through the PSP) ----------

/** A saved card as the wallet keeps it: the provider's token stays on the server; only these fields leave it. */
export const paymentMethodSchema = z.object({
  id: uuidSchema,
  brand: z.string(),
  last4: z.string().regex(/^[0-9]{4}$/),
  expMonth: z.number().int().min(1).max(12),
  /** The sandbox (like real providers) refuses expiries more than MAX_CARD_EXPIRY_YEARS_AHEAD years ahead. */
  expYear: z.number().int().min(2000).max(2200),
  createdAt: isoTimeSchema,
});
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

/** POST /v1/terminal/wallet/payment-methods/setup: a hosted card-entry page of the provider to open. */
export const paymentMethodSetupSchema = z.object({
  setupId: uuidSchema,
  /** The provider's page where the card number is typed (absolute URL); the app never sees the number. */
  hostedUrl: z.url(),
  expiresAt: isoTimeSchema,
});
export type PaymentMethodSetup = z.infer<typeof paymentMethodSetupSchema>;

/** GET /v1/terminal/wallet/payment-methods/setup/:id */
export const paymentMethodSetupStatusSchema = z.object({
  setupId: uuidSchema,
  status: z.enum(['pending', 'completed', 'expired']),
  /** The saved card once completed; it replaces any earlier card of the reseller. */
  paymentMethod: paymentMethodSchema.nullable(),
});
export type PaymentMethodSetupStatus = z.infer<typeof paymentMethodSetupStatusSchema>;

// ---------- purchases ----------

/** POST /v1/terminal/wallet/purchases: buy a credit package now (idempotent by purchaseId). */
export const purchaseRequestSchema = z.object({ purchaseId: uuidv7Schema, packageId: uuidSchema }).strict();

export const purchaseStatusSchema = z.enum([
  'pending',
  'succeeded',
  'declined',
  'failed',
  'invoiced',
  'paid',
]);

/** A purchase of credits, by hand or by auto top-up. Credits are granted only once the charge succeeded. */
export const purchaseSchema = z.object({
  purchaseId: uuidSchema,
  packageId: uuidSchema.nullable(),
  source: z.enum(['manual', 'auto_topup']),
  credits: positiveMinorSchema,
  price: positiveMinorSchema,
  currency: currencySchema,
  status: purchaseStatusSchema,
  /** The provider's decline code (card_declined, insufficient_funds, ...) when declined. */
  declineCode: z.string().nullable(),
  /** Set for resellers on invoice collection: credits are granted when the invoice is paid. */
  invoiceId: uuidSchema.nullable(),
  /** The reseller's balance right after the credits were granted. */
  balanceAfter: minorUnitsSchema.nullable(),
  createdAt: isoTimeSchema,
  completedAt: isoTimeSchema.nullable(),
});
export type Purchase = z.infer<typeof purchaseSchema>;

// ---------- auto top-up ----------

/** PUT /v1/terminal/wallet/auto-topup-rules/:currency and PUT /v1/operator/resellers/:id/auto-topup-rules/:currency */
export const autoTopUpRuleInputSchema = z
  .object({
    /** A debit that leaves the balance under this buys `amount` credits. */
    threshold: minorUnitsSchema.refine(
      (n) => n >= 0 && n <= MAX_WALLET_AMOUNT,
      `must be between 0 and ${MAX_WALLET_AMOUNT}`,
    ),
    /** Credits bought per top-up (charged at one credit = one minor unit). */
    amount: walletAmountSchema,
    maxPerDay: z.number().int().min(1).max(100),
    maxAmountPerMonth: walletAmountSchema,
    enabled: z.boolean(),
  })
  .strict();
export type AutoTopUpRuleInput = z.infer<typeof autoTopUpRuleInputSchema>;

/** A wallet's auto top-up rule with its state. */
export const autoTopUpRuleSchema = z.object({
  currency: currencySchema,
  threshold: minorUnitsSchema,
  amount: positiveMinorSchema,
  maxPerDay: z.number().int(),
  maxAmountPerMonth: positiveMinorSchema,
  enabled: z.boolean(),
  /** After a decline the rule waits until this instant. */
  pausedUntil: isoTimeSchema.nullable(),
  consecutiveDeclines: z.number().int().min(0),
  /** Why the rule was turned off by the system (three declines, payment method deleted), null when by a person. */
  disabledReason: z.enum(['declined_three_times', 'payment_method_deleted']).nullable(),
  updatedAt: isoTimeSchema,
});
export type AutoTopUpRule = z.infer<typeof autoTopUpRuleSchema>;

/** Every attempt of auto top-up, with its outcome and reason. */
export const autoTopUpAttemptSchema = z.object({
  attemptId: uuidSchema,
  currency: currencySchema,
  amount: positiveMinorSchema,
  /** The balance that triggered the attempt. */
  balanceBefore: minorUnitsSchema,
  outcome: z.enum([
    'in_flight',
    'succeeded',
    'declined',
    'skipped_day_limit',
    'skipped_month_limit',
    'skipped_no_payment_method',
    'skipped_paused',
  ]),
  reason: z.string(),
  purchaseId: uuidSchema.nullable(),
  createdAt: isoTimeSchema,
  completedAt: isoTimeSchema.nullable(),
});
export type AutoTopUpAttempt = z.infer<typeof autoTopUpAttemptSchema>;

// ---------- balance alerts and the webhook ----------

/** PUT /v1/terminal/wallet/alerts */
export const walletAlertSettingsInputSchema = z
  .object({
    /** An alert fires when a debit takes the balance from at or above this to under it; null: no alert. */
    alertLevel: minorUnitsSchema.nullable(),
    /**
     * HTTPS URL on a public host that receives signed events (loopback HTTP only when the server allows it, see
     * REFILL_WEBHOOK_ALLOW_PRIVATE); at most MAX_WEBHOOK_URL_LENGTH characters, no control characters; null: none.
     */
    webhookUrl: z
      .string()
      .max(MAX_WEBHOOK_URL_LENGTH)
      // Before the URL check, which would silently strip tabs and newlines.
      .refine(hasNoControlCharacters, 'must not contain control characters')
      .pipe(z.url())
      .nullable(),
    /** Make a new signing secret (answered once, in `webhookSecret`). */
    rotateSecret: z.boolean().default(false),
  })
  .strict();

export const walletAlertSettingsSchema = z.object({
  currency: currencySchema,
  alertLevel: minorUnitsSchema.nullable(),
  webhookUrl: z.string().nullable(),
  /** Whether a signing secret exists (the secret itself is shown only once, when made). */
  hasWebhookSecret: z.boolean(),
  /** Present only in the answer that made a new secret. */
  webhookSecret: z.string().optional(),
});
export type WalletAlertSettings = z.infer<typeof walletAlertSettingsSchema>;

/**
 * Webhook signature scheme: header `Refill-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`,
 * header `Refill-Event-Id: <event id>`; receivers refuse a `t` older than 5 minutes and deduplicate by event id.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'refill-signature';
export const WEBHOOK_EVENT_ID_HEADER = 'refill-event-id';
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** A webhook event's delivery as the delivery log shows it. */
export const webhookDeliverySchema = z.object({
  eventId: uuidSchema,
  type: z.string(),
  url: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int().min(0),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: isoTimeSchema.nullable(),
  deliveredAt: isoTimeSchema.nullable(),
  createdAt: isoTimeSchema,
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

// ---------- notices on the change feed ----------

/** Something the wallet did that terminals show as a notification: the change feed's `wallet_notice` entry. */
export { walletNoticeSchema, type WalletNotice } from '../sync/protocol';

// ---------- transfers to affiliates and balance history ----------

/** POST /v1/terminal/wallet/transfers: move credits from the terminal's reseller to one of its affiliates. */
export const creditTransferRequestSchema = z
  .object({ transferId: uuidv7Schema, toResellerId: uuidSchema, amount: positiveMinorSchema })
  .strict();

export const creditTransferSchema = z.object({
  transferId: uuidSchema,
  fromResellerId: uuidSchema,
  toResellerId: uuidSchema,
  amount: positiveMinorSchema,
  currency: currencySchema,
  /** The sender's balance after the transfer. */
  balanceAfter: minorUnitsSchema,
  /**
   * The sender's change-feed seq of that balance (replays answer it too; absent only for transfers recorded before it
   * was kept), so the terminal takes the lower balance at once instead of counting on credits moved away until its
   * next pull.
   */
  balanceSeq: z
    .string()
    .regex(/^[0-9]+$/)
    .optional(),
  createdAt: isoTimeSchema,
});
export type CreditTransfer = z.infer<typeof creditTransferSchema>;

/** GET /v1/terminal/wallet/balance-history?days=N: the closing balance of each UTC day, oldest first. */
export const balanceHistorySchema = z.object({
  currency: currencySchema,
  points: z.array(z.object({ day: z.iso.date(), balance: minorUnitsSchema })),
});
export type BalanceHistory = z.infer<typeof balanceHistorySchema>;
