import {
  commandPayloadSchemas,
  type CommandOutcome,
  type FloorLimits,
  type OutboxCommand,
  type RejectReason,
  type SaleCreateResult,
  type SaleStatus,
  type SaleVoidPayload,
  type SaleVoidResult,
} from '../../core/sync/protocol';
import { uuidv7 } from '../../core/uuidv7';
import { PACKAGE_COLUMNS, packageFromRow, type PackageRow } from '../catalog/package-row';
import type { Database, Queryable } from '../db/database';
import { bulkInsert, type BulkColumn } from '../db/bulk-insert';
import { toMinor } from '../db/sql-values';
import type { PostingLine } from '../ledger/entry-balance';
import type { JournalEntryDraft } from '../ledger/journal-writer';
import { writeJournal } from '../ledger/journal-writer';
import { lockReseller } from '../resellers/reseller-lock';
import { TOP_UP_PRIORITY } from '../wallet/grant-spending-order';
import { appendChanges, type ChangeDraft } from './change-feed';
import { commandHash } from './command-hash';
import { decideSaleCreate } from './sale-create-decision';
import { decideSaleVoid, reversalLines } from './sale-void-decision';

/** The terminal pushing, as its token established. */
export interface PushingTerminal {
  readonly resellerId: string;
  readonly terminalId: string;
}

/** The first outcome of a command, as stored and repeated for every replay. */
interface FirstOutcome {
  readonly hash: string;
  readonly status: 'applied' | 'rejected';
  readonly result: unknown;
  readonly reason: RejectReason | null;
  readonly message: string | null;
}

/** Rows collected while deciding a batch, written afterwards with one multi-row INSERT per table. */
interface BatchWrites {
  customers: unknown[][];
  accounts: unknown[][];
  entries: JournalEntryDraft[];
  grants: unknown[][];
  sales: unknown[][];
  /** Stored sales a `sale.void` of this batch reversed: set to `refunded`. */
  refundedSaleIds: string[];
  /** Stored grants a `sale.void` of this batch revoked: remaining set to 0. */
  revokedGrantIds: string[];
  /** `sale_voids` rows: reseller, sale id, command id, voided. */
  saleVoids: unknown[][];
  commands: unknown[][];
  changes: ChangeDraft[];
}

/** A sale as the change feed shows it. */
type SaleView = Extract<ChangeDraft, { kind: 'sale' }>['data'];

/**
 * What a `sale.void` needs to know about a sale of this reseller, either stored or created earlier in this batch
 * (then `pending` holds its rows, still in memory, which the void edits before they are written).
 */
interface KnownSale {
  status: SaleStatus;
  readonly grantId: string;
  readonly grantAmount: number;
  grantRemaining: number;
  readonly entryLines: readonly PostingLine[];
  readonly view: SaleView;
  readonly pending: { readonly saleRow: unknown[]; readonly grantRow: unknown[] } | null;
}

/** Positions in a sales row (SALE_COLUMNS) and a grant row (GRANT_COLUMNS) that a void of a pending sale edits. */
const SALE_STATUS_COL = 11;
const GRANT_REMAINING_COL = 4;

const DAY_MS = 86_400_000;

/** Repeats a stored first outcome as the `duplicate` answer. */
function duplicateOf(id: string, first: FirstOutcome): CommandOutcome {
  return first.status === 'applied'
    ? { id, status: 'duplicate', original: 'applied', result: first.result }
    : { id, status: 'duplicate', original: 'rejected', reason: first.reason!, message: first.message ?? '' };
}

/**
 * Applies a batch of outbox commands for one terminal in one transaction (one durable commit per batch).
 * The reseller's credit row is locked once at the start, which serializes batches of that reseller across processes,
 * so each command is applied exactly once, keyed by (reseller, command id). Every command is decided in memory
 * against the running state, then all rows are written with one multi-row INSERT per table and one balance UPDATE.
 * A rejected command has no effect beyond its stored outcome, so each command is atomic within the batch.
 */
export async function pushCommands(
  db: Database,
  terminal: PushingTerminal,
  commands: readonly OutboxCommand[],
): Promise<CommandOutcome[]> {
  const hashes = commands.map((c) => commandHash(c.type, c.payload));
  return db.transaction((tx) => applyBatch(tx, terminal, commands, hashes));
}

