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

/**
 * The cards of the given owners (a reseller and its affiliates) matching a filter, in creation order (ids are
 * UUIDv7), after the `after` card id. Never reads a PIN column.
 */
export async function listCards(
  q: Queryable,
  ownerIds: readonly string[],
  filter: CardFilter,
  page: { after?: string | undefined; limit: number },
): Promise<CardPage> {
  const where = cardFilterSql(filter, 4);
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
  }>(
    `SELECT c.id, c.serial, c.series_id, c.reseller_id, c.amount, c.currency, c.status, c.expires_at, c.activated_at,
            c.customer_id, c.created_at
       FROM cards c
      WHERE c.reseller_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR c.id > $2::uuid) AND ${where.sql}
      ORDER BY c.id LIMIT $3`,
    [ownerIds, page.after ?? null, page.limit + 1, ...where.params],
  );
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
