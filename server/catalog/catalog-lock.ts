import type { Queryable } from '../db/database';

/**
 * Takes the catalog lock for this transaction: `write` for package changes (they fan out to every reseller's feed),
 * `read` for creating a reseller (it snapshots the catalog into its new feed). Writers exclude each other and
 * readers; readers only wait for writers.
 */
export async function lockCatalog(tx: Queryable, mode: 'read' | 'write'): Promise<void> {
  await tx.query(`SELECT id FROM catalog_lock WHERE id = 1 ${mode === 'write' ? 'FOR UPDATE' : 'FOR SHARE'}`);
}
