/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import type { Database } from '../../../server/db/database';
import type { ApiClient, TenantFixture } from '../server/api-harness';

/** A series prefix unlikely to be used by another test file sharing the database. */
export function randomPrefix(): string {
  return String(100_000 + Math.floor(Math.random() * 899_999));
}

/** A terminal's mass edit. */
export function edit(
  api: ApiClient,
  t: TenantFixture,
  body: unknown,
): Promise<{ status: number; body: any }> {
  return api.call('POST', '/v1/terminal/cards/edit', { token: t.token, body });
}

/** Moves cards (by id) to `ownerId` through a terminal's mass edit, expiry preserved. */
export function moveTo(
  api: ApiClient,
  t: TenantFixture,
  ids: readonly string[],
  ownerId: string,
): Promise<{ status: number; body: any }> {
  return edit(api, t, {
    target: { kind: 'ids', ids },
    expiresAt: { mode: 'preserve' },
    ownerId: { mode: 'set', value: ownerId },
  });
}

export async function credits(db: Database, resellerId: string): Promise<number> {
  const rows = await db.query<{ balance: string }>(
    `SELECT a.balance::text AS balance FROM resellers r
       JOIN accounts a ON a.reseller_id = r.id AND a.id = r.credit_account_id WHERE r.id = $1`,
    [resellerId],
  );
  return Number(rows[0]!.balance);
}

export async function ownerOf(db: Database, cardId: string): Promise<string | undefined> {
  const rows = await db.query<{ reseller_id: string }>('SELECT reseller_id FROM cards WHERE id = $1', [
    cardId,
  ]);
  return rows[0]?.reseller_id;
}

/**
 * Waits (by progress, not time) until at least `n` backends wait for a lock while running a statement whose text
 * contains `fragment`.
 */
export async function waitingOn(db: Database, fragment: string, n = 1): Promise<void> {
  for (let i = 0; i < 20_000; i++) {
    const w = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE wait_event_type = 'Lock' AND datname = current_database() AND position($1 in query) > 0`,
      [fragment],
    );
    if (w[0]!.n >= n) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`never saw ${n} statement(s) waiting on a lock: ${fragment}`);
}
