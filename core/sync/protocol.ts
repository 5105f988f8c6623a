import { z } from 'zod';
import { MAX_SERIAL_NUMBER, SERIES_PREFIX_PATTERN } from '../cards/card-serial';
import { CURRENCY_PATTERN } from '../money/currency';
import { UUIDV7_PATTERN } from '../uuidv7';
import { shiftClosePayloadSchema, shiftOpenPayloadSchema } from '../shifts/shift-schemas';

/**
 * The sync protocol between a terminal and the central API (DESIGN.md section 4).
 * Both sides import these schemas: the server validates with them, the terminal builds with them.
 */

/** A client-made UUIDv7. */
export const uuidv7Schema = z.string().regex(UUIDV7_PATTERN, 'must be a UUIDv7');
/** Any UUID (server-made ids of older rows may be other versions). */
export const uuidSchema = z.uuid();
/** An ISO 4217 currency code. */
export const currencySchema = z.string().regex(CURRENCY_PATTERN, 'must be a 3-letter ISO currency code');
/** Integer minor units (may be negative for balances; amounts in requests use positiveMinor). */
export const minorUnitsSchema = z.number().int().refine(Number.isSafeInteger, 'must be a safe integer');
/** A strictly positive integer amount of minor units. */
export const positiveMinorSchema = minorUnitsSchema.refine((n) => n > 0, 'must be greater than zero');
/** A customer account number: a phone number or account id, digits with an optional leading +. */
export const accountNumberSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9]{4,20}$/, 'account number must be 4 to 20 digits, optionally starting with +');
/** UTC ISO-8601 timestamp, within years 2000-2199 (databases refuse year 0; anything outside is a broken clock). */
export const isoTimeSchema = z.iso
  .datetime({ offset: false })
  .refine((t) => /^2[01]\d\d-/.test(t), 'must be a time between the years 2000 and 2199');

/** Limits the reseller sets for sales made while a terminal cannot reach the server. */
export const floorLimitsSchema = z
  .object({
    /** Largest single offline sale (retail amount, minor units). */
    perSaleMax: minorUnitsSchema.min(0),
    /** Largest total of offline sales stored on one terminal and not yet synced. */
    totalOfflineMax: minorUnitsSchema.min(0),
    /** Offline sales are refused once this many hours passed since the last successful sync. */
    maxHoursSinceSync: z
      .number()
      .int()
      .min(0)
      .max(24 * 30),
  })
  .strict();
export type FloorLimits = z.infer<typeof floorLimitsSchema>;

/** A version number the server hands out (package versions, limits versions): 1, 2, 3, ... */
export const versionSchema = z.number().int().min(1).max(2_147_483_647);

// ---------- enrollment ----------

/** POST /v1/terminal/enroll */
export const enrollRequestSchema = z
  .object({
    code: z.string().trim().min(6).max(64),
    /** A name for this installation shown to the reseller ("Front counter"). */
    terminalName: z.string().trim().min(1).max(80),
  })
  .strict();
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

export const enrollResponseSchema = z.object({
  terminalId: uuidSchema,
  /** Bearer token for every later call. Shown once; the server keeps only its hash. */
  token: z.string().min(32),
  terminalName: z.string(),
  reseller: z.object({ id: uuidSchema, name: z.string(), currency: currencySchema }),
  /** Prefix for this terminal's sale and receipt numbers, unique across the operator ("T7K2"). */
  salePrefix: z.string().regex(/^[A-Z0-9]{2,8}$/),
  /** Serial prefix for cards this terminal's batches use ("101"). */
  serialPrefix: z.string().regex(/^[0-9]{1,6}$/),
  floorLimits: floorLimitsSchema,
  /** The version of these limits; an offline sale names the version it was judged with. */
  limitsVersion: versionSchema,
});
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

// ---------- commands (push) ----------

