import { describe, expect, it } from 'vitest';
import { createTenant, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintWithPins, useTestCardKeys } from './card-harness';

const keys = useTestCardKeys();

describe.each(serverBackends())('mass edit of cards ($name)', (backend) => {
  const ctx = useTestServer(backend);

  it('sets or preserves the expiry of new cards only, saying how many were skipped and why', async () => {
    const t = await createTenant(ctx.api, { credits: 100_000 });
    const { cards } = await mintWithPins(ctx.api, ctx.db, keys, t.resellerId, { amount: 100, quantity: 6 });
    const ids = cards.map((c) => c.cardId);
    expect(
      (
        await ctx.api.call('POST', '/v1/terminal/cards/redeem', {
          token: t.token,
          body: { customerAccount: '+15551230000', pin: cards[0]!.pin },
        })
      ).status,
    ).toBe(200);
    await ctx.db.query(`UPDATE cards SET status = 'void' WHERE reseller_id = $1 AND id = $2`, [
      t.resellerId,
      ids[1],
    ]);
    await ctx.db.query(
      `UPDATE cards SET expires_at = now() - interval '1 second' WHERE reseller_id = $1 AND id = $2`,
      [t.resellerId, ids[2]],
    );
    const before = await ctx.db.query<{ id: string; expires_at: Date }>(
      'SELECT id, expires_at FROM cards WHERE reseller_id = $1',
      [t.resellerId],
    );
    const edit = (body: unknown) => ctx.api.call('POST', '/v1/terminal/cards/edit', { token: t.token, body });

    const preserved = await edit({ target: { kind: 'all' }, expiresAt: { mode: 'preserve' } });
    expect(preserved.status).toBe(200);
    expect(preserved.body.changed).toBe(0);
    const newExpiry = new Date(Date.now() + 2 * 365 * 86_400_000).toISOString();
    const set = await edit({ target: { kind: 'ids', ids }, expiresAt: { mode: 'set', value: newExpiry } });
    expect(set.body).toEqual({
      changed: 3,
      skipped: { activated: 1, expired: 1, void: 1, sameOwner: 0, serialTaken: 0, otherCurrency: 0 },
    });
    const after = await ctx.db.query<{ id: string; expires_at: Date }>(
      'SELECT id, expires_at FROM cards WHERE reseller_id = $1',
      [t.resellerId],
    );
    const was = new Map(before.map((r) => [r.id, r.expires_at.toISOString()]));
    for (const r of after) {
      const changed = ids.slice(3).includes(r.id);
      expect(r.expires_at.toISOString()).toBe(changed ? newExpiry : was.get(r.id));
    }
    const past = await edit({
      target: { kind: 'all' },
      expiresAt: { mode: 'set', value: '2020-01-01T00:00:00.000Z' },
    });
    expect(past.status).toBe(400);
    const byFilter = await edit({
      target: { kind: 'filter', filter: { status: 'new' } },
      expiresAt: { mode: 'set', value: newExpiry },
    });
    expect(byFilter.body.changed).toBe(3);
  });
});