async function applyBatch(
  tx: Queryable,
  terminal: PushingTerminal,
  commands: readonly OutboxCommand[],
  hashes: readonly string[],
): Promise<CommandOutcome[]> {
  const { resellerId, terminalId } = terminal;
  const reseller = await lockReseller(tx, resellerId);
  const termRows = await tx.query<{
    per_sale_max: unknown;
    total_offline_max: unknown;
    max_hours_since_sync: number;
    last_sync_at: Date | string;
    sale_prefix: string;
  }>(
    `SELECT per_sale_max, total_offline_max, max_hours_since_sync, last_sync_at, sale_prefix
       FROM terminals WHERE reseller_id = $1 AND id = $2`,
    [resellerId, terminalId],
  );
  const term = termRows[0];
  if (!term) throw new Error('terminal vanished');
  const floorLimits: FloorLimits = {
    perSaleMax: toMinor(term.per_sale_max),
    totalOfflineMax: toMinor(term.total_offline_max),
    maxHoursSinceSync: Number(term.max_hours_since_sync),
  };
  const lastSyncAtMs = new Date(term.last_sync_at).getTime();

  const seen = new Map<string, FirstOutcome>();
  const priorRows = await tx.query<{
    id: string;
    payload_hash: string;
    status: 'applied' | 'rejected';
    result: unknown;
    reason: RejectReason | null;
    message: string | null;
  }>(
    'SELECT id, payload_hash, status, result, reason, message FROM commands WHERE reseller_id = $1 AND id = ANY($2::uuid[])',
    [resellerId, [...new Set(commands.map((c) => c.id.toLowerCase()))]],
  );
  for (const p of priorRows) {
    seen.set(p.id, {
      hash: p.payload_hash,
      status: p.status,
      result: p.result,
      reason: p.reason,
      message: p.message,
    });
  }

  // Parse every payload first so the state the batch needs is loaded in a few set queries.
  const saleSchema = commandPayloadSchemas['sale.create'];
  const voidSchema = commandPayloadSchemas['sale.void'];
  const parsed = commands.map((c) =>
    c.type === 'sale.create'
      ? { type: 'sale.create' as const, r: saleSchema.safeParse(c.payload) }
      : c.type === 'sale.void'
        ? { type: 'sale.void' as const, r: voidSchema.safeParse(c.payload) }
        : null,
  );
  const sales = parsed.flatMap((p) => (p?.type === 'sale.create' && p.r.success ? [p.r.data] : []));
  const voids = parsed.flatMap((p) => (p?.type === 'sale.void' && p.r.success ? [p.r.data] : []));
  const pkgRows = await tx.query<PackageRow>(
    `SELECT ${PACKAGE_COLUMNS} FROM packages WHERE id = ANY($1::uuid[])`,
    [[...new Set(sales.map((s) => s.packageId))]],
  );
  const packages = new Map(pkgRows.map((r) => [r.id, packageFromRow(r)]));
  const custRows = await tx.query<{ id: string; account_number: string; wallet_account_id: string }>(
    `SELECT id, account_number, wallet_account_id FROM customers
      WHERE reseller_id = $1 AND account_number = ANY($2::text[])`,
    [resellerId, [...new Set(sales.map((s) => s.customerAccount))]],
  );
  const customers = new Map(
    custRows.map((r) => [r.account_number, { id: r.id, walletId: r.wallet_account_id }]),
  );
  const usedSales = await tx.query<{ id: string; sale_number: string }>(
    `SELECT id, sale_number FROM sales WHERE reseller_id = $1 AND (id = ANY($2::uuid[]) OR sale_number = ANY($3::text[]))`,
    [resellerId, sales.map((s) => s.saleId.toLowerCase()), sales.map((s) => s.saleNumber)],
  );
  const usedSaleIds = new Set(usedSales.map((s) => s.id));
  const usedSaleNumbers = new Set(usedSales.map((s) => s.sale_number));
  // A sale id a `sale.void` already voided can never be created (sale_voids, migration 0004).
  const voidedRows = await tx.query<{ sale_id: string }>(
    'SELECT sale_id FROM sale_voids WHERE reseller_id = $1 AND sale_id = ANY($2::uuid[])',
    [resellerId, [...new Set([...sales, ...voids].map((s) => s.saleId.toLowerCase()))]],
  );
  const voidedSaleIds = new Set(voidedRows.map((r) => r.sale_id));
  for (const v of voidedSaleIds) usedSaleIds.add(v);
  const knownSales = await loadVoidableSales(tx, resellerId, [
    ...new Set(voids.map((v) => v.saleId.toLowerCase())),
  ]);
  const offlineRows = await tx.query<{ total: unknown }>(
    `SELECT coalesce(sum(retail_amount), 0) AS total FROM sales
      WHERE reseller_id = $1 AND terminal_id = $2 AND offline AND (created_at >= $3 OR received_at >= $3)`,
    [resellerId, terminalId, term.last_sync_at],
  );
  let offlineTotal = toMinor(offlineRows[0]!.total);
  // However often terminals sync, offline sales may take the reseller no further below zero than all its terminals'
  // offline allowances together: honest offline selling never needs more, and a lying or broken terminal is capped.
  const capRows = await tx.query<{ cap: unknown }>(
    'SELECT coalesce(sum(total_offline_max), 0) AS cap FROM terminals WHERE reseller_id = $1',
    [resellerId],
  );
  const offlineOverdraftCap = toMinor(capRows[0]!.cap);
  let balance = reseller.balance;
  const nowMs = Date.now();

  const w: BatchWrites = {
    customers: [],
    accounts: [],
    entries: [],
    grants: [],
    sales: [],
    refundedSaleIds: [],
    revokedGrantIds: [],
    saleVoids: [],
    commands: [],
    changes: [],
  };
  const outcomes: CommandOutcome[] = [];

  commands.forEach((cmd, i) => {
    const id = cmd.id.toLowerCase();
    const hash = hashes[i]!;
    const first = seen.get(id);
    if (first) {
      outcomes.push(
        first.hash === hash
          ? duplicateOf(cmd.id, first)
          : {
              id: cmd.id,
              status: 'rejected',
              reason: 'id_reused_with_different_payload',
              message: 'this command id was already used for a different command',
            },
      );
      return;
    }
    const reject = (reason: RejectReason, message: string): void => {
      outcomes.push({ id: cmd.id, status: 'rejected', reason, message });
      seen.set(id, { hash, status: 'rejected', result: null, reason, message });
      w.commands.push([
        resellerId,
        id,
        terminalId,
        cmd.type,
        hash,
        'rejected',
        null,
        reason,
        message,
        cmd.offline,
        cmd.createdAt,
      ]);
    };
    const accept = (result: unknown): void => {
      outcomes.push({ id: cmd.id, status: 'applied', result });
      seen.set(id, { hash, status: 'applied', result, reason: null, message: null });
      w.commands.push([
        resellerId,
        id,
        terminalId,
        cmd.type,
        hash,
        'applied',
        result,
        null,
        null,
        cmd.offline,
        cmd.createdAt,
      ]);
    };
    const rejectInvalid = (error: { issues: readonly { path: PropertyKey[]; message: string }[] }): void => {
      const issue = error.issues[0];
      reject(
        'invalid_payload',
        issue ? `${issue.path.map(String).join('.') || 'payload'}: ${issue.message}` : 'invalid payload',
      );
    };
    if (!Object.hasOwn(commandPayloadSchemas, cmd.type))
      return reject('unknown_command_type', `unknown command type ${cmd.type}`);
    const p = parsed[i];
    if (!p) return reject('unknown_command_type', `unknown command type ${cmd.type}`);
    if (p.type === 'sale.void') {
      if (!p.r.success) return rejectInvalid(p.r.error);
      return applyVoid(p.r.data, id, reject, accept);
    }
    if (!p.r.success) return rejectInvalid(p.r.error);
    const payload = p.r.data;
    if (!payload.saleNumber.startsWith(`${term.sale_prefix}-`)) {
      return reject('invalid_payload', `sale numbers of this terminal start with ${term.sale_prefix}-`);
    }
    const saleId = payload.saleId.toLowerCase();
    if (usedSaleIds.has(saleId) || usedSaleNumbers.has(payload.saleNumber)) {
      return reject('sale_already_exists', 'sale id or sale number already used by another command');
    }
    const createdAtMs = Date.parse(cmd.createdAt);
    const decision = decideSaleCreate({
      payload,
      offline: cmd.offline,
      createdAtMs,
      pkg: packages.get(payload.packageId.toLowerCase()) ?? null,
      resellerCurrency: reseller.currency,
      balance,
      floorLimits,
      offlineTotal,
      lastSyncAtMs,
      nowMs,
      offlineOverdraftCap,
    });
    if (!decision.ok) return reject(decision.reason, decision.message);
    const pkg = packages.get(payload.packageId.toLowerCase())!;

    let customer = customers.get(payload.customerAccount);
    if (!customer) {
      customer = { id: uuidv7(), walletId: uuidv7() };
      customers.set(payload.customerAccount, customer);
      w.customers.push([resellerId, customer.id, payload.customerAccount, customer.walletId]);
      w.accounts.push([resellerId, customer.walletId, 'customer_wallet', customer.id, reseller.currency]);
    }
    const entryId = uuidv7();
    const grantId = uuidv7();
    const cur = reseller.currency;
    const entryLines: PostingLine[] = [
      { accountId: reseller.creditAccountId, amount: -decision.wholesaleAmount, currency: cur },
      { accountId: reseller.revenueAccountId, amount: decision.wholesaleAmount, currency: cur },
      { accountId: reseller.grantAccountId, amount: -decision.faceAmount, currency: cur },
      { accountId: customer.walletId, amount: decision.faceAmount, currency: cur },
    ];
    w.entries.push({ id: entryId, kind: 'sale', commandId: id, memo: payload.saleNumber, lines: entryLines });
    const expiresAt =
      pkg.validityDays === null
        ? null
        : new Date(Math.min(createdAtMs, nowMs) + pkg.validityDays * DAY_MS).toISOString();
    const grantRow: unknown[] = [
      resellerId,
      grantId,
      customer.id,
      decision.faceAmount,
      decision.faceAmount,
      cur,
      TOP_UP_PRIORITY,
      expiresAt,
      'sale',
      saleId,
    ];
    w.grants.push(grantRow);
    const saleRow: unknown[] = [
      resellerId,
      saleId,
      payload.saleNumber,
      terminalId,
      customer.id,
      payload.customerAccount,
      pkg.id,
      payload.quantity,
      payload.retailAmount,
      decision.wholesaleAmount,
      cur,
      'purchased',
      cmd.offline,
      id,
      entryId,
      grantId,
      cmd.createdAt,
    ];
    w.sales.push(saleRow);
    usedSaleIds.add(saleId);
    usedSaleNumbers.add(payload.saleNumber);
    balance -= decision.wholesaleAmount;
    if (cmd.offline) offlineTotal += payload.retailAmount;
    const result: SaleCreateResult = {
      saleId,
      saleNumber: payload.saleNumber,
      status: 'purchased',
      wholesaleAmount: decision.wholesaleAmount,
      currency: cur,
      customerId: customer.id,
      grantId,
      resellerBalance: balance,
    };
    const view: SaleView = {
      saleId,
      saleNumber: payload.saleNumber,
      terminalId,
      status: 'purchased',
      customerAccount: payload.customerAccount,
      packageId: pkg.id,
      quantity: payload.quantity,
      retailAmount: payload.retailAmount,
      wholesaleAmount: decision.wholesaleAmount,
      currency: cur,
      createdAt: new Date(createdAtMs).toISOString(),
    };
    w.changes.push({ kind: 'sale', data: view });
    knownSales.set(saleId, {
      status: 'purchased',
      grantId,
      grantAmount: decision.faceAmount,
      grantRemaining: decision.faceAmount,
      entryLines,
      view,
      pending: { saleRow, grantRow },
    });
    accept(result);
  });

  /**
   * `sale.void`: reverses a purchased sale whose grant is untouched (stored, or created earlier in this batch), or
   * records a tombstone when this reseller has no such sale so that sale can never be created later.
   */
  function applyVoid(
    payload: SaleVoidPayload,
    commandId: string,
    reject: (reason: RejectReason, message: string) => void,
    accept: (result: unknown) => void,
  ): void {
    const saleId = payload.saleId.toLowerCase();
    const sale = knownSales.get(saleId) ?? null;
    const decision = decideSaleVoid(sale);
    if (decision.kind === 'reject') return reject(decision.reason, decision.message);
    if (decision.kind === 'nothing' || !sale) {
      if (!voidedSaleIds.has(saleId)) {
        voidedSaleIds.add(saleId);
        usedSaleIds.add(saleId);
        w.saleVoids.push([resellerId, saleId, commandId, false]);
      }
      const nothing: SaleVoidResult = { saleId, voided: false, resellerBalance: balance };
      return accept(nothing);
    }
    const lines = reversalLines(sale.entryLines);
    w.entries.push({ id: uuidv7(), kind: 'sale_void', commandId, memo: sale.view.saleNumber, lines });
    for (const l of lines) if (l.accountId === reseller.creditAccountId) balance += l.amount;
    sale.status = 'refunded';
    sale.grantRemaining = 0;
    if (sale.pending) {
      sale.pending.saleRow[SALE_STATUS_COL] = 'refunded';
      sale.pending.grantRow[GRANT_REMAINING_COL] = 0;
    } else {
      w.refundedSaleIds.push(saleId);
      w.revokedGrantIds.push(sale.grantId);
    }
    if (!voidedSaleIds.has(saleId)) {
      voidedSaleIds.add(saleId);
      w.saleVoids.push([resellerId, saleId, commandId, true]);
    }
    w.changes.push({ kind: 'sale', data: { ...sale.view, status: 'refunded' } });
    const result: SaleVoidResult = { saleId, voided: true, resellerBalance: balance };
    accept(result);
  }

  await writeBatch(tx, resellerId, w);
  if (w.entries.length > 0) {
    const balances = await writeJournal(tx, resellerId, w.entries);
    const finalBalance = balances.get(reseller.creditAccountId);
    if (finalBalance !== balance)
      throw new Error(`balance drift: ledger ${finalBalance}, expected ${balance}`);
    w.changes.push({ kind: 'balance', data: { resellerId, currency: reseller.currency, balance } });
  }
  await writeRecords(tx, w);
  await writeVoids(tx, resellerId, w);
  await appendChanges(tx, resellerId, w.changes);
  return outcomes;
}