/** Payload of `sale.create`: a direct top-up of a package to a customer's wallet. */
export const saleCreatePayloadSchema = z
  .object({
    saleId: uuidv7Schema,
    /** Terminal-prefixed human number, e.g. "T7K2-000123". */
    saleNumber: z.string().regex(/^[A-Z0-9]{2,8}-[0-9]{6,12}$/),
    packageId: uuidSchema,
    /**
     * The package version (prices) the terminal sold at; the server applies the sale at exactly these prices. Absent
     * only in sales written by the release before versions existed: those were sold at version 1.
     */
    packageVersion: versionSchema.optional(),
    customerAccount: accountNumberSchema,
    quantity: z.number().int().min(1).max(100),
    currency: currencySchema,
    /** Retail amount the clerk charged (package retail price x quantity), minor units. */
    retailAmount: positiveMinorSchema,
  })
  .strict();
export type SaleCreatePayload = z.infer<typeof saleCreatePayloadSchema>;

/** What the server answers for an applied `sale.create`. */
export const saleCreateResultSchema = z.object({
  saleId: uuidSchema,
  saleNumber: z.string(),
  status: z.literal('purchased'),
  wholesaleAmount: minorUnitsSchema,
  currency: currencySchema,
  customerId: uuidSchema,
  grantId: uuidSchema,
  /** The reseller's balance right after this sale (may be negative for an honoured offline sale). */
  resellerBalance: minorUnitsSchema,
});
export type SaleCreateResult = z.infer<typeof saleCreateResultSchema>;

/**
 * Payload of `sale.void`: cancels a sale the terminal refused at the counter after its online push got no answer in
 * time (the push may or may not have reached the server). Pushed after that sale's `sale.create`, so the server has
 * decided the create first: an applied sale whose grant is untouched is reversed (status `refunded`); a sale the
 * server never applied leaves nothing to do; a sale whose credit the customer already used is rejected `sale_used`.
 */
export const saleVoidPayloadSchema = z
  .object({
    saleId: uuidv7Schema,
    reason: z.enum(['refused_at_counter']),
  })
  .strict();
export type SaleVoidPayload = z.infer<typeof saleVoidPayloadSchema>;

/** What the server answers for an applied `sale.void`. */
export const saleVoidResultSchema = z.object({
  saleId: uuidSchema,
  /** True when a sale was reversed; false when the server had no such sale (nothing to undo). */
  voided: z.boolean(),
  /** The reseller's balance after the void. */
  resellerBalance: minorUnitsSchema,
});
export type SaleVoidResult = z.infer<typeof saleVoidResultSchema>;

/** Most cards one `card.batch` activates (the largest PIN reserve a terminal holds). */
export const MAX_CARD_BATCH = 10_000;

/**
 * Payload of `card.batch`: a series the terminal drew from its PIN reserve (server-minted serial + PIN pairs it holds,
 * so no PIN travels here), activating those cards with the series' attributes and debiting their face value from the
 * reseller's credits into its card liability account. Written offline with an offline claim; the face value counts
 * against the offline window like a sale's retail amount.
 */
export const cardBatchPayloadSchema = z
  .object({
    seriesId: uuidv7Schema,
    cardIds: z.array(uuidSchema).min(1).max(MAX_CARD_BATCH),
    /** Face value of each card, minor units. */
    amount: positiveMinorSchema,
    currency: currencySchema,
    expiresAt: isoTimeSchema,
    /** Days the redeemed credits stay valid on the customer's wallet (null: no expiry). */
    grantValidityDays: z.number().int().min(1).max(3650).nullable(),
  })
  .strict();
export type CardBatchPayload = z.infer<typeof cardBatchPayloadSchema>;

/** What the server answers for an applied `card.batch`. */
export const cardBatchResultSchema = z.object({
  seriesId: uuidSchema,
  quantity: z.number().int(),
  totalValue: minorUnitsSchema,
  entryId: uuidSchema,
  resellerBalance: minorUnitsSchema,
});
export type CardBatchResult = z.infer<typeof cardBatchResultSchema>;

/**
 * Payload of `card.redeem`: a redemption a clerk made, sent online-first or queued offline. The PIN travels only on the
 * wire (the terminal keeps it sealed, the server fingerprints the command without it); every failure is rejected
 * `card_redeem_failed` (no oracle), a locked terminal or customer `card_redeem_locked`.
 */
export const cardRedeemPayloadSchema = z
  .object({
    customerAccount: accountNumberSchema,
    pin: z.string().max(64),
    serial: z.string().max(64).optional(),
  })
  .strict();
export type CardRedeemPayload = z.infer<typeof cardRedeemPayloadSchema>;

