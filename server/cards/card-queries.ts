import type { CardFilter, CardView } from '../../core/cards/card-schemas';
import type { Queryable } from '../db/database';
import { toIso, toIsoOrNull, toMinor } from '../db/sql-values';
import { cardFilterSql } from './card-filter';

/** One page of the cards table. */
export interface CardPage {
  readonly cards: CardView[];
  readonly cursor: string | null;
  readonly hasMore: boolean;
}

/** A statement and its positional parameters. */
export interface CardPageQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
}

const CARD_PAGE_COLUMNS = `c.id, c.serial, c.series_id, c.reseller_id, c.amount, c.currency, c.status, c.expires_at,
            c.activated_at, c.customer_id, c.created_at`;

/**
 * The SQL of one page of cards of the given owners (a reseller and its affiliates) matching a filter, in creation
 * order (ids are UUIDv7), after the `after` card id. Built from the filters actually present (no `$n IS NULL OR`
 * branch to defeat the planner): one arm per owner walks its part of the primary key (reseller_id, id), or
 * `cards_series` for a series, from the cursor, and with several owners a Merge Append of the arms keeps the order,
 * so a page reads only the cards it returns, however many the owners have. Never reads a PIN column.
 */
export function cardsPageQuery(
  ownerIds: readonly string[],
  filter: CardFilter,
  after: string | undefined,
  limit: number,
): CardPageQuery {
  if (ownerIds.length === 0) throw new Error('a cards page needs at least one owner');
  const where = cardFilterSql(filter, 1);
  const params: unknown[] = [...where.params];
  const bind = (value: unknown, cast: string): string => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
  const cursor = after === undefined ? '' : ` AND c.id > ${bind(after, 'uuid')}`;
  const order = ` ORDER BY c.id LIMIT ${bind(limit, 'int')}`;
  const arms = ownerIds.map(
    (o) =>
      `SELECT ${CARD_PAGE_COLUMNS} FROM cards c
        WHERE c.reseller_id = ${bind(o, 'uuid')}${cursor} AND ${where.sql}`,
  );
  const sql =
    arms.length === 1
      ? `${arms[0]}${order}`
      : `${arms.map((a) => `(${a}${order})`).join(' UNION ALL ')}${order.replace('c.id', 'id')}`;
  return { sql, params };
}

/** One page of the cards of the given owners matching a filter, in creation order (see `cardsPageQuery`). */
export async function listCards(
  q: Queryable,
  ownerIds: readonly string[],
  filter: CardFilter,
  page: { after?: string | undefined; limit: number },
): Promise<CardPage> {
  const query = cardsPageQuery(ownerIds, filter, page.after, page.limit + 1);
  const rows = await q.query<{
    id: string;
    serial: string;
    series_id: string;
    reseller_id: string;
    amount: unknown;
    currency: string;
    status: CardView['status'];
    expires_at: unknown;
    activated_at: unknown;
    customer_id: string | null;
    created_at: unknown;
  }>(query.sql, query.params);
  const more = rows.length > page.limit;
  const cards = rows.slice(0, page.limit).map((r): CardView => ({
    id: r.id,
    serial: r.serial,
    seriesId: r.series_id,
    ownerId: r.reseller_id,
    amount: toMinor(r.amount),
    currency: r.currency.trim(),
    status: r.status,
    expiresAt: toIso(r.expires_at),
    activatedAt: toIsoOrNull(r.activated_at),
    customerId: r.customer_id,
    createdAt: toIso(r.created_at),
  }));
  return { cards, cursor: more ? cards[cards.length - 1]!.id : null, hasMore: more };
}
