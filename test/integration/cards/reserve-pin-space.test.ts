import { describe, expect, it } from 'vitest';
import { maxLiveCardsForPinLength } from '../../../core/cards/card-pin';
import { fillReserve } from '../../../server/cards/card-reserve';
import type { Database, Queryable } from '../../../server/db/database';
import { createTenant, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { freshPrefix, useTestCardKeys } from './card-harness';

const keys = useTestCardKeys();

/**
 * The database as it would answer with `live` cards of every PIN length in the lookup (too many to store in a test):
 * the count of live cards per PIN length says `live`, every other statement runs for real.
 */
function withLiveCards(db: Database, live: number): Database {
  const counting = (q: Queryable): Queryable => ({
    execScript: (sql) => q.execScript(sql),
    query: async <R>(
      sql: string,
      params?: readonly unknown[],
      options?: Parameters<Queryable['query']>[2],
    ) =>
      /FROM card_pin_lookup WHERE pin_length = \$1/.test(sql)
        ? ([{ n: String(live) }] as R[])
        : q.query<R>(sql, params, options),
  });
  return {
    ...counting(db),
    kind: db.kind,
    close: () => db.close(),
    transaction: (fn, hooks) => db.transaction((tx) => fn(counting(tx)), hooks),
  };
}

/**
 * Only short PINs (under 10 digits) share a space that can fill up: a terminal's reserve uses 10 digits or more, so
 * it is never refused for PIN space, however many live cards have its PIN length.
 */
describe.each(serverBackends())('reserve PIN space ($name)', (backend) => {
  const ctx = useTestServer(backend);

  it('fills a reserve of 10-digit PINs even when 10-digit cards fill their 1% of the space', async () => {
    const t = await createTenant(ctx.api, { credits: 10_000 });
    const full = withLiveCards(ctx.db, maxLiveCardsForPinLength(10));
    const pairs = await fillReserve(
      full,
      keys,
      { resellerId: t.resellerId, terminalId: t.terminal.terminalId },
      { add: 3, prefix: freshPrefix(), pinLength: 10, release: [] },
    );
    expect(pairs).toHaveLength(3);
    expect(pairs.every((p) => p.pinLength === 10 && /^[0-9]{10}$/.test(p.pin))).toBe(true);
  });
});