/**
 * Loads the stored sales of this reseller that `sale.void` commands name, with their grant and their entry's postings.
 * Another reseller's sale is simply not found.
 */
async function loadVoidableSales(
  tx: Queryable,
  resellerId: string,
  saleIds: readonly string[],
): Promise<Map<string, KnownSale>> {
  const out = new Map<string, KnownSale>();
  if (saleIds.length === 0) return out;
  const rows = await tx.query<{
    id: string;
    sale_number: string;
    terminal_id: string;
    status: SaleStatus;
    customer_account: string;
    package_id: string;
    quantity: number;
    retail_amount: unknown;
    wholesale_amount: unknown;
    currency: string;
    created_at: Date | string;
    entry_id: string;
    grant_id: string;
    grant_amount: unknown;
    grant_remaining: unknown;
  }>(
    `SELECT s.id, s.sale_number, s.terminal_id, s.status, s.customer_account, s.package_id, s.quantity,
            s.retail_amount, s.wholesale_amount, s.currency, s.created_at, s.entry_id, s.grant_id,
            g.amount AS grant_amount, g.remaining AS grant_remaining
       FROM sales s JOIN grants g ON g.reseller_id = s.reseller_id AND g.id = s.grant_id
      WHERE s.reseller_id = $1 AND s.id = ANY($2::uuid[])`,
    [resellerId, saleIds],
  );
  if (rows.length === 0) return out;
  const postings = await tx.query<{
    entry_id: string;
    account_id: string;
    amount: unknown;
    currency: string;
  }>(
    `SELECT entry_id, account_id, amount, currency FROM postings
      WHERE reseller_id = $1 AND entry_id = ANY($2::uuid[]) ORDER BY entry_id, line`,
    [resellerId, rows.map((r) => r.entry_id)],
  );
  const linesByEntry = new Map<string, PostingLine[]>();
  for (const p of postings) {
    const lines = linesByEntry.get(p.entry_id) ?? [];
    lines.push({ accountId: p.account_id, amount: toMinor(p.amount), currency: p.currency });
    linesByEntry.set(p.entry_id, lines);
  }
  for (const r of rows) {
    out.set(r.id, {
      status: r.status,
      grantId: r.grant_id,
      grantAmount: toMinor(r.grant_amount),
      grantRemaining: toMinor(r.grant_remaining),
      entryLines: linesByEntry.get(r.entry_id) ?? [],
      view: {
        saleId: r.id,
        saleNumber: r.sale_number,
        terminalId: r.terminal_id,
        status: r.status,
        customerAccount: r.customer_account,
        packageId: r.package_id,
        quantity: Number(r.quantity),
        retailAmount: toMinor(r.retail_amount),
        wholesaleAmount: toMinor(r.wholesale_amount),
        currency: r.currency,
        createdAt: new Date(r.created_at).toISOString(),
      },
      pending: null,
    });
  }
  return out;
}

