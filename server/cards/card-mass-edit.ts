import { AppError } from '../../core/app-error';
import type { EditCardsResult } from '../../core/cards/card-schemas';
import type { Database } from '../db/database';
import type { CardTarget } from './card-deletion';
import { appendCardChanges } from './card-feed';
import { cardFilterSql } from './card-filter';

/** A mass edit's changes: each field preserved or set. */
export interface CardEdit {
  readonly expiresAt: { readonly mode: 'preserve' } | { readonly mode: 'set'; readonly value: string };
}

/**
 * Applies a mass edit to the targeted cards of the given owners in one transaction. Only new cards change; activated,
 * expired and void ones are skipped and counted by status. A new expiry must lie in the future (expiring cards early
 * is the expiry job's business, which returns their value).
 */
export async function editCards(
  db: Database,
  ownerIds: readonly string[],
  target: CardTarget,
  edit: CardEdit,
): Promise<EditCardsResult> {
  if (edit.expiresAt.mode === 'set' && Date.parse(edit.expiresAt.value) <= Date.now())
    throw new AppError('invalid_input', 'a new expiry date must be in the future');
  /** The target as WHERE conditions on alias `c`, parameters numbered from `first`. */
  const targetSql = (first: number): { sql: string; params: unknown[] } =>
    target.kind === 'filter'
      ? cardFilterSql(target.filter, first)
      : target.kind === 'ids'
        ? { sql: `c.id = ANY($${first}::uuid[])`, params: [target.ids.map((id) => id.toLowerCase())] }
        : { sql: 'true', params: [] };
  return db.transaction(async (tx) => {
    let changed = 0;
    if (edit.expiresAt.mode === 'set') {
      const where = targetSql(3);
      const rows = await tx.query<{ id: string; reseller_id: string }>(
        `UPDATE cards c SET expires_at = $2::timestamptz
          WHERE c.reseller_id = ANY($1::uuid[]) AND c.status = 'new' AND c.expires_at > now() AND ${where.sql}
         RETURNING c.id, c.reseller_id`,
        [ownerIds, edit.expiresAt.value, ...where.params],
      );
      changed = rows.length;
      const byOwner = new Map<string, string[]>();
      for (const r of rows) {
        const ids = byOwner.get(r.reseller_id) ?? [];
        ids.push(r.id);
        byOwner.set(r.reseller_id, ids);
      }
      for (const [owner, ids] of byOwner) await appendCardChanges(tx, owner, { ids });
    }
    const where = targetSql(2);
    // Cards past their date that the job has not marked yet count as expired too.
    const skipped = await tx.query<{ status: string; n: number }>(
      `SELECT CASE WHEN c.status = 'new' AND c.expires_at <= now() THEN 'expired' ELSE c.status END AS status,
              count(*)::int AS n
         FROM cards c WHERE c.reseller_id = ANY($1::uuid[]) AND ${where.sql}
        GROUP BY 1`,
      [ownerIds, ...where.params],
    );
    const by = new Map(skipped.map((r) => [r.status, r.n]));
    return {
      changed,
      skipped: {
        activated: by.get('activated') ?? 0,
        expired: by.get('expired') ?? 0,
        void: by.get('void') ?? 0,
      },
    };
  });
}
