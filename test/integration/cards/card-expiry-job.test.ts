import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCardExpiryJob } from '../../../server/cards/card-expiry';
import type { Database, Queryable } from '../../../server/db/database';
import { TEST_OPERATOR_KEY, createTenant, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintThroughOperator, useTestCardKeys } from './card-harness';

useTestCardKeys();

/** The database as the job sees it, with its statements answered by `query` instead (fault injection). */
function withQuery(db: Database, query: Queryable['query']): Database {
  return {
    kind: db.kind,
    query,
    execScript: (sql) => db.execScript(sql),
    transaction: (fn, hooks) => db.transaction(fn, hooks),
    close: () => Promise.resolve(),
  };
}

/** The background job that expires cards: once at start, then on its interval; a failed run is logged and retried. */
describe.each(serverBackends())('the card expiry job ($name)', (backend) => {
  // A database of its own: an expiry run takes every due card, other test files' included.
  const ctx = useTestServer(backend, { isolated: true });
  afterEach(() => vi.restoreAllMocks());

  it('logs a failed run with its cause, and the next run expires the cards', async () => {
    const t = await createTenant(ctx.api, { credits: 1_000 });
    await mintThroughOperator(ctx.api, t.resellerId, { amount: 5, quantity: 2 });
    await ctx.db.query(`UPDATE cards SET expires_at = now() - interval '1 second' WHERE reseller_id = $1`, [
      t.resellerId,
    ]);
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(String(args[0])));
    let failures = 1;
    const flaky = withQuery(ctx.db, (sql, params, options) =>
      failures-- > 0 ? Promise.reject(new Error('connection reset')) : ctx.db.query(sql, params, options),
    );

    const job = startCardExpiryJob(flaky, 10);
    try {
      // Progress, not time: wait for the second run to have returned the cards' value.
      const balance = async () =>
        (await ctx.api.call('GET', `/v1/operator/resellers/${t.resellerId}`, { token: TEST_OPERATOR_KEY }))
          .body.balance as number;
      while ((await balance()) !== 1_000) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await job.stop();
    }
    expect(logged).toEqual(['card expiry run failed: connection reset']);
  });

  it('does not report a run that fails because the job was stopped under it', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let release!: () => void;
    const closing = new Promise<void>((resolve) => (release = resolve));
    // The run at start waits on its first statement; the server stops meanwhile and closes the pool under it.
    const job = startCardExpiryJob(
      withQuery(ctx.db, async () => {
        await closing;
        throw new Error('Cannot use a pool after calling end on the pool');
      }),
      3_600_000,
    );
    const stopped = job.stop();
    release();
    await stopped;
    expect(errors).not.toHaveBeenCalled();
  });
});
