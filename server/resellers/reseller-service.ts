import { AppError } from '../../core/app-error';
import { uuidv7 } from '../../core/uuidv7';
import type { Database, Queryable } from '../db/database';
import { bulkInsert } from '../db/bulk-insert';
import { toIso, toIsoOrNull, toMinor } from '../db/sql-values';
import { lockCatalog } from '../catalog/catalog-lock';
import { PACKAGE_COLUMNS, packageFromRow, type PackageRow } from '../catalog/package-row';
import { writeJournal } from '../ledger/journal-writer';
import { appendChanges } from '../sync/change-feed';
import { lockReseller } from './reseller-lock';

/** A reseller as the operator API shows it. */
export interface ResellerView {
  readonly id: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly currency: string;
  /** False while the operator suspends it (its terminals are refused). */
  readonly active: boolean;
  /** When the current suspension began, or null. */
  readonly suspendedAt: string | null;
  readonly balance: number;
  readonly createdAt: string;
}

/**
 * Creates a reseller (or an affiliate when `parentId` is set) with its ledger accounts and change feed, seeded with
 * the current catalog and its zero balance.
 */
export async function createReseller(
  db: Database,
  input: { name: string; currency: string; parentId: string | null },
): Promise<ResellerView> {
  return db.transaction(async (tx) => {
    if (input.parentId) {
      const p = await tx.query('SELECT 1 FROM resellers WHERE id = $1', [input.parentId]);
      if (p.length === 0) throw new AppError('not_found', 'no such parent reseller');
    }
    const id = uuidv7();
    const acc = { credit: uuidv7(), issuance: uuidv7(), revenue: uuidv7(), grant: uuidv7() };
    await tx.query(
      `INSERT INTO resellers (id, parent_id, name, currency, credit_account_id, issuance_account_id,
                              revenue_account_id, grant_account_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, input.parentId, input.name, input.currency, acc.credit, acc.issuance, acc.revenue, acc.grant],
    );
    await bulkInsert(
      tx,
      'accounts',
      [
        { name: 'reseller_id', type: 'uuid' },
        { name: 'id', type: 'uuid' },
        { name: 'kind', type: 'text' },
        { name: 'currency', type: 'bpchar' },
      ],
      [
        [id, acc.credit, 'reseller_credit', input.currency],
        [id, acc.issuance, 'operator_issuance', input.currency],
        [id, acc.revenue, 'operator_revenue', input.currency],
        [id, acc.grant, 'grant_issuance', input.currency],
      ],
    );
    await tx.query('INSERT INTO change_counters (reseller_id) VALUES ($1)', [id]);
    await lockCatalog(tx, 'read'); // waits for a package change in flight, so the snapshot below includes it
    const pkgs = await tx.query<PackageRow>(`SELECT ${PACKAGE_COLUMNS} FROM packages ORDER BY id`);
    await appendChanges(tx, id, [
      ...pkgs.map((r) => ({ kind: 'package' as const, data: packageFromRow(r) })),
      { kind: 'balance', data: { resellerId: id, currency: input.currency, balance: 0 } },
    ]);
    return getResellerIn(tx, id);
  });
}

/** Reads one reseller with its credit balance. */
async function getResellerIn(q: Queryable, id: string): Promise<ResellerView> {
  const rows = await q.query<{
    id: string;
    parent_id: string | null;
    name: string;
    currency: string;
    active: boolean;
    suspended_at: unknown;
    balance: unknown;
    created_at: unknown;
  }>(
    `SELECT r.id, r.parent_id, r.name, r.currency, r.active, r.suspended_at, a.balance, r.created_at
       FROM resellers r JOIN accounts a ON a.reseller_id = r.id AND a.id = r.credit_account_id WHERE r.id = $1`,
    [id],
  );
  const r = rows[0];
  if (!r) throw new AppError('not_found', 'no such reseller');
  return {
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    currency: r.currency,
    active: r.active,
    suspendedAt: toIsoOrNull(r.suspended_at),
    balance: toMinor(r.balance),
    createdAt: toIso(r.created_at),
  };
}

/** Reads one reseller with its credit balance (404 when unknown). */
export function getReseller(db: Database, id: string): Promise<ResellerView> {
  return getResellerIn(db, id);
}

/** Sells credits to a reseller: one journal entry from the operator's issuance account to the reseller's wallet. */
export async function addResellerCredits(
  db: Database,
  resellerId: string,
  amount: number,
  memo: string | null,
): Promise<{ entryId: string; balance: number; currency: string }> {
  return db.transaction(async (tx) => {
    const r = await lockReseller(tx, resellerId);
    if (!Number.isSafeInteger(r.balance + amount)) {
      throw new AppError(
        'invalid_input',
        'these credits would take the balance beyond the largest amount we store',
      );
    }
    const entryId = uuidv7();
    const balances = await writeJournal(tx, resellerId, [
      {
        id: entryId,
        kind: 'credit_purchase',
        commandId: null,
        memo,
        lines: [
          { accountId: r.issuanceAccountId, amount: -amount, currency: r.currency },
          { accountId: r.creditAccountId, amount, currency: r.currency },
        ],
      },
    ]);
    const balance = balances.get(r.creditAccountId)!;
    await appendChanges(tx, resellerId, [
      { kind: 'balance', data: { resellerId, currency: r.currency, balance } },
    ]);
    return { entryId, balance, currency: r.currency };
  });
}

/** The reseller and every affiliate below it: what a terminal of `resellerId` may see. */
export async function visibleResellerIds(q: Queryable, resellerId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `WITH RECURSIVE tree AS (
       SELECT id FROM resellers WHERE id = $1
       UNION ALL SELECT r.id FROM resellers r JOIN tree t ON r.parent_id = t.id)
     SELECT id FROM tree`,
    [resellerId],
  );
  return rows.map((r) => r.id);
}