/**
 * Writes what the batch's `sale.void` commands decided for stored sales (status `refunded`, grant revoked) and their
 * `sale_voids` rows. The updates are conditional and counted: a sale or grant that changed under us aborts the batch.
 */
async function writeVoids(tx: Queryable, resellerId: string, w: BatchWrites): Promise<void> {
  if (w.refundedSaleIds.length > 0) {
    const sales = await tx.query<{ id: string }>(
      `UPDATE sales SET status = 'refunded'
        WHERE reseller_id = $1 AND id = ANY($2::uuid[]) AND status = 'purchased' RETURNING id`,
      [resellerId, w.refundedSaleIds],
    );
    if (sales.length !== w.refundedSaleIds.length) throw new Error('voided sale changed concurrently');
    const grants = await tx.query<{ id: string }>(
      `UPDATE grants SET remaining = 0
        WHERE reseller_id = $1 AND id = ANY($2::uuid[]) AND remaining = amount RETURNING id`,
      [resellerId, w.revokedGrantIds],
    );
    if (grants.length !== w.revokedGrantIds.length) throw new Error('voided grant changed concurrently');
  }
  await bulkInsert(
    tx,
    'sale_voids',
    [
      { name: 'reseller_id', type: 'uuid' },
      { name: 'sale_id', type: 'uuid' },
      { name: 'command_id', type: 'uuid' },
      { name: 'voided', type: 'boolean' },
    ],
    w.saleVoids,
  );
}

