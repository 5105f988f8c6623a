import type { Queryable } from '../db/database';
import { bulkInsert, type BulkColumn } from '../db/bulk-insert';
import type { BatchWrites, CommandRow, GrantRow, SaleRow } from './push-batch';

/** The one place named batch rows become columns: one multi-row INSERT per table. */

export const CUSTOMER_COLUMNS: readonly BulkColumn[] = [
  { name: 'reseller_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'account_number', type: 'text' },
  { name: 'wallet_account_id', type: 'uuid' },
];

export const ACCOUNT_COLUMNS: readonly BulkColumn[] = [
  { name: 'reseller_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'kind', type: 'text' },
  { name: 'customer_id', type: 'uuid' },
  { name: 'currency', type: 'bpchar' },
];

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

export const SALE_COLUMNS: readonly BulkColumn[] = [
  { name: 'reseller_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'sale_number', type: 'text' },
  { name: 'terminal_id', type: 'uuid' },
  { name: 'customer_id', type: 'uuid' },
  { name: 'customer_account', type: 'text' },
  { name: 'package_id', type: 'uuid' },
  { name: 'package_version', type: 'integer' },
  { name: 'quantity', type: 'integer' },
  { name: 'retail_amount', type: 'bigint' },
  { name: 'wholesale_amount', type: 'bigint' },
  { name: 'currency', type: 'bpchar' },
  { name: 'status', type: 'text' },
  { name: 'offline', type: 'boolean' },
  { name: 'offline_seq', type: 'bigint' },
  { name: 'command_id', type: 'uuid' },
  { name: 'entry_id', type: 'uuid' },
  { name: 'grant_id', type: 'uuid' },
  { name: 'created_at', type: 'timestamptz' },
  { name: 'from_stock', type: 'boolean' },
];

export const COMMAND_COLUMNS: readonly BulkColumn[] = [
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
];

/** Inserts customer grants. */
export async function insertGrants(
  tx: Queryable,
  resellerId: string,
  rows: readonly GrantRow[],
): Promise<void> {
  await bulkInsert(tx, 'grants', GRANT_COLUMNS, grantRows(resellerId, rows));
}

/** Grants as rows of GRANT_COLUMNS. */
export function grantRows(resellerId: string, rows: readonly GrantRow[]): unknown[][] {
  return rows.map((g) => [
    resellerId,
    g.id,
    g.customerId,
    g.amount,
    g.remaining,
    g.currency,
    g.priority,
    g.expiresAt,
    g.source,
    g.sourceId,
  ]);
}

/** Inserts sales made by one terminal (or each by the terminal its row names). */
export async function insertSales(
  tx: Queryable,
  resellerId: string,
  terminalId: string,
  rows: readonly SaleRow[],
): Promise<void> {
  await bulkInsert(tx, 'sales', SALE_COLUMNS, saleRows(resellerId, terminalId, rows));
}

/** Sales as rows of SALE_COLUMNS (each by the terminal its row names, else `terminalId`). */
export function saleRows(resellerId: string, terminalId: string, rows: readonly SaleRow[]): unknown[][] {
  return rows.map((s) => [
    resellerId,
    s.id,
    s.saleNumber,
    s.terminalId ?? terminalId,
    s.customerId,
    s.customerAccount,
    s.packageId,
    s.packageVersion,
    s.quantity,
    s.retailAmount,
    s.wholesaleAmount,
    s.currency,
    s.status,
    s.offline,
    s.offlineSeq,
    s.commandId,
    s.entryId,
    s.grantId,
    s.createdAt,
    s.fromStock === true,
  ]);
}

async function insertCommands(
  tx: Queryable,
  resellerId: string,
  terminalId: string,
  rows: readonly CommandRow[],
): Promise<void> {
  await bulkInsert(tx, 'commands', COMMAND_COLUMNS, commandRows(resellerId, terminalId, rows));
}

/** Command outcomes as rows of COMMAND_COLUMNS (each by the terminal its row names, else `terminalId`). */
export function commandRows(
  resellerId: string,
  terminalId: string,
  rows: readonly CommandRow[],
): unknown[][] {
  return rows.map((c) => [
    resellerId,
    c.id,
    c.terminalId ?? terminalId,
    c.type,
    c.hash,
    c.status,
    c.result,
    c.reason,
    c.message,
    c.offline,
    c.createdAt,
  ]);
}

/** Inserts the customers (with their wallet accounts) first seen in a batch. */
export async function insertCustomers(
  tx: Queryable,
  resellerId: string,
  currency: string,
  rows: BatchWrites['customers'],
): Promise<void> {
  await bulkInsert(
    tx,
    'customers',
    CUSTOMER_COLUMNS,
    rows.map((c) => [resellerId, c.id, c.accountNumber, c.walletId]),
  );
  await bulkInsert(
    tx,
    'accounts',
    ACCOUNT_COLUMNS,
    rows.map((c) => [resellerId, c.walletId, 'customer_wallet', c.id, currency]),
  );
}

/**
 * Writes what a batch decided besides its journal: grants, sales, command outcomes (replacing the online rejections
 * that were judged again), voids of stored sales and `sale_voids` rows. The void updates are conditional and counted:
 * a sale or grant that changed under us aborts the batch.
 */
export async function writeRecords(
  tx: Queryable,
  resellerId: string,
  terminalId: string,
  w: BatchWrites,
): Promise<void> {
  await insertGrants(tx, resellerId, w.grants);
  await insertSales(tx, resellerId, terminalId, w.sales);
  if (w.replacedCommandIds.length > 0) {
    await tx.query(
      `DELETE FROM commands WHERE reseller_id = $1 AND id = ANY($2::uuid[]) AND status = 'rejected' AND NOT offline`,
      [resellerId, w.replacedCommandIds],
    );
  }
  await insertCommands(tx, resellerId, terminalId, w.commands);
  if (w.refundedSales.length > 0) {
    const saleIds = w.refundedSales.map((r) => r.saleId);
    const grantIds = w.refundedSales.map((r) => r.grantId);
    const sales = await tx.query<{ id: string }>(
      `UPDATE sales SET status = 'refunded'
        WHERE reseller_id = $1 AND id = ANY($2::uuid[]) AND status = 'purchased' RETURNING id`,
      [resellerId, saleIds],
    );
    if (sales.length !== saleIds.length) throw new Error('voided sale changed concurrently');
    const grants = await tx.query<{ id: string }>(
      `UPDATE grants SET remaining = 0
        WHERE reseller_id = $1 AND id = ANY($2::uuid[]) AND remaining = amount RETURNING id`,
      [resellerId, grantIds],
    );
    if (grants.length !== grantIds.length) throw new Error('voided grant changed concurrently');
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
    w.saleVoids.map((v) => [resellerId, v.saleId, v.commandId, v.voided]),
  );
}
