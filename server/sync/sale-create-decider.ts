import type { Package, SaleCreatePayload, SaleCreateResult } from '../../core/sync/protocol';
import { uuidv7 } from '../../core/uuidv7';
import { PACKAGE_COLUMNS, packageFromRow, type PackageRow } from '../catalog/package-row';
import { toMinor } from '../db/sql-values';
import type { PostingLine } from '../ledger/entry-balance';
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
import { decideSaleCreate, type PackageVersion } from './sale-create-decision';

const DAY_MS = 86_400_000;

/** A package_versions row as the decider reads it (with when the next version superseded it). */
interface VersionRow {
  package_id: string;
  version: number;
  face_value: unknown;
  wholesale_price: unknown;
  retail_price: unknown;
  currency: string;
  validity_days: number | null;
  active: boolean;
  superseded_at: Date | string | null;
}

/** What the decider reads for a batch's sales, one list per query. */
export interface SaleCreateRows {
  readonly packages: PackageRow[];
  readonly versions: VersionRow[];
  readonly customers: { id: string; account_number: string; wallet_account_id: string }[];
  readonly used: { id: string; sale_number: string }[];
  readonly voided: { sale_id: string }[];
}

/** `sale.create`: a direct top-up of a package to a customer's wallet (online, or honoured offline). */
export class SaleCreateDecider implements CommandDecider<SaleCreatePayload> {
  private readonly current = new Map<string, Package>();
  private readonly versions = new Map<string, PackageVersion>();
  private readonly customers = new Map<string, { id: string; walletId: string }>();

  /** `prefetched`: the rows already read for the batch's sales (a group of online sales reads them in one statement). */
  constructor(private readonly prefetched: SaleCreateRows | null = null) {}

  async load(state: BatchState, commands: readonly ParsedCommand<SaleCreatePayload>[]): Promise<void> {
    if (commands.length === 0) return;
    this.absorb(state, this.prefetched ?? (await loadRows(state, commands)));
  }

  private absorb(state: BatchState, rows: SaleCreateRows): void {
    for (const r of rows.packages) this.current.set(r.id, packageFromRow(r));
    for (const r of rows.versions) {
      this.versions.set(versionKey(r.package_id, Number(r.version)), {
        packageId: r.package_id,
        version: Number(r.version),
        faceValue: toMinor(r.face_value),
        wholesalePrice: toMinor(r.wholesale_price),
        retailPrice: toMinor(r.retail_price),
        currency: r.currency,
        validityDays: r.validity_days === null ? null : Number(r.validity_days),
        active: r.active,
        supersededAtMs: r.superseded_at === null ? null : new Date(r.superseded_at).getTime(),
      });
    }
    for (const r of rows.customers)
      this.customers.set(r.account_number, { id: r.id, walletId: r.wallet_account_id });
    for (const s of rows.used) {
      state.usedSaleIds.add(s.id);
      state.usedSaleNumbers.add(s.sale_number);
    }
    // A sale id a `sale.void` already voided can never be created (sale_voids, migration 0004).
    for (const v of rows.voided) {
      state.voidedSaleIds.add(v.sale_id);
      state.usedSaleIds.add(v.sale_id);
    }
  }
  decide(state: BatchState, { command, id, payload }: ParsedCommand<SaleCreatePayload>): Verdict {
    const { terminal, reseller } = state;
    if (!payload.saleNumber.startsWith(`${terminal.salePrefix}-`))
      return reject('invalid_payload', `sale numbers of this terminal start with ${terminal.salePrefix}-`);
    const saleId = payload.saleId.toLowerCase();
    if (state.usedSaleIds.has(saleId) || state.usedSaleNumbers.has(payload.saleNumber))
      return reject('sale_already_exists', 'sale id or sale number already used by another command');
    const claim = command.offlineClaim ?? null;
    if (claim && state.offline.has(claim.seq))
      return reject('invalid_command', `offline decision ${claim.seq} of this terminal was already used`);
    const packageId = payload.packageId.toLowerCase();
    const createdAtMs = Date.parse(command.createdAt);
    const soldVersion = payload.packageVersion ?? (claim ? 1 : (this.current.get(packageId)?.version ?? 1));
    const decision = decideSaleCreate({
      payload,
      createdAtMs,
      nowMs: state.nowMs,
      current: this.current.get(packageId) ?? null,
      sold: this.versions.get(versionKey(packageId, payload.packageVersion ?? 1)) ?? null,
      resellerCurrency: reseller.currency,
      balance: state.balance,
      offline: claim ? state.offline.context(claim, terminal) : null,
    });
    if (!decision.ok) return reject(decision.reason, decision.message);

    const w = state.writes;
    const cur = reseller.currency;
    let customer =
      this.customers.get(payload.customerAccount) ?? customerOfBatch(state, payload.customerAccount);
    if (!customer) {
      customer = { id: uuidv7(), walletId: uuidv7() };
      this.customers.set(payload.customerAccount, customer);
      w.customers.push({
        id: customer.id,
        accountNumber: payload.customerAccount,
        walletId: customer.walletId,
      });
    }
    const entryId = uuidv7();
    const entryLines: PostingLine[] = [
      { accountId: reseller.creditAccountId, amount: -decision.wholesaleAmount, currency: cur },
      { accountId: reseller.revenueAccountId, amount: decision.wholesaleAmount, currency: cur },
      { accountId: reseller.grantAccountId, amount: -decision.faceAmount, currency: cur },
      { accountId: customer.walletId, amount: decision.faceAmount, currency: cur },
    ];
    w.entries.push({ id: entryId, kind: 'sale', commandId: id, memo: payload.saleNumber, lines: entryLines });
    const grant: GrantRow = {
      id: uuidv7(),
      customerId: customer.id,
      amount: decision.faceAmount,
      remaining: decision.faceAmount,
      currency: cur,
      priority: TOP_UP_PRIORITY,
      expiresAt:
        decision.validityDays === null
          ? null
          : new Date(Math.min(createdAtMs, state.nowMs) + decision.validityDays * DAY_MS).toISOString(),
      source: 'sale',
      sourceId: saleId,
    };
    w.grants.push(grant);
    const sale: SaleRow = {
      id: saleId,
      saleNumber: payload.saleNumber,
      terminalId: terminal.terminalId,
      customerId: customer.id,
      customerAccount: payload.customerAccount,
      packageId,
      packageVersion: soldVersion,
      quantity: payload.quantity,
      retailAmount: payload.retailAmount,
      wholesaleAmount: decision.wholesaleAmount,
      currency: cur,
      status: 'purchased',
      offline: command.offline,
      offlineSeq: claim?.seq ?? null,
      commandId: id,
      entryId,
      grantId: grant.id,
      createdAt: command.createdAt,
    };
    w.sales.push(sale);
    state.usedSaleIds.add(saleId);
    state.usedSaleNumbers.add(payload.saleNumber);
    state.balance -= decision.wholesaleAmount;
    if (claim) state.offline.add(claim.seq, payload.retailAmount);
    const view: SaleView = {
      saleId,
      saleNumber: payload.saleNumber,
      terminalId: terminal.terminalId,
      status: 'purchased',
      customerAccount: payload.customerAccount,
      packageId,
      quantity: payload.quantity,
      retailAmount: payload.retailAmount,
      wholesaleAmount: decision.wholesaleAmount,
      currency: cur,
      createdAt: new Date(createdAtMs).toISOString(),
      grantUsed: false,
      grantExpiresAt: grant.expiresAt,
    };
    w.changes.push({ kind: 'sale', data: view });
    state.knownSales.set(saleId, {
      status: 'purchased',
      terminalId: terminal.terminalId,
      offline: command.offline,
      createdAtMs,
      receivedAtMs: state.nowMs,
      grantId: grant.id,
      grantAmount: decision.faceAmount,
      grantRemaining: decision.faceAmount,
      entryLines,
      view,
      pending: { sale, grant },
    });
    const result: SaleCreateResult = {
      saleId,
      saleNumber: payload.saleNumber,
      status: 'purchased',
      wholesaleAmount: decision.wholesaleAmount,
      currency: cur,
      customerId: customer.id,
      grantId: grant.id,
      resellerBalance: state.balance,
    };
    return { status: 'applied', result };
  }
}

