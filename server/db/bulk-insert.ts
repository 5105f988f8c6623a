import type { Queryable } from './database';

/** One column of a bulk insert: its name and the PostgreSQL type its parameter array is cast to. */
export interface BulkColumn {
  readonly name: string;
  /** e.g. 'uuid', 'text', 'bigint', 'integer', 'boolean', 'timestamptz', 'jsonb' (sent as text, cast per row). */
  readonly type: string;
}

/**
 * Inserts many rows in one statement: one array parameter per column, zipped with unnest().
 * Parameter count stays fixed however many rows there are.
 */
export async function bulkInsert(
  tx: Queryable,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map((c) => c.name).join(', ');
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type === 'jsonb' ? 'text' : c.type}[]`).join(', ');
  const selects = columns.map((c, i) => (c.type === 'jsonb' ? `c${i}::jsonb` : `c${i}`)).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  const params = columns.map((c, i) =>
    rows.map((r) => {
      const v = r[i];
      if (c.type === 'jsonb' && v !== null && v !== undefined) return JSON.stringify(v);
      return v ?? null;
    }),
  );
  await tx.query(
    `INSERT INTO ${table} (${names}) SELECT ${selects} FROM unnest(${arrays}) AS t(${aliases})`,
    params,
  );
}