/** Inserts the customers and wallet accounts first seen in this batch. */
async function writeBatch(tx: Queryable, _resellerId: string, w: BatchWrites): Promise<void> {
  await bulkInsert(
    tx,
    'customers',
    [
      { name: 'reseller_id', type: 'uuid' },
      { name: 'id', type: 'uuid' },
      { name: 'account_number', type: 'text' },
      { name: 'wallet_account_id', type: 'uuid' },
    ],
    w.customers,
  );
  await bulkInsert(
    tx,
    'accounts',
    [
      { name: 'reseller_id', type: 'uuid' },
      { name: 'id', type: 'uuid' },
      { name: 'kind', type: 'text' },
      { name: 'customer_id', type: 'uuid' },
      { name: 'currency', type: 'bpchar' },
    ],
    w.accounts,
  );
}

/** Inserts the grants, sales and command outcomes of a batch. */
async function writeRecords(tx: Queryable, w: BatchWrites): Promise<void> {
  await bulkInsert(tx, 'grants', GRANT_COLUMNS, w.grants);
  await bulkInsert(tx, 'sales', SALE_COLUMNS, w.sales);
  await bulkInsert(
    tx,
    'commands',
    [
      { name: 'reseller_id', type: 'uuid' },
      { name: 'id', type: 'uuid' },
      { name: 'terminal_id', type: 'uuid' },
      { name: 'type', type: 'text' },
      { name: 'payload_hash', type: 'text' },
      { name: 'status', type: 'text' },
      { name: 'result', type: 'jsonb' },
      { name: 'reason', type: 'text' },
      { name: 'message', type: 'text' },
      { name: 'offline', type: 'boolean' },
      { name: 'created_at', type: 'timestamptz' },
    ],
    w.commands,
  );
}

