import { z } from 'zod';
import { method } from './define';
import { CLERK_PIN_PATTERN } from '../clerks/pin-rules';
import {
  accountNumberSchema,
  currencySchema,
  uuidv7Schema,
  positiveMinorSchema,
  uuidSchema,
  type Package,
} from '../sync/protocol';
import type { AboutInfo } from './types/about';
import type {
  CardPage,
  CardReserveState,
  CardSeriesJob,
  CardsCsv,
  DeleteCardsResult,
  EditCardsResult,
  RedeemOutcome,
  RedemptionItem,
  SheetPrintJob,
} from './types/cards';
import { cardStatusSchema, MAX_SERIES_QUANTITY } from '../cards/card-schemas';
import { DEFAULT_PIN_LENGTH, MAX_PIN_LENGTH, MIN_PIN_LENGTH } from '../cards/card-pin';
import { SERIES_PREFIX_PATTERN } from '../cards/card-serial';
import type { ClerkSummary, SessionState } from './types/clerks';
import { LANGUAGE_CODES, isLocaleTag, type Language } from '../i18n/languages';
import { SETTINGS_LIMITS } from '../settings/terminal-settings';
import type { CustomerInfo } from './types/customers';
import type { RefundAllowance } from '../sales/refund-schemas';
import type { PrinterListItem, PrintedReceipt, RenderedReceipt } from './types/receipts';
import type {
  OutcomesNotShown,
  SaleCreateOutcome,
  SaleListItem,
  SalePage,
  SaleRefundResult,
  SalesTotals,
} from './types/sales';
import type { TerminalSettings } from './types/settings';
import type { StockOverview, StockPurchaseResult } from './types/stock';
import type { SaleGrantState } from './types/sale-grant';
import type { AppStatus } from './types/status';
import type { CommandPage, LocalBalance, SyncReport } from './types/sync';
import type { TerminalState } from './types/terminal';
import type { UpdateState } from './types/updates';
import { shiftMethods } from '../shifts/shift-methods';
import { reportMethods } from '../reports/report-methods';
import { clerkAdminMethods } from '../clerks/clerk-admin-methods';
import type {
  PaymentMethodDeleted,
  PaymentMethods,
  WalletAffiliate,
  WalletBalanceView,
  WalletHistoryCsvPiece,
  WalletHistoryPage,
  WalletNoticeItem,
  WalletPackages,
  WalletPurchaseResult,
} from './types/wallet';
import {
  autoTopUpRuleInputSchema,
  walletAlertSettingsInputSchema,
  type AutoTopUpAttempt,
  type AutoTopUpRule,
  type BalanceHistory,
  type CreditTransfer,
  type PaymentMethodSetup,
  type PaymentMethodSetupStatus,
  type WalletAlertSettings,
  type WebhookDelivery,
} from '../wallet/wallet-api';
import { walletHistoryFilter } from '../wallet/wallet-history-filter';

