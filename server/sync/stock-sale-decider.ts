import { MAX_CLOCK_DRIFT_MS } from '../../core/offline/offline-window';
import type { StockSalePayload, StockSaleResult } from '../../core/sync/protocol';
import { uuidv7 } from '../../core/uuidv7';
import { toMinor } from '../db/sql-values';
import type { PostingLine } from '../ledger/entry-balance';
import type { BatchStock } from '../stock/batch-stock';
import { TOP_UP_PRIORITY } from '../wallet/grant-spending-order';
import {
  customerOfBatch,
  reject,
  type BatchState,
  type CommandDecider,
  type GrantRow,
  type ParsedCommand,
  type SaleRow,
  type SaleView,
  type Verdict,
} from './push-batch';

const DAY_MS = 86_400_000;

/** A published package version as a stock sale reads it. */
interface StockVersion {
  readonly code: string;
  readonly faceValue: number;
  readonly wholesalePrice: number;
  readonly retailPrice: number;
  readonly currency: string;
  readonly validityDays: number | null;
  /** The package's version in the catalog now. */
  readonly currentVersion: number;
}

/**
 * `stock.sale`: a package sold from the terminal's inventory stock allocation. It was paid for when the reseller
 * bought the stock, so no credits move and no floor limit applies (offline included): the customer's grant is issued
 * (one journal entry: grant issuance to the customer's wallet) and the sale is `activated`. Refused only for what no
 * honest terminal sends: beyond its allocation (`stock_exceeded`), a package version never published, a price that
 * is not the version's, a sale number or id already used.
 *
 * Stock is bought at a package version (review F1): the sale takes the shop's lots first in, first out
 * (`BatchStock.consumeLots`) and the grant is issued at the face value of the units taken, the sale recording their
 * wholesale price, whatever version the terminal named. Online, the named version must be the catalog's current one
 * or one the shop bought (a superseded version is refused `catalog_changed`, as `sale.create` does); offline, any
 * published version is accepted (the offline promise; the lots price it anyway). A package the operator deactivated
 * is still sold from the stock bought of it (its inactive last version included): prepaid stock is honoured.
 */
export class StockSaleDecider implements CommandDecider<StockSalePayload> {
  private readonly versions = new Map<string, StockVersion>();
  private readonly customers = new Map<string, { id: string; walletId: string }>();

  constructor(private readonly stock: BatchStock) {}

  async load(state: BatchState, commands: readonly ParsedCommand<StockSalePayload>[]): Promise<void> {
    if (commands.length === 0) return;
    const { tx, terminal } = state;
    const { resellerId } = terminal;
    const payloads = commands.map((c) => c.payload);
    const rows = await tx.query<{
      package_id: string;
      version: number;
      code: string;
      face_value: unknown;
      wholesale_price: unknown;
      retail_price: unknown;
      currency: string;
      validity_days: number | null;
      current_version: number;
    }>(
      `SELECT DISTINCT v.package_id, v.version, p.code, v.face_value, v.wholesale_price, v.retail_price, v.currency,
              v.validity_days, p.version AS current_version
         FROM package_versions v JOIN packages p ON p.id = v.package_id
         JOIN unnest($1::uuid[], $2::int[]) AS w(package_id, version)
           ON v.package_id = w.package_id AND v.version = w.version`,
      [payloads.map((p) => p.packageId.toLowerCase()), payloads.map((p) => p.packageVersion)],
    );
    for (const r of rows)
      this.versions.set(`${r.package_id}#${Number(r.version)}`, {
        code: r.code,
        faceValue: toMinor(r.face_value),
        wholesalePrice: toMinor(r.wholesale_price),
        retailPrice: toMinor(r.retail_price),
        currency: r.currency.trim(),
        validityDays: r.validity_days === null ? null : Number(r.validity_days),
        currentVersion: Number(r.current_version),
      });
    const custRows = await tx.query<{ id: string; account_number: string; wallet_account_id: string }>(
      `SELECT id, account_number, wallet_account_id FROM customers
        WHERE reseller_id = $1 AND account_number = ANY($2::text[])`,
      [resellerId, [...new Set(payloads.map((p) => p.customerAccount))]],
    );
    for (const r of custRows)
      this.customers.set(r.account_number, { id: r.id, walletId: r.wallet_account_id });
    const used = await tx.query<{ id: string; sale_number: string }>(
      `SELECT id, sale_number FROM sales
        WHERE reseller_id = $1 AND (id = ANY($2::uuid[]) OR sale_number = ANY($3::text[]))`,
      [resellerId, payloads.map((p) => p.saleId.toLowerCase()), payloads.map((p) => p.saleNumber)],
    );
    for (const s of used) {
      state.usedSaleIds.add(s.id);
      state.usedSaleNumbers.add(s.sale_number);
    }
    const voided = await tx.query<{ sale_id: string }>(
      'SELECT sale_id FROM sale_voids WHERE reseller_id = $1 AND sale_id = ANY($2::uuid[])',
      [resellerId, payloads.map((p) => p.saleId.toLowerCase())],
    );
    for (const v of voided) state.usedSaleIds.add(v.sale_id);
    await this.stock.load(
      tx,
      resellerId,
      terminal.terminalId,
      payloads.map((p) => p.packageId),
    );
    await this.stock.loadLots(
      tx,
      resellerId,
      payloads.map((p) => p.packageId),
    );
  }