function versionKey(packageId: string, version: number): string {
  return `${packageId}#${version}`;
}

/** The decider's own loads: one query per table, by the batch's packages, customers and sale ids and numbers. */
async function loadRows(
  state: BatchState,
  commands: readonly ParsedCommand<SaleCreatePayload>[],
): Promise<SaleCreateRows> {
  const { tx, terminal } = state;
  const { resellerId } = terminal;
  const payloads = commands.map((c) => c.payload);
  const packageIds = [...new Set(payloads.map((p) => p.packageId.toLowerCase()))];
  const packages = await tx.query<PackageRow>(
    `SELECT ${PACKAGE_COLUMNS} FROM packages WHERE id = ANY($1::uuid[])`,
    [packageIds],
  );
  const versions = await tx.query<VersionRow>(
    `SELECT DISTINCT v.package_id, v.version, v.face_value, v.wholesale_price, v.retail_price, v.currency,
            v.validity_days, v.active, n.created_at AS superseded_at
       FROM package_versions v JOIN unnest($1::uuid[], $2::int[]) AS w(package_id, version)
         ON v.package_id = w.package_id AND v.version = w.version
       LEFT JOIN package_versions n ON n.package_id = v.package_id AND n.version = v.version + 1`,
    [payloads.map((p) => p.packageId.toLowerCase()), payloads.map((p) => p.packageVersion ?? 1)],
  );
  const customers = await tx.query<{ id: string; account_number: string; wallet_account_id: string }>(
    `SELECT id, account_number, wallet_account_id FROM customers
      WHERE reseller_id = $1 AND account_number = ANY($2::text[])`,
    [resellerId, [...new Set(payloads.map((p) => p.customerAccount))]],
  );
  const used = await tx.query<{ id: string; sale_number: string }>(
    `SELECT id, sale_number FROM sales
      WHERE reseller_id = $1 AND (id = ANY($2::uuid[]) OR sale_number = ANY($3::text[]))`,
    [resellerId, payloads.map((p) => p.saleId.toLowerCase()), payloads.map((p) => p.saleNumber)],
  );
  const voided = await tx.query<{ sale_id: string }>(
    'SELECT sale_id FROM sale_voids WHERE reseller_id = $1 AND sale_id = ANY($2::uuid[])',
    [resellerId, payloads.map((p) => p.saleId.toLowerCase())],
  );
  return { packages, versions, customers, used, voided };
}
