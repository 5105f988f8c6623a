import { describe, expect, it } from 'vitest';
import {
  pullResponseSchema,
  pushResponseSchema,
  type Change,
  type OutboxCommand,
  type PushResponse,
} from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import { createTenant, saleCommand, type TenantFixture, useTestServer } from './api-harness';
import { serverBackends } from './server-backends';

/**
 * The change feed carries a new balance only when a push moved money: a push whose commands were all refused, or
 * applied without touching the ledger, leaves the terminal nothing new to pull.
 */
describe.each(serverBackends())('the feed after a push that moves no money ($name)', (backend) => {
  // A database of its own: a package another test file creates meanwhile is on every reseller's feed.
  const env = useTestServer(backend, { isolated: true });

  const push = async (t: TenantFixture, commands: OutboxCommand[]): Promise<PushResponse> => {
    const r = await env.api.call('POST', '/v1/terminal/sync/push', { token: t.token, body: { commands } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return pushResponseSchema.parse(r.body);
  };
  /** Pulls from `cursor` to the end of the feed; answers the changes and the new cursor. */
  const pullFrom = async (
    t: TenantFixture,
    cursor: string,
  ): Promise<{ changes: Change[]; cursor: string }> => {
    const changes: Change[] = [];
    for (;;) {
      const r = await env.api.call('GET', `/v1/terminal/sync/pull?cursor=${cursor}&limit=1000`, {
        token: t.token,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const page = pullResponseSchema.parse(r.body);
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) return { changes, cursor };
    }
  };
  const voidOf = (saleId: string): OutboxCommand => ({
    id: uuidv7(),
    type: 'sale.void',
    payload: { saleId, reason: 'refused_at_counter' },
    createdAt: new Date().toISOString(),
    clerkId: null,
    offline: false,
  });

  it('adds no change for refused commands and a void of a sale the server never had', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const { cursor } = await pullFrom(t, '0');
    const quiet = await push(t, [
      saleCommand(t, { offline: true, claim: { limitsVersion: 99 } }), // limits never published
      voidOf(uuidv7()), // no such sale: a tombstone, no money
    ]);
    expect(quiet.outcomes.map((o) => o.status)).toEqual(['rejected', 'applied']);
    expect(quiet.balance).toBeNull();
    expect((await pullFrom(t, cursor)).changes).toEqual([]);

    // A push that does move money puts exactly one balance on the feed, the one it answered.
    const moved = await push(t, [saleCommand(t, { offline: true })]);
    expect(moved.outcomes[0]).toMatchObject({ status: 'applied' });
    const after = (await pullFrom(t, cursor)).changes.filter((c) => c.kind === 'balance');
    expect(after.map((c) => c.data)).toEqual([
      { resellerId: t.resellerId, currency: 'USD', balance: 10_000 - 950 },
    ]);
    expect(moved.balance).toMatchObject({ balance: 10_000 - 950, seq: after[0]!.seq });
  });
});