/** The columns of a customer grant row, in bulk-insert order (shared with the sync-push benchmark's baseline). */
export const GRANT_COLUMNS: readonly BulkColumn[] = [
  { name: 'reseller_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'customer_id', type: 'uuid' },
  { name: 'amount', type: 'bigint' },
  { name: 'remaining', type: 'bigint' },
  { name: 'currency', type: 'bpchar' },
  { name: 'priority', type: 'integer' },
  { name: 'expires_at', type: 'timestamptz' },
  { name: 'source', type: 'text' },
  { name: 'source_id', type: 'uuid' },
];

/** Columns of a sales row in the order the push service builds them. */
export const SALE_COLUMNS = [
  { name: 'reseller_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'sale_number', type: 'text' },
  { name: 'terminal_id', type: 'uuid' },
  { name: 'customer_id', type: 'uuid' },
  { name: 'customer_account', type: 'text' },
  { name: 'package_id', type: 'uuid' },
  { name: 'quantity', type: 'integer' },
  { name: 'retail_amount', type: 'bigint' },
  { name: 'wholesale_amount', type: 'bigint' },
  { name: 'currency', type: 'bpchar' },
  { name: 'status', type: 'text' },
  { name: 'offline', type: 'boolean' },
  { name: 'command_id', type: 'uuid' },
  { name: 'entry_id', type: 'uuid' },
  { name: 'grant_id', type: 'uuid' },
  { name: 'created_at', type: 'timestamptz' },
] as const;