  decide(state: BatchState, { command, id, payload }: ParsedCommand<StockSalePayload>): Verdict {
    const { terminal, reseller } = state;
    if (!payload.saleNumber.startsWith(`${terminal.salePrefix}-`))
      return reject('invalid_payload', `sale numbers of this terminal start with ${terminal.salePrefix}-`);
    const saleId = payload.saleId.toLowerCase();
    if (state.usedSaleIds.has(saleId) || state.usedSaleNumbers.has(payload.saleNumber))
      return reject('sale_already_exists', 'sale id or sale number already used by another command');
    const createdAtMs = Date.parse(command.createdAt);
    if (!(createdAtMs <= state.nowMs + MAX_CLOCK_DRIFT_MS))
      return reject('invalid_command', 'the sale is dated in the future (check the terminal clock)');
    const packageId = payload.packageId.toLowerCase();
    const version = this.versions.get(`${packageId}#${payload.packageVersion}`);
    if (!version)
      return reject(
        'unknown_version',
        `package version ${payload.packageVersion} was never published (no terminal could sell at it)`,
      );
    if (
      !command.offline &&
      payload.packageVersion !== version.currentVersion &&
      !this.stock.hasLot(packageId, payload.packageVersion)
    )
      return reject(
        'catalog_changed',
        `package ${version.code} is at version ${version.currentVersion}; version ${payload.packageVersion} was never bought`,
      );
    const cur = reseller.currency.trim();
    if (payload.currency !== version.currency || version.currency !== cur)
      return reject(
        'currency_mismatch',
        `sale in ${payload.currency}, package in ${version.currency}, shop in ${cur}`,
      );
    const retail = version.retailPrice * payload.quantity;
    if (payload.retailAmount !== retail) return reject('price_mismatch', `retail amount should be ${retail}`);
    // The shop's lots always cover what allocations allow (every unit sold was bought); checked before taking.
    if (this.stock.lotsLeft(packageId) < payload.quantity)
      return reject(
        'stock_exceeded',
        `sells ${payload.quantity} x ${version.code} from stock; the shop's stock holds ${this.stock.lotsLeft(packageId)}`,
      );
    const taken = this.stock.take(terminal.terminalId, packageId, payload.quantity, 'sold');
    if (!taken.decision.ok)
      return reject(
        'stock_exceeded',
        `sells ${payload.quantity} x ${version.code} from stock; this terminal has ${taken.decision.remaining} left`,
      );
    // Priced from the lots taken (first in, first out): the face and wholesale of what was bought.
    const lots = this.stock.consumeLots(packageId, payload.quantity)!;
    const faceAmount = lots.reduce((n, t) => n + t.lot.faceValue * t.quantity, 0);
    const wholesaleAmount = lots.reduce((n, t) => n + t.lot.wholesalePrice * t.quantity, 0);
    const validities = lots.map((t) => t.lot.validityDays).filter((d): d is number => d !== null);
    const validityDays = validities.length === 0 ? null : Math.min(...validities);

    const w = state.writes;
    let customer =
      this.customers.get(payload.customerAccount) ?? customerOfBatch(state, payload.customerAccount);
    if (!customer) {
      customer = { id: uuidv7(), walletId: uuidv7() };
      w.customers.push({
        id: customer.id,
        accountNumber: payload.customerAccount,
        walletId: customer.walletId,
      });
    }
    this.customers.set(payload.customerAccount, customer);
    const entryId = uuidv7();
    const entryLines: PostingLine[] = [
      { accountId: reseller.grantAccountId, amount: -faceAmount, currency: reseller.currency },
      { accountId: customer.walletId, amount: faceAmount, currency: reseller.currency },
    ];
    w.entries.push({
      id: entryId,
      kind: 'stock_sale',
      commandId: id,
      memo: payload.saleNumber,
      lines: entryLines,
    });
    const grant: GrantRow = {
      id: uuidv7(),
      customerId: customer.id,
      amount: faceAmount,
      remaining: faceAmount,
      currency: reseller.currency,
      priority: TOP_UP_PRIORITY,
      expiresAt:
        validityDays === null
          ? null
          : new Date(Math.min(createdAtMs, state.nowMs) + validityDays * DAY_MS).toISOString(),
      source: 'sale',
      sourceId: saleId,
    };
    w.grants.push(grant);
    const sale: SaleRow = {
      id: saleId,
      saleNumber: payload.saleNumber,
      customerId: customer.id,
      customerAccount: payload.customerAccount,
      packageId,
      packageVersion: payload.packageVersion,
      quantity: payload.quantity,
      retailAmount: payload.retailAmount,
      wholesaleAmount,
      currency: reseller.currency,
      status: 'activated',
      offline: command.offline,
      offlineSeq: null,
      commandId: id,
      entryId,
      grantId: grant.id,
      createdAt: command.createdAt,
      fromStock: true,
    };
    w.sales.push(sale);
    state.usedSaleIds.add(saleId);
    state.usedSaleNumbers.add(payload.saleNumber);
    const view: SaleView = {
      saleId,
      saleNumber: payload.saleNumber,
      terminalId: terminal.terminalId,
      status: 'activated',
      customerAccount: payload.customerAccount,
      packageId,
      quantity: payload.quantity,
      retailAmount: payload.retailAmount,
      wholesaleAmount,
      currency: reseller.currency,
      createdAt: new Date(createdAtMs).toISOString(),
      grantUsed: false,
      grantExpiresAt: grant.expiresAt,
    };
    w.changes.push({ kind: 'sale', data: view }, { kind: 'stock', data: taken.level });
    const result: StockSaleResult = {
      saleId,
      saleNumber: payload.saleNumber,
      status: 'activated',
      customerId: customer.id,
      grantId: grant.id,
      remaining: taken.decision.remaining,
    };
    return { status: 'applied', result };
  }

  async write(state: BatchState): Promise<void> {
    await this.stock.write(state.tx, state.terminal.resellerId);
  }
}