/** What the server answers for an applied `card.redeem`. */
export const cardRedeemResultSchema = z.object({
  cardId: uuidSchema,
  serial: z.string(),
  amount: minorUnitsSchema,
  currency: currencySchema,
  customerId: uuidSchema,
  walletBalance: minorUnitsSchema,
  activatedAt: isoTimeSchema,
});
export type CardRedeemResult = z.infer<typeof cardRedeemResultSchema>;

/**
 * Payload of `stock.sale`: a package sold to a customer from the terminal's inventory stock allocation (prepaid when
 * the reseller bought it, so no credits move and no floor limit applies, offline included). Applied `activated` at
 * the package version named; refused `stock_exceeded` when it would sell past the terminal's allocation.
 */
export const stockSalePayloadSchema = saleCreatePayloadSchema
  .extend({ packageVersion: versionSchema })
  .strict();
export type StockSalePayload = z.infer<typeof stockSalePayloadSchema>;

/** What the server answers for an applied `stock.sale`. */
export const stockSaleResultSchema = z.object({
  saleId: uuidSchema,
  saleNumber: z.string(),
  status: z.literal('activated'),
  customerId: uuidSchema,
  grantId: uuidSchema,
  /** What is left of this terminal's allocation of the package after the sale. */
  remaining: z.number().int().min(0),
});
export type StockSaleResult = z.infer<typeof stockSaleResultSchema>;

/**
 * Payload of `stock.release`: the terminal gives unsold allocation of a package back to its reseller's unallocated
 * stock (from where a manager allocates it to any terminal). Only the terminal itself releases its allocation, in
 * its outbox order behind its own stock sales, so a release can never take away stock it sold offline.
 */
export const stockReleasePayloadSchema = z
  .object({
    packageId: uuidSchema,
    quantity: z.number().int().min(1).max(1_000_000),
  })
  .strict();
export type StockReleasePayload = z.infer<typeof stockReleasePayloadSchema>;

/** What the server answers for an applied `stock.release`. */
export const stockReleaseResultSchema = z.object({
  packageId: uuidSchema,
  released: z.number().int(),
  remaining: z.number().int().min(0),
});
export type StockReleaseResult = z.infer<typeof stockReleaseResultSchema>;

/** Command types and their payload schemas. A new type is one entry here plus its server applier. */
export const commandPayloadSchemas = {
  'sale.create': saleCreatePayloadSchema,
  'sale.void': saleVoidPayloadSchema,
  'card.batch': cardBatchPayloadSchema,
  'card.redeem': cardRedeemPayloadSchema,
  'shift.open': shiftOpenPayloadSchema,
  'shift.close': shiftClosePayloadSchema,
  'stock.sale': stockSalePayloadSchema,
  'stock.release': stockReleasePayloadSchema,
} as const;
export type CommandType = keyof typeof commandPayloadSchemas;

/**
 * What a terminal decided an offline sale with (DESIGN 4, "the offline promise"): its place in the terminal's offline
 * window and the limits and sync time it was judged against. The server judges the sale with the same values and the
 * same rule (core/offline/offline-window.ts), so a sale an honest terminal honoured is never reversed.
 */
export const offlineClaimSchema = z
  .object({
    /** The terminal's offline decision number: 1, 2, 3, ... in the order it honoured offline sales. */
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    /** The oldest offline decision not yet acknowledged by the server when this one was made (or `seq`). */
    windowStart: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    /** The floor-limits version the terminal had pulled. */
    limitsVersion: versionSchema,
    /** The terminal's last successful sync (its clock), which the hours-since-sync limit counts from. */
    lastSyncAt: isoTimeSchema,
  })
  .strict()
  .refine((c) => c.windowStart <= c.seq, 'windowStart must not be after seq');
export type OfflineClaim = z.infer<typeof offlineClaimSchema>;