const noInput = z.object({}).strict();
/** An ISO datetime with or without an offset, normalised to UTC (`Date.toISOString` form) for comparisons. */
const isoInstant = z.iso.datetime({ offset: true }).transform((t) => new Date(t).toISOString());
const paperWidth = z.enum(['58mm', '80mm']);
/** Optional text setting: trimmed, empty means none (null). */
const settingText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is at most ${max} characters`)
    .nullable()
    .transform((t) => (t === null || t.length === 0 ? null : t));
/** The cards table's advanced search (every field narrows; none means every card this terminal knows). */
const cardFilter = z
  .object({
    status: cardStatusSchema.optional(),
    validity: z.enum(['valid', 'not_yet_valid', 'void_rejected']).optional(),
    seriesId: uuidSchema.optional(),
    prefix: z
      .string()
      .regex(SERIES_PREFIX_PATTERN, 'a series is 1 to 6 digits, not starting with 0')
      .optional(),
    serialFrom: z.string().trim().max(32).optional(),
    serialTo: z.string().trim().max(32).optional(),
    amount: positiveMinorSchema.optional(),
    ownerId: uuidSchema.optional(),
    createdFrom: isoInstant.optional(),
    createdTo: isoInstant.optional(),
    expiresFrom: isoInstant.optional(),
    expiresTo: isoInstant.optional(),
  })
  .strict();
/** Which cards a mass edit or delete names: the selected ones, or every card of a filter. */
const cardTarget = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('ids'),
      ids: z.array(uuidSchema).min(1, 'select at least one card').max(100_000),
    })
    .strict(),
  z.object({ kind: z.literal('filter'), filter: cardFilter }).strict(),
]);
const terminalName = z
  .string()
  .trim()
  .min(1, 'terminal name is required')
  .max(80, 'terminal name is at most 80 characters');

/**
 * The app contract: every call the renderer can make, with its input schema and result type.
 * Adding a method is one entry here plus one handler in main/ (the compiler lists what is missing).
 */
export const methods = {
  /** App, runtime, SQLite and schema versions for the About screen. */
  'app.about': method<AboutInfo>()(noInput),
  /** Connection, sync and session state for the status bar. */
  'app.status': method<AppStatus>()(noInput),
  /** Echoes its text: a round-trip check for both hosts (and the contract's validation tests). */
  'app.ping': method<{ readonly text: string; readonly at: string }>()(
    z
      .object({ text: z.string().min(1, 'text is required').max(200, 'text is at most 200 characters') })
      .strict(),
  ),

  /** Enrolled or not, the terminal's identity (never its token), and whether one-click demo enrollment is offered. */
  'terminal.state': method<TerminalState>()(noInput),
  /** Enrolls this installation with a central API using a reseller's enrollment code; answers the new state. */
  'terminal.enroll': method<TerminalState>()(
    z
      .object({
        apiUrl: z.string().trim().min(1, 'API address is required').max(500),
        code: z.string().trim().min(6, 'enrollment code is at least 6 characters').max(64),
        terminalName,
      })
      .strict(),
  ),
  /** Enrolls with the launcher's demo central API in one click. */
  'terminal.enrollDemo': method<TerminalState>()(
    z.object({ terminalName: terminalName.optional() }).strict(),
  ),
  /**
   * Changes the central API address of the enrolled terminal (signed-in manager only); the next sync round, started
   * at once, uses it. Answers the new state. Errors: signed_out, forbidden, not_enrolled, invalid_api_url (an
   * http(s) URL without credentials, query or fragment).
   */
  'terminal.setApiUrl': method<TerminalState>()(
    z.object({ apiUrl: z.string().trim().min(1, 'API address is required').max(500) }).strict(),
  ),

  /** Active clerks for the sign-in screen. */
  'clerks.list': method<readonly ClerkSummary[]>()(noInput),
  /** Adds a clerk (signed-in manager only; the first clerk after enrollment becomes manager and is signed in). */
  'clerks.create': method<ClerkSummary>()(
    z
      .object({
        name: z.string().trim().min(1, 'name is required').max(60, 'name is at most 60 characters'),
        pin: z.string().regex(CLERK_PIN_PATTERN, 'PIN must be 4 to 8 digits'),
        role: z.enum(['clerk', 'manager']).default('clerk'),
      })
      .strict(),
  ),
  /** Who is signed in (null after sign-out or auto-lock) and whether the first clerk must be created. */
  'session.current': method<SessionState>()(noInput),
  /** Signs a clerk in by id and PIN. Errors: invalid_credentials, clerk_locked (details.lockedUntil). */
  'session.signIn': method<SessionState>()(
    z.object({ clerkId: uuidSchema, pin: z.string().min(1, 'PIN is required').max(16) }).strict(),
  ),
  /** Signs the current clerk out. */
  'session.signOut': method<SessionState>()(noInput),
  /**
   * Locks the till now, as auto-lock does when the clerk steps away: the sign-in screen offers that clerk first, and
   * their half-entered sale waits for them. Nothing happens when nobody is signed in.
   */
  'session.lock': method<SessionState>()(noInput),
  /** The clerk touched the keyboard, mouse or screen: keeps the session from auto-locking. */
  'session.activity': method<{ readonly signedIn: boolean }>()(noInput),

  /** Runs a sync round now (after any in progress) and answers what it did. */
  'sync.now': method<SyncReport>()(noInput),
  /** Commands for the Sync screen: pending ones, or acknowledged ones (applied / rejected with reason), paged. */
  'sync.commands': method<CommandPage>()(
    z
      .object({
        filter: z.enum(['pending', 'rejected', 'applied', 'quarantined']).default('pending'),
        limit: z.number().int().min(1).max(200).default(50),
        before: z
          .string()
          .regex(/^[0-9]+$/)
          .nullable()
          .default(null),
      })
      .strict(),
  ),
  /**
   * Sends a quarantined command again (managers only): it goes back to the end of the outbox, e.g. once whatever
   * refused it (a proxy, an old server) is fixed. Answers false when no such command is quarantined.
   */
  'sync.requeue': method<{ readonly requeued: boolean }>()(z.object({ id: z.string().uuid() }).strict()),
  /** The local balance view: last pulled server balance minus pending debits. */
  'ledger.balance': method<LocalBalance>()(noInput),
  /**
   * Active packages of the terminal's currency from the local catalog mirror, and deactivated ones this terminal still
   * holds stock of (`active: false`: sold from stock only).
   */
  'catalog.packages': method<readonly Package[]>()(noInput),
  /**
   * Sells a package to a customer's wallet (direct top-up). Print only when the outcome is `confirmed` or
   * `queued`. Errors: signed_out, not_enrolled, package_not_found, package_inactive, insufficient_tender.
   */
  'sales.create': method<SaleCreateOutcome>()(
    z
      .object({
        packageId: uuidSchema,
        customerAccount: accountNumberSchema,
        quantity: z
          .number()
          .int()
          .min(1, 'quantity is at least 1')
          .max(100, 'quantity is at most 100')
          .default(1),
        tenderedAmount: positiveMinorSchema.optional(),
        /**
         * The attempt's id, made by the renderer (UUIDv7): retrying after a lost answer returns the first outcome
         * instead of selling twice.
         */
        saleId: uuidv7Schema.optional(),
      })
      .strict(),
  ),
  /**
   * Asks the central API about a customer (short timeout). Null when the account is unknown. Errors: signed_out,
   * offline (the terminal is offline or the API did not answer in time).
   */
  'customers.lookup': method<CustomerInfo | null>()(z.object({ account: accountNumberSchema }).strict()),
  /** Sales on this terminal, newest first, filtered and paged (pass `next` as `before`). */
  'sales.list': method<SalePage>()(
    z
      .object({
        from: isoInstant.optional(),
        to: isoInstant.optional(),
        clerkId: uuidSchema.optional(),
        status: z.enum(['purchased', 'refunded', 'activated', 'not_sold']).optional(),
        sync: z.enum(['synced', 'queued', 'rejected']).optional(),
        customer: z.string().trim().max(20, 'customer is at most 20 characters').optional(),
        /** Sold from this terminal's inventory stock, or with credits. */
        source: z.enum(['stock', 'credits']).optional(),
        limit: z.number().int().min(1).max(200).default(50),
        before: z.string().max(200).nullable().default(null),
      })
      .strict(),
  ),
  /** One sale. Errors: not_found. */
  'sales.get': method<SaleListItem>()(z.object({ saleId: uuidSchema }).strict()),
  /**
   * Refunds a sale (signed-in manager, online): only a purchased sale whose package is valid and unused, after the
   * operator's cut-off, within the month's refunds; the customer gets the retail amount back in cash and the
   * reseller its credits. A retry answers the first refund. Errors: signed_out, forbidden, not_found, offline,
   * refund_refused (the message names the failed condition; an activated sale needs a support ticket).
   */
  'sales.refund': method<SaleRefundResult>()(z.object({ saleId: uuidSchema }).strict()),
  /** Refunds used this calendar month against the operator's limit, and the cut-off (online). Errors: offline. */
  'sales.refundAllowance': method<RefundAllowance>()(noInput),
  /** The sale's customer grant as the feed last said: used (any of it spent), its expiry. Errors: not_found. */
  'sales.grantState': method<SaleGrantState>()(z.object({ saleId: uuidSchema }).strict()),
  /** Today's totals (local day) and the signed-in clerk's shift totals; reversed and refused sales left out. */
  'sales.totals': method<SalesTotals>()(noInput),
  /**
   * The Sell screen showed the clerk this sale's outcome (call it after displaying the `sales.create` answer). A sale
   * never acknowledged is listed by `sales.outcomesNotShown` once the app restarted. Errors: not_found.
   */
  'sales.outcomeShown': method<{ readonly shownAt: string }>()(
    z
      .object({ saleId: uuidSchema, outcome: z.enum(['confirmed', 'queued', 'rejected', 'refused']) })
      .strict(),
  ),
  /**
   * Sales made before the app last (re)started whose outcome no clerk saw (e.g. the app was killed while the sale
   * waited for the server), newest first, with what became of each; `count` is all of them.
   */
  'sales.outcomesNotShown': method<OutcomesNotShown>()(
    z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(),
  ),
  /**
   * The clerk dealt with a sale listed by `sales.outcomesNotShown` (told the customer, printed the receipt): it
   * leaves the list. Errors: not_found, outcome_waiting (the server has not answered yet).
   */
  'sales.outcomeDealtWith': method<{ readonly dealtWithAt: string }>()(
    z.object({ saleId: uuidSchema }).strict(),
  ),
  /**
   * Renders a sale's receipt as PDF (first one original, later ones COPY; every one audited). Errors: not_found,
   * not_printable (only confirmed, queued or confirmed_after_refusal sales print).
   */
  'receipts.render': method<RenderedReceipt>()(
    z.object({ saleId: uuidSchema, paper: paperWidth.optional() }).strict(),
  ),
  /**
   * Renders the refund receipt of a sale refunded at this terminal (its own number, the original sale's number and
   * barcode, the cash handed back). Errors: not_found.
   */
  'receipts.renderRefund': method<RenderedReceipt>()(
    z.object({ saleId: uuidSchema, paper: paperWidth.optional() }).strict(),
  ),
  /** Prints a sale's receipt on the configured printer. Errors: not_found, not_printable, no_printer, print_*. */
  'receipts.print': method<PrintedReceipt>()(z.object({ saleId: uuidSchema }).strict()),
  /**
   * Prints a test page on the configured printer (shop header and footer, paper width, a barcode), recorded as no
   * receipt. Errors: no_printer, print_*.
   */
  'printers.testPage': method<PrintedReceipt & { readonly testNumber: string }>()(noInput),
  /** Printers the operating system offers (empty when there is no print system). */
  'printers.list': method<readonly PrinterListItem[]>()(noInput),
  /** A window of the cards table from the local mirror (works offline), in serial order. */
  'cards.list': method<CardPage>()(
    z
      .object({
        filter: cardFilter.default({}),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  /**
   * Generates a series (signed-in manager): online the central API mints it and this terminal stores the PINs
   * (sealed); offline it is drawn from the PIN reserve (prefix and PIN length of the reserve) and queued, its cards
   * not yet valid until the server accepts it. Answers at once; progress comes as `cards.seriesProgress`. Errors:
   * signed_out, forbidden, not_enrolled, reserve_too_small (offline, fewer pairs than asked), offline_* (floor limits).
   */
  'cards.createSeries': method<CardSeriesJob>()(
    z
      .object({
        amount: positiveMinorSchema,
        quantity: z
          .number()
          .int()
          .min(1, 'quantity is at least 1')
          .max(MAX_SERIES_QUANTITY, 'quantity is at most 100000'),
        prefix: z.string().regex(SERIES_PREFIX_PATTERN, 'a series is 1 to 6 digits, not starting with 0'),
        pinLength: z
          .number()
          .int()
          .min(MIN_PIN_LENGTH, `PIN length is at least ${MIN_PIN_LENGTH}`)
          .max(MAX_PIN_LENGTH, `PIN length is at most ${MAX_PIN_LENGTH}`)
          .default(DEFAULT_PIN_LENGTH),
        expiresAt: isoInstant,
        ownerId: uuidSchema.optional(),
        grantValidityDays: z.number().int().min(1).max(3650).nullable().default(null),
      })
      .strict(),
  ),
  /** A series job's state. Errors: not_found. */
  'cards.seriesJob': method<CardSeriesJob>()(z.object({ jobId: uuidSchema }).strict()),
  /**
   * Mass edit (signed-in manager, online): expiry and owner each `preserve` or `set`; only new, unexpired cards
   * change, each entirely or not at all; a new owner (this reseller or an affiliate) takes the cards' value from its
   * credits and the former owner gets it back. The answer counts what changed and what was skipped and why. Errors:
   * signed_out, forbidden, offline, insufficient_credits (the new owner's credits do not cover the cards).
   */
  'cards.edit': method<EditCardsResult>()(
    z
      .object({
        target: cardTarget,
        expiresAt: z.discriminatedUnion('mode', [
          z.object({ mode: z.literal('preserve') }).strict(),
          z.object({ mode: z.literal('set'), value: isoInstant }).strict(),
        ]),
        ownerId: z
          .discriminatedUnion('mode', [
            z.object({ mode: z.literal('preserve') }).strict(),
            z.object({ mode: z.literal('set'), value: uuidSchema }).strict(),
          ])
          .default({ mode: 'preserve' }),
      })
      .strict(),
  ),
  /**
   * Deletes cards never redeemed (signed-in manager, online, `confirm` typed as "delete"); their face value returns to
   * the owner's credits. Errors: signed_out, forbidden, offline.
   */
  'cards.delete': method<DeleteCardsResult>()(
    z.object({ target: cardTarget, confirm: z.literal('delete', 'type delete to confirm') }).strict(),
  ),
  /** Reveals one card's PIN (signed-in manager; every reveal is audited). Errors: forbidden, not_found, pin_not_held. */
  'cards.revealPin': method<{ readonly serial: string; readonly pin: string }>()(
    z.object({ cardId: uuidSchema }).strict(),
  ),
  /**
   * CSV of the cards of a filter with a SHA-256 manifest; PINs only when a manager asks (`includePins`, audited).
   * Errors: forbidden.
   */
  'cards.exportCsv': method<CardsCsv>()(
    z.object({ filter: cardFilter.default({}), includePins: z.boolean().default(false) }).strict(),
  ),
  /**
   * Prints a voucher sheet of cards (signed-in manager): the selected cards, a serial range or a filter. Only new,
   * unexpired cards whose PIN this terminal holds print; a card printed before makes the sheet a reprint (COPY on
   * every card, `reprintReason` required); cards not yet valid print marked so (and not mixed with valid ones).
   * Rendered in the background to a private temporary file; progress comes as `cards.printProgress`. Errors:
   * signed_out, forbidden, nothing_to_print, reprint_reason_required, mixed_validity, no_printer, sheet_in_progress
   * (some of the cards are on a sheet still rendering).
   */
  'cards.printSheet': method<SheetPrintJob>()(
    z
      .object({
        target: cardTarget,
        layout: z
          .object({
            paper: z.enum(['A4', 'Letter']).default('A4'),
            preset: z.enum(['card-10', 'labels-21', 'dense-50']).default('card-10'),
            barcode: z.enum(['code128', 'qr']).default('code128'),
            cutMarks: z.boolean().default(true),
            instructions: z.string().trim().max(200, 'instructions are at most 200 characters').optional(),
          })
          .strict()
          .default({ paper: 'A4', preset: 'card-10', barcode: 'code128', cutMarks: true }),
        destination: z.enum(['printer', 'file']),
        reprintReason: z.string().trim().min(3, 'say why the cards are printed again').max(200).optional(),
      })
      .strict(),
  ),
  /**
   * One page of sample cards (made-up serials and PINs) in a layout, as PDF: the print dialog's live preview.
   */
  'cards.sheetPreview': method<{ readonly pdfBase64: string }>()(
    z
      .object({
        layout: z
          .object({
            paper: z.enum(['A4', 'Letter']),
            preset: z.enum(['card-10', 'labels-21', 'dense-50']),
            barcode: z.enum(['code128', 'qr']),
            cutMarks: z.boolean(),
            instructions: z.string().trim().max(200, 'instructions are at most 200 characters').optional(),
          })
          .strict(),
      })
      .strict(),
  ),
  /** The voucher sheets' logo (as a data URL to show) and default redemption text of this reseller's terminal. */
  'cards.sheetSettings': method<{
    readonly logo: { readonly kind: 'png' | 'svg'; readonly dataUrl: string } | null;
    readonly instructions: string | null;
  }>()(noInput),
  /**
   * Sets the sheets' logo (a PNG, or an SVG of filled paths; at most 256 KB; null removes it) and/or the default
   * redemption text (signed-in manager). Errors: forbidden, unsupported_logo.
   */
  'cards.setSheetSettings': method<{
    readonly logo: { readonly kind: 'png' | 'svg'; readonly dataUrl: string } | null;
    readonly instructions: string | null;
  }>()(
    z
      .object({
        logo: z
          .object({
            kind: z.enum(['png', 'svg']),
            base64: z.base64().max(350_000, 'the logo is at most 256 KB'),
          })
          .strict()
          .nullable()
          .optional(),
        instructions: settingText(200, 'redemption text').optional(),
      })
      .strict(),
  ),
  /** A sheet job's state. Errors: not_found. */
  'cards.sheetJob': method<SheetPrintJob>()(z.object({ jobId: uuidSchema }).strict()),
  /** Cancels a sheet still rendering (nothing is printed or recorded). Errors: not_found. */
  'cards.cancelSheet': method<SheetPrintJob>()(z.object({ jobId: uuidSchema }).strict()),
  /**
   * A piece of a rendered sheet's PDF (destination file), base64, from `offset`; `done` once the last piece was read.
   * The file is removed when the last piece is read, or by `cards.discardSheet`. Errors: not_found.
   */
  'cards.sheetFile': method<{ readonly base64: string; readonly offset: number; readonly done: boolean }>()(
    z.object({ jobId: uuidSchema, offset: z.number().int().min(0) }).strict(),
  ),
  /** Removes a rendered sheet's file without reading it. */
  'cards.discardSheet': method<{ readonly removed: boolean }>()(z.object({ jobId: uuidSchema }).strict()),
  /** The PIN reserve's state (for Settings and the series form). */
  'cards.reserve': method<CardReserveState>()(noInput),
  /** Sets the PIN reserve's size (signed-in manager; 0 to 10,000); the next sync round fills it. */
  'cards.setReserveSize': method<CardReserveState>()(
    z.object({ size: z.number().int().min(0, 'at least 0').max(10_000, 'at most 10000') }).strict(),
  ),
  /**
   * Redeems a card onto a customer's wallet (signed-in clerk): the PIN, and the serial when scanned. Online the answer
   * comes at once; offline (or with no answer in time) it is queued and its result arrives with sync. Every failure is
   * the same `card_redeem_failed`; `card_redeem_locked` carries `details.retryAfterSeconds`. Errors: signed_out,
   * not_enrolled, card_redeem_failed, card_redeem_locked, too_many_pending (offline queue per customer/terminal full).
   */
  'cards.redeem': method<RedeemOutcome>()(
    z
      .object({
        customerAccount: accountNumberSchema,
        pin: z.string().max(64),
        serial: z.string().trim().max(64).optional(),
        /** The attempt's id (UUIDv7, made by the renderer): a retry answers the first outcome. */
        redemptionId: uuidv7Schema.optional(),
      })
      .strict(),
  ),
  /** Redemptions made at this terminal, newest first, with their results. */
  'cards.redemptions': method<readonly RedemptionItem[]>()(
    z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(),
  ),
  /** Inventory stock per package (the shop's and this terminal's allocation, what is left here) and the low threshold. */
  'stock.levels': method<StockOverview>()(noInput),
  /**
   * Sells a package from this terminal's stock (no credits, no floor limits, offline too): refused before anything is
   * written when less is left than the quantity. Print when the outcome is `confirmed` or `queued`. Errors:
   * signed_out, stock_short, package_not_found, package_inactive, insufficient_tender.
   */
  'stock.sell': method<SaleCreateOutcome>()(
    z
      .object({
        packageId: uuidSchema,
        customerAccount: accountNumberSchema,
        quantity: z
          .number()
          .int()
          .min(1, 'quantity is at least 1')
          .max(100, 'quantity is at most 100')
          .default(1),
        tenderedAmount: positiveMinorSchema.optional(),
        saleId: uuidv7Schema.optional(),
      })
      .strict(),
  ),
  /**
   * Buys packages ahead (signed-in manager, online): the credits are debited once (wholesale x quantity) and the stock
   * is allocated to this terminal. `purchaseId` (UUIDv7, made by the caller) makes a retry safe. Errors: signed_out,
   * forbidden, offline, insufficient_credits, package_inactive.
   */
  'stock.purchase': method<StockPurchaseResult>()(
    z
      .object({
        packageId: uuidSchema,
        quantity: z
          .number()
          .int()
          .min(1, 'quantity is at least 1')
          .max(100_000, 'quantity is at most 100000'),
        purchaseId: uuidv7Schema,
      })
      .strict(),
  ),
  /**
   * Gives unsold stock allocated here back to the shop (signed-in manager; queued, works offline), from where it can
   * be allocated to another terminal. Errors: signed_out, forbidden, stock_short.
   */
  'stock.release': method<StockOverview>()(
    z.object({ packageId: uuidSchema, quantity: z.number().int().min(1).max(1_000_000) }).strict(),
  ),
  /** Allocates the shop's unallocated stock to a terminal (signed-in manager, online). Errors: offline, stock_unavailable. */
  'stock.allocate': method<StockOverview>()(
    z
      .object({
        packageId: uuidSchema,
        terminalId: uuidSchema,
        quantity: z.number().int().min(1).max(100_000),
        allocationId: uuidv7Schema,
      })
      .strict(),
  ),
  /** Sets the low-stock threshold (signed-in manager; 0 turns the warning off). */
  'stock.setLowThreshold': method<StockOverview>()(
    z.object({ threshold: z.number().int().min(0, 'at least 0').max(10_000, 'at most 10000') }).strict(),
  ),
  /** The terminal's local settings. */
  'settings.get': method<TerminalSettings>()(noInput),
  /** Changes some settings (signed-in manager only); answers all of them. */
  'settings.update': method<TerminalSettings>()(
    z
      .object({
        shopName: settingText(SETTINGS_LIMITS.shopNameMax, 'shop name'),
        shopAddress: settingText(SETTINGS_LIMITS.shopAddressMax, 'shop address'),
        receiptFooter: settingText(SETTINGS_LIMITS.receiptFooterMax, 'receipt footer'),
        printerName: settingText(SETTINGS_LIMITS.printerNameMax, 'printer name'),
        paperWidth,
        autoPrint: z.boolean(),
        onlineWaitMs: z
          .number()
          .int()
          .min(SETTINGS_LIMITS.onlineWaitMs.min, 'online wait is at least 500 ms')
          .max(SETTINGS_LIMITS.onlineWaitMs.max, 'online wait is at most 10000 ms'),
        autoLockMinutes: z
          .number()
          .int()
          .min(SETTINGS_LIMITS.autoLockMinutes.min, 'auto-lock is at least 0 minutes')
          .max(SETTINGS_LIMITS.autoLockMinutes.max, 'auto-lock is at most 120 minutes'),
        language: z.enum(LANGUAGE_CODES as [Language, ...Language[]], {
          message: 'not a language this app speaks',
        }),
        locale: z
          .string()
          .max(SETTINGS_LIMITS.localeMax, 'locale is too long')
          .refine(isLocaleTag, { message: 'not a locale (write it like en-US or ru-RU)' })
          .nullable(),
      })
      .partial()
      .strict(),
  ),
  /** The app's own update: checking, downloading, verified and ready, or refused (and why); may I install now? */
  'updates.state': method<UpdateState>()(noInput),
  /**
   * Installs the verified update now: the app quits and the installer runs (signed-in manager only, nothing waiting to
   * sync). Errors: updates_unmanaged (browser mode), signed_out, forbidden, update_not_installable.
   */
  'updates.install': method<UpdateState>()(noInput),
  /**
   * The reseller's credit balance as this terminal knows it: the server's view as last pulled, this terminal's pending
   * debits (outbox), the last sync and `stale` when the last contact failed. Any signed-in clerk; works offline.
   */
  'wallet.balance': method<WalletBalanceView>()(noInput),
  /**
   * Movements of the reseller's credit account, newest first, filtered by journal kind and date (signed-in manager,
   * online). Pass `next` as `before`. Errors: signed_out, forbidden, offline.
   */
  'wallet.history': method<WalletHistoryPage>()(
    walletHistoryFilter
      .extend({
        before: uuidSchema.nullable().default(null),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
  ),
  /**
   * The filtered history as CSV, one piece (a server page) per call: the first piece carries the header; call again
   * with `next` until it is null (signed-in manager, online). Errors: signed_out, forbidden, offline.
   */
  'wallet.historyCsv': method<WalletHistoryCsvPiece>()(
    walletHistoryFilter.extend({ cursor: uuidSchema.nullable().default(null) }).strict(),
  ),
  /** The closing balance of each UTC day, oldest first (signed-in manager, online). */
  'wallet.balanceHistory': method<BalanceHistory>()(
    z.object({ days: z.number().int().min(1).max(366).default(30) }).strict(),
  ),
  /** Credit packages on sale and a purchase still waiting for its answer (signed-in manager, online). */
  'wallet.packages': method<WalletPackages>()(noInput),
  /**
   * Buys a credit package now with the saved card (signed-in manager, online). The purchase id is made here and kept
   * until the central API answers, so a retry after a lost answer finishes the same purchase and never charges twice.
   * Errors: signed_out, forbidden, offline, purchase_pending (another package's purchase has no answer yet), and the
   * API's refusals (no_payment_method, not_found, ...).
   */
  'wallet.buyPackage': method<WalletPurchaseResult>()(z.object({ packageId: uuidSchema }).strict()),
  /** The reseller's saved card (token kept by the provider; brand, last4, expiry only). Manager, online. */
  'wallet.paymentMethods': method<PaymentMethods>()(noInput),
  /** Starts adding a card: answers the provider's hosted page to open (manager, online). */
  'wallet.startCardSetup': method<PaymentMethodSetup>()(noInput),
  /** Where a card setup stands (pending, completed with the saved card, expired). Manager, online. */
  'wallet.cardSetupStatus': method<PaymentMethodSetupStatus>()(z.object({ setupId: uuidSchema }).strict()),
  /** Deletes the saved card; auto top-up turns off (manager, online). */
  'wallet.deletePaymentMethod': method<PaymentMethodDeleted>()(
    z.object({ paymentMethodId: uuidSchema }).strict(),
  ),
  /** The auto top-up rules of the reseller's wallet, with their state (manager, online). */
  'wallet.autoTopUpRules': method<readonly AutoTopUpRule[]>()(noInput),
  /** Sets the auto top-up rule of a currency (the terminal's by default). Manager, online. */
  'wallet.setAutoTopUpRule': method<AutoTopUpRule>()(
    autoTopUpRuleInputSchema.extend({ currency: currencySchema.optional() }).strict(),
  ),
  /** Recent auto top-up attempts, newest first, with outcome and reason (manager, online). */
  'wallet.autoTopUpAttempts': method<readonly AutoTopUpAttempt[]>()(
    z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict(),
  ),
  /** The balance alert level and webhook (manager, online). */
  'wallet.alertSettings': method<WalletAlertSettings>()(noInput),
  /** Sets the alert level and webhook URL; `rotateSecret` answers a new signing secret once (manager, online). */
  'wallet.setAlertSettings': method<WalletAlertSettings>()(walletAlertSettingsInputSchema),
  /** The webhook delivery log, newest first (manager, online). */
  'wallet.webhookDeliveries': method<readonly WebhookDelivery[]>()(
    z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict(),
  ),
  /** The reseller's affiliates credits may be moved to (manager, online). */
  'wallet.affiliates': method<readonly WalletAffiliate[]>()(noInput),
  /**
   * Moves credits to an affiliate (manager, online). The transfer id is made here and kept until answered, so a retry
   * never moves twice. Errors: signed_out, forbidden, offline, transfer_pending, and the API's refusals.
   */
  'wallet.transfer': method<CreditTransfer>()(
    z.object({ toResellerId: uuidSchema, amount: positiveMinorSchema }).strict(),
  ),
  /** Wallet notices (alerts, auto top-ups) this terminal received on the change feed, newest first. Works offline. */
  'wallet.notices': method<readonly WalletNoticeItem[]>()(
    z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict(),
  ),
  // Shifts, the Reports screen and clerk management (issue 13), declared in their own files.
  ...shiftMethods,
  ...reportMethods,
  ...clerkAdminMethods,
} as const;

/** The map's type. */
export type Methods = typeof methods;
/** Every method name. */
export type MethodName = keyof Methods;
/** What a caller passes for method K (before validation). */
export type MethodInput<K extends MethodName> = z.input<Methods[K]['input']>;
/** What a handler receives for method K (after validation). */
export type MethodParsedInput<K extends MethodName> = z.output<Methods[K]['input']>;
/** What method K resolves to (the spec's phantom `result` is optional, so undefined is removed; null stays). */
export type MethodResult<K extends MethodName> = Exclude<Methods[K]['result'], undefined>;
/** The method names as a run-time list (the preload and the HTTP host accept only these). */
export const methodNames = Object.keys(methods) as MethodName[];

/** True when `name` is a method of the contract. */
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}
