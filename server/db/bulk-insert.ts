import type { Queryable } from './database';

/** One column of a bulk insert: its name and the PostgreSQL type its parameter array is cast to. */
export interface BulkColumn {
  readonly name: string;
  /** e.g. 'uuid', 'text', 'bigint', 'integer', 'boolean', 'timestamptz', 'jsonb' (sent as text, cast per row). */
  readonly type: string;
}

/** The positional parameters of one statement being built: `add` answers the placeholder of a new one. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The INSERT of many rows as SQL text (one array parameter per column, zipped with unnest()), its parameters added
 * to `params`: a statement on its own, or one data-modifying CTE of a larger statement.
 */
export function bulkInsertSql(
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly (readonly unknown[])[],
  params: SqlParams,
): string {
  const names = columns.map((c) => c.name).join(', ');
  const arrays = columns
    .map((c, i) => {
      const values = rows.map((r) => {
        const v = r[i];
        if (c.type === 'jsonb' && v !== null && v !== undefined) return JSON.stringify(v);
        return v ?? null;
      });
      return `${params.add(values)}::${c.type === 'jsonb' ? 'text' : c.type}[]`;
    })
    .join(', ');
  const selects = columns.map((c, i) => (c.type === 'jsonb' ? `c${i}::jsonb` : `c${i}`)).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  return `INSERT INTO ${table} (${names}) SELECT ${selects} FROM unnest(${arrays}) AS t(${aliases})`;
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
  const params = new SqlParams();
  const sql = bulkInsertSql(table, columns, rows, params);
  await tx.query(sql, params.values);
}