/** One outbox command as sent. `type` is a free string so unknown types reach the server and get rejected, not lost. */
export const outboxCommandSchema = z
  .object({
    id: uuidv7Schema,
    /** Dotted lower-case words ("sale.create"); unknown ones reach the server and are rejected, not lost. */
    type: z
      .string()
      .max(64)
      .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'must be dotted lower-case words'),
    payload: z.unknown(),
    createdAt: isoTimeSchema,
    clerkId: uuidSchema.nullable(),
    offline: z.boolean(),
    /** Present exactly when `offline` is true (sales honoured under the offline rules). */
    offlineClaim: offlineClaimSchema.nullable().optional(),
  })
  .strict()
  .refine((c) => c.type !== 'sale.create' || c.offline === (c.offlineClaim != null), {
    message: 'an offline sale carries its offlineClaim, an online one none',
    path: ['offlineClaim'],
  });
export type OutboxCommand = z.infer<typeof outboxCommandSchema>;

/** Most commands in one push. */
export const MAX_PUSH_BATCH = 500;

/**
 * Largest push request body the central API reads, bytes. A terminal never sends more: a command that alone would
 * exceed it is quarantined without being sent (the server would cut the connection, which looks like an outage).
 */
export const MAX_PUSH_BYTES = 4 * 1024 * 1024;

/**
 * POST /v1/terminal/sync/push. The request as a whole only needs each command to carry a string `id`: every other
 * field is judged per command (a malformed command is rejected `invalid_command` and the rest of the batch proceeds),
 * so one bad command can never block the ones behind it.
 */
export const pushRequestSchema = z
  .object({
    commands: z
      .array(z.looseObject({ id: z.string().min(1).max(64) }))
      .min(1)
      .max(MAX_PUSH_BATCH),
  })
  .strict();
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** Stable reason codes for a rejected command. */
export const rejectReasonSchema = z.enum([
  'unknown_command_type',
  /** The command itself is malformed (bad id, time outside the protocol's range, missing offline claim...). */
  'invalid_command',
  'invalid_payload',
  'insufficient_credits',
  'package_inactive',
  'package_not_found',
  'currency_mismatch',
  'price_mismatch',
  'floor_limit_exceeded',
  'id_reused_with_different_payload',
  /** A new command carries a sale id or sale number another command already used. */
  'sale_already_exists',
  /** `sale.void` of a sale whose credit the customer has already (partly) spent. */
  'sale_used',
  /** An online sale sold at a package version that is no longer current (the terminal refreshes its catalog). */
  'catalog_changed',
  /** An offline sale names a package version or limits version the server never published for it. */
  'unknown_version',
  /** `sale.void` of a sale this terminal did not refuse at the counter (another terminal's, offline, or too old). */
  'void_not_allowed',
  'forbidden',
  /** `card.redeem`: the card cannot be redeemed (unknown, used, expired, void, wrong serial: one reason, no oracle). */
  'card_redeem_failed',
  /** `card.redeem`: too many failed redemptions locked this terminal, customer or address for a while. */
  'card_redeem_locked',
  /** `card.batch`: a card is not a reserve pair this terminal holds (already used, or never handed to it). */
  'reserve_card_unknown',
  /** `shift.close` of a shift this terminal never opened on the server. */
  'shift_unknown',
  /** `shift.open` reusing a shift id, or a second, different `shift.close` of a closed shift. */
  'shift_conflict',
  /** `stock.sale` / `stock.release`: more than the terminal's remaining stock allocation of the package. */
  'stock_exceeded',
]);
export type RejectReason = z.infer<typeof rejectReasonSchema>;

/**
 * Rejections no honest terminal can produce: the sale was honoured at the counter (or the command written) by a
 * terminal that is broken or lying, so a manager must look at it on both sides. Everything else is an ordinary
 * refusal the clerk sees before anything prints (online) and that has nothing to settle.
 */
export const MANAGER_REJECT_REASONS: ReadonlySet<RejectReason> = new Set<RejectReason>([
  'invalid_command',
  'invalid_payload',
  'unknown_command_type',
  'unknown_version',
  'floor_limit_exceeded',
  'id_reused_with_different_payload',
  'sale_already_exists',
  'void_not_allowed',
  'forbidden',
  'reserve_card_unknown',
  'shift_unknown',
  'shift_conflict',
  'stock_exceeded',
]);

