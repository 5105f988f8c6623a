import { AppError } from '../../core/app-error';
import type { SaleRecord } from '../../core/contract/types/sales';
import { multiply, money } from '../../core/money/money';
import { MAX_CLOCK_DRIFT_MS } from '../../core/offline/offline-window';
import { accountNumberSchema, type Package, type SaleCreatePayload } from '../../core/sync/protocol';
import { commandTime } from '../ledger/command-time';

/** What a counter sale asks for, from the Sell screen or from stock. */
export interface SaleAsk {
  readonly customerAccount: string;
  readonly quantity: number;
  /** Cash the customer handed over (minor units), or none given. */
  readonly tenderedAmount?: number | undefined;
}

/** A sale checked and priced, before anything is written. */
export interface PricedSale {
  readonly pkg: Package;
  /** What the customer pays, minor units. */
  readonly retail: number;
  /** What the reseller's credit pays, minor units. */
  readonly wholesale: number;
  readonly tendered: number | null;
}

/**
 * The checks a sale from the catalog and a sale from stock share, in the order a clerk meets them: the account, the
 * quantity, the package (`pkg`, looked up by the caller; an inactive one only where `sellsInactive`, as stock that was
 * paid for is still sold), its currency against the terminal's, a price, and enough cash tendered. Throws the
 * AppError the Sell screen shows; nothing has been written.
 */
export function priceSale(
  ask: SaleAsk,
  pkg: Package | null,
  terminalCurrency: string,
  rules: { readonly sellsInactive: boolean },
): PricedSale {
  if (!accountNumberSchema.safeParse(ask.customerAccount).success)
    throw new AppError(
      'invalid_account',
      'The account number must be 4 to 20 digits, optionally starting with +.',
    );
  if (!Number.isInteger(ask.quantity) || ask.quantity < 1 || ask.quantity > 100)
    throw new AppError('invalid_quantity', 'Quantity must be 1 to 100.');
  if (!pkg) throw new AppError('package_not_found', 'This package is not in the catalog.');
  if (!pkg.active && !rules.sellsInactive)
    throw new AppError('package_inactive', 'This package is no longer sold.');
  if (pkg.currency !== terminalCurrency)
    throw new AppError('currency_mismatch', 'This package is in another currency.');
  const retail = multiply(money(pkg.retailPrice, pkg.currency), ask.quantity).amount;
  const wholesale = multiply(money(pkg.wholesalePrice, pkg.currency), ask.quantity).amount;
  if (retail <= 0) throw new AppError('invalid_amount', 'This package has no price.');
  const tendered = ask.tenderedAmount ?? null;
  if (tendered !== null && tendered < retail)
    throw new AppError('insufficient_tender', 'The amount tendered is less than the price.');
  return { pkg, retail, wholesale, tendered };
}

/** What numbers and dates a priced sale, decided inside its transaction. */
export interface SaleIds {
  readonly id: string;
  readonly saleNumber: string;
  readonly commandId: string;
  readonly clerkId: string | null;
  readonly createdAt: string;
  readonly online: boolean;
}

/**
 * A priced sale's command payload, checked by the schema of its command (`sale.create` or `stock.sale`, which share
 * these fields), and the sale row it commits as: pending an answer when online, queued when offline.
 */
export function draftSale<P extends SaleCreatePayload>(
  priced: PricedSale,
  ask: SaleAsk,
  ids: SaleIds,
  payloadSchema: { parse(data: unknown): P },
  fromStock: boolean,
): { readonly payload: P; readonly record: SaleRecord } {
  const { pkg, retail, wholesale, tendered } = priced;
  const payload = payloadSchema.parse({
    saleId: ids.id,
    saleNumber: ids.saleNumber,
    packageId: pkg.id,
    packageVersion: pkg.version,
    customerAccount: ask.customerAccount,
    quantity: ask.quantity,
    currency: pkg.currency,
    retailAmount: retail,
  });
  const record: SaleRecord = {
    id: ids.id,
    saleNumber: ids.saleNumber,
    commandId: ids.commandId,
    packageId: pkg.id,
    packageName: pkg.name,
    // As the payload carries it (the schema's normal form).
    customerAccount: payload.customerAccount,
    quantity: ask.quantity,
    currency: pkg.currency,
    retailAmount: retail,
    wholesaleAmount: wholesale,
    tenderedAmount: tendered,
    changeAmount: tendered === null ? null : tendered - retail,
    clerkId: ids.clerkId,
    createdAt: ids.createdAt,
    status: ids.online ? 'pending' : 'queued',
    serverStatus: null,
    reason: null,
    message: null,
    ...(fromStock ? { fromStock: true } : {}),
  };
  return { payload, record };
}

/**
 * The time a sale is dated, from this terminal's clock: refused (clock_wrong) when the clock reads no valid date, or
 * runs more than the allowed drift ahead of the server's (`clockOffsetMs`, server minus terminal, as last measured):
 * the server would refuse such a sale at sync, and no honest terminal sends one.
 */
export function saleTime(nowMs: number, clockOffsetMs: number | null): string {
  const iso = commandTime(nowMs, 'then sell again');
  if (clockOffsetMs !== null && clockOffsetMs < -MAX_CLOCK_DRIFT_MS)
    throw new AppError(
      'clock_wrong',
      `This terminal's clock is ${Math.round(-clockOffsetMs / 60_000)} min ahead of the server's; set the date and time, then sell again.`,
    );
  return iso;
}

/**
 * A retried sale (the same sale id) answers the first attempt only when it asks for the same sale: the same package,
 * account (in the schema's normal form, as the row keeps it) and quantity, from stock or not as before. Anything else
 * is refused (sale_id_reused) and changes nothing.
 */
export function checkSameSale(
  earlier: SaleRecord,
  ask: SaleAsk & { readonly packageId: string },
  fromStock: boolean,
): void {
  if (
    (earlier.fromStock === true) !== fromStock ||
    earlier.packageId !== ask.packageId.toLowerCase() ||
    earlier.customerAccount !==
      (accountNumberSchema.safeParse(ask.customerAccount).data ?? ask.customerAccount) ||
    earlier.quantity !== ask.quantity
  )
    throw new AppError(
      'sale_id_reused',
      `The previous attempt went through as sale ${earlier.saleNumber} (${earlier.quantity} x ${earlier.packageName}); check it in Sales before selling again.`,
      { saleId: earlier.id, saleNumber: earlier.saleNumber },
    );
}
