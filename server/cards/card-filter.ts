import type { CardFilter } from '../../core/cards/card-schemas';

/**
 * The WHERE conditions (on table alias `c`) for a cards filter, with their parameters numbered from `firstParam`.
 * Each field maps to one fixed clause; values only ever travel as parameters.
 */
export function cardFilterSql(filter: CardFilter, firstParam: number): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    clauses.push(clause.replace('?', `$${firstParam + params.length - 1}`));
  };
  if (filter.status !== undefined) add('c.status = ?', filter.status);
  if (filter.seriesId !== undefined) add('c.series_id = ?::uuid', filter.seriesId);
  if (filter.prefix !== undefined) add("c.serial LIKE ? || '-%'", filter.prefix);
  if (filter.serialFrom !== undefined) add('c.serial >= ?', filter.serialFrom);
  if (filter.serialTo !== undefined) add('c.serial <= ?', filter.serialTo);
  if (filter.amount !== undefined) add('c.amount = ?', filter.amount);
  if (filter.ownerId !== undefined) add('c.reseller_id = ?::uuid', filter.ownerId.toLowerCase());
  if (filter.createdFrom !== undefined) add('c.created_at >= ?::timestamptz', filter.createdFrom);
  if (filter.createdTo !== undefined) add('c.created_at <= ?::timestamptz', filter.createdTo);
  if (filter.expiresFrom !== undefined) add('c.expires_at >= ?::timestamptz', filter.expiresFrom);
  if (filter.expiresTo !== undefined) add('c.expires_at <= ?::timestamptz', filter.expiresTo);
  return { sql: clauses.length === 0 ? 'true' : clauses.join(' AND '), params };
}