/** The outcome of one command: applied now, rejected (for good), or seen before (its first outcome repeated). */
export const commandOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ id: z.string(), status: z.literal('applied'), result: z.unknown() }),
  z.object({
    id: z.string(),
    status: z.literal('rejected'),
    reason: rejectReasonSchema,
    message: z.string(),
  }),
  z.object({
    id: z.string(),
    status: z.literal('duplicate'),
    /** What the first application decided. */
    original: z.enum(['applied', 'rejected']),
    result: z.unknown().optional(),
    reason: rejectReasonSchema.optional(),
    message: z.string().optional(),
  }),
]);
export type CommandOutcome = z.infer<typeof commandOutcomeSchema>;

export const pushResponseSchema = z.object({
  outcomes: z.array(commandOutcomeSchema),
  /**
   * The reseller's balance as this push left it, with its place in the change feed (null when the push moved no
   * money). The terminal takes it at once, so a push whose pull then fails still refreshes the balance the offline
   * rule reads: offline sales never run past what the reseller really has (the hard cap stays out of reach).
   */
  balance: z
    .object({ currency: currencySchema, balance: minorUnitsSchema, seq: z.string().regex(/^[0-9]+$/) })
    .nullable(),
  /** The server's clock when it answered. */
  serverTime: isoTimeSchema,
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

// ---------- change feed (pull) ----------

/** A package in the catalog as terminals see it. */
export const packageSchema = z.object({
  id: uuidSchema,
  code: z.string(),
  name: z.string(),
  kind: z.enum(['topup', 'bundle']),
  faceValue: minorUnitsSchema,
  wholesalePrice: minorUnitsSchema,
  retailPrice: minorUnitsSchema,
  currency: currencySchema,
  validityDays: z.number().int().min(0).nullable(),
  active: z.boolean(),
  /** Bumped by every change of the package; sales name the version they were sold at. */
  version: versionSchema,
  updatedAt: isoTimeSchema,
});
export type Package = z.infer<typeof packageSchema>;

export const saleStatusSchema = z.enum(['purchased', 'refunded', 'activated']);
export type SaleStatus = z.infer<typeof saleStatusSchema>;

/** A sale as the server reports it (change feed, sales list). */
export const saleViewSchema = z.object({
  saleId: uuidSchema,
  saleNumber: z.string(),
  terminalId: uuidSchema,
  status: saleStatusSchema,
  customerAccount: z.string(),
  packageId: uuidSchema,
  quantity: z.number().int(),
  retailAmount: minorUnitsSchema,
  wholesaleAmount: minorUnitsSchema,
  currency: currencySchema,
  createdAt: isoTimeSchema,
  /** True once the customer spent any of the sale's grant (the package is `used`: no longer refundable). */
  grantUsed: z.boolean().optional(),
  /** When the sale's grant (the package) expires; null: never. Absent from entries written before it was carried. */
  grantExpiresAt: isoTimeSchema.nullable().optional(),
});

/** The status of a top-up card. */
export const cardStatusSchema = z.enum(['new', 'activated', 'expired', 'void']);

/** A top-up card as the change feed and the cards list show it: never its PIN. */
export const cardViewSchema = z.object({
  id: uuidSchema,
  serial: z.string(),
  seriesId: uuidSchema,
  ownerId: uuidSchema,
  amount: minorUnitsSchema,
  currency: currencySchema,
  status: cardStatusSchema,
  expiresAt: isoTimeSchema,
  activatedAt: isoTimeSchema.nullable(),
  customerId: uuidSchema.nullable(),
  createdAt: isoTimeSchema,
});

/** Something the wallet did that the terminals show as an in-app notification (change feed kind `wallet_notice`). */
export const walletNoticeSchema = z.object({
  noticeId: uuidSchema,
  resellerId: uuidSchema,
  type: z.enum([
    'balance_alert',
    'auto_topup_succeeded',
    'auto_topup_declined',
    'auto_topup_disabled',
    'auto_topup_skipped',
    'purchase_succeeded',
  ]),
  currency: currencySchema,
  /** The balance when the notice was made. */
  balance: minorUnitsSchema,
  amount: minorUnitsSchema.nullable(),
  /** One sentence for the clerk. */
  message: z.string(),
  createdAt: isoTimeSchema,
});
export type WalletNotice = z.infer<typeof walletNoticeSchema>;

/** Inventory stock of one package as the change feed carries it (see the `stock` change). */
export const stockLevelSchema = z.object({
  packageId: uuidSchema,
  /** Every unit the reseller ever bought of the package. */
  bought: z.number().int().min(0),
  /** Units bought and not allocated to any terminal (released allocation comes back here). */
  unallocated: z.number().int().min(0),
  terminalId: uuidSchema,
  /** Running totals of the terminal's allocation: its remaining stock is allocated - released - sold. */
  allocated: z.number().int().min(0),
  released: z.number().int().min(0),
  sold: z.number().int().min(0),
});
export type StockLevel = z.infer<typeof stockLevelSchema>;

/** One entry in a reseller's change feed. `seq` is the reseller's monotonic sequence (as a decimal string). */
export const changeSchema = z.discriminatedUnion('kind', [
  z.object({
    seq: z.string(),
    kind: z.literal('balance'),
    data: z.object({ resellerId: uuidSchema, currency: currencySchema, balance: minorUnitsSchema }),
  }),
  z.object({ seq: z.string(), kind: z.literal('package'), data: packageSchema }),
  z.object({ seq: z.string(), kind: z.literal('sale'), data: saleViewSchema }),
  z.object({
    seq: z.string(),
    kind: z.literal('terminal_settings'),
    data: z.object({
      terminalId: uuidSchema,
      terminalName: z.string(),
      floorLimits: floorLimitsSchema,
      limitsVersion: versionSchema,
    }),
  }),
  /** Cards created or changed (a few dozen per entry, so a 100,000-card series is a few thousand entries). */
  z.object({ seq: z.string(), kind: z.literal('cards'), data: z.object({ cards: z.array(cardViewSchema) }) }),
  /**
   * Cards of a freshly minted series, compactly: the shared fields once and the card ids in serial order; card i of
   * the entry has serial `formatSerial(prefix, firstNumber + i)`, status new, and was created at `createdAt`.
   */
  z.object({
    seq: z.string(),
    kind: z.literal('cards_minted'),
    data: z.object({
      seriesId: uuidSchema,
      ownerId: uuidSchema,
      prefix: z.string().regex(SERIES_PREFIX_PATTERN),
      firstNumber: z.number().int().min(0).max(MAX_SERIAL_NUMBER),
      amount: minorUnitsSchema,
      currency: currencySchema,
      expiresAt: isoTimeSchema,
      createdAt: isoTimeSchema,
      ids: z.array(uuidSchema).min(1).max(1_000),
    }),
  }),
  /** Cards deleted. */
  z.object({
    seq: z.string(),
    kind: z.literal('cards_deleted'),
    data: z.object({ ids: z.array(uuidSchema) }),
  }),
  /** Something the wallet did (balance alert, auto top-up) that terminals show as a notification. */
  z.object({ seq: z.string(), kind: z.literal('wallet_notice'), data: walletNoticeSchema }),
  /**
   * Inventory stock of one package: the reseller's totals (bought, not yet allocated) and one terminal's allocation
   * (allocated, released and sold, each a running total the server holds). A terminal reads its own allocation and
   * every package's totals.
   */
  z.object({ seq: z.string(), kind: z.literal('stock'), data: stockLevelSchema }),
]);
export type Change = z.infer<typeof changeSchema>;

/** GET /v1/terminal/sync/pull?cursor=&limit= */
export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  /** Pass back as `cursor` next time; "0" means from the beginning. */
  cursor: z.string().regex(/^[0-9]+$/),
  hasMore: z.boolean(),
  /** The server's clock when it answered: the terminal measures its own clock's offset with it. */
  serverTime: isoTimeSchema,
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** GET /v1/terminal/customers/:account */
export const customerLookupSchema = z.object({
  account: z.string(),
  name: z.string().nullable(),
  lastTopUpAt: isoTimeSchema.nullable(),
  walletBalance: minorUnitsSchema,
  currency: currencySchema.nullable(),
});
export type CustomerLookup = z.infer<typeof customerLookupSchema>;

/**
 * A header the central API sets on every error it answers itself, so a terminal can tell the API's refusal of a
 * request from one made by something in between (a proxy's 400 says nothing about the commands it carried).
 */
export const API_ERROR_HEADER = 'x-refill-api-error';

/** The one error body every API route answers with on failure. */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
