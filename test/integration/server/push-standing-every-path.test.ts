import { describe, expect, it } from 'vitest';
import type { OutboxCommand } from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import {
  TEST_OPERATOR_KEY,
  anotherTerminal,
  createTenant,
  ledgerViolations,
  saleCommand,
  useTestServer,
  type TenantFixture,
} from './api-harness';
import { serverBackends } from './server-backends';
import { pushGroup } from '../../../server/sync/push-service';
import { holdingBeforeCommit, lockWaiters, pendingPushes } from './push-round-trips/group-support';

const op = { token: TEST_OPERATOR_KEY };
const CLERK = '018f0000-0000-7000-8000-000000000001';

const cmd = (type: string, payload: unknown, offline = false): OutboxCommand =>
  ({
    id: uuidv7(),
    type,
    payload,
    createdAt: new Date().toISOString(),
    clerkId: type.startsWith('shift') ? CLERK : null,
    offline,
  }) as OutboxCommand;

/** Attacks that held: a known token of a revoked terminal / suspended reseller writes nothing on any push path. */
describe.each(serverBackends())('known token, every push path ($name)', (backend) => {
  const env = useTestServer(backend, { isolated: true });
  const state = async (t: TenantFixture) => {
    const rows = await env.db.query<{ c: string; s: string; b: string }>(
      `SELECT (SELECT count(*) FROM commands WHERE reseller_id = $1)::text AS c,
              (SELECT count(*) FROM sales WHERE reseller_id = $1)::text AS s,
              (SELECT a.balance FROM resellers r JOIN accounts a ON a.id = r.credit_account_id WHERE r.id = $1)::text AS b`,
      [t.resellerId],
    );
    return rows[0];
  };
  const batches = (t: TenantFixture, applied: OutboxCommand, saleId: string): [string, OutboxCommand[]][] => [
    ['replay of an applied command', [applied]],
    ['void of an applied sale', [cmd('sale.void', { saleId, reason: 'refused_at_counter' })]],
    ['online sale', [saleCommand(t)]],
    ['offline sale', [saleCommand(t, { offline: true })]],
    ['mixed: sale then void', [saleCommand(t), cmd('sale.void', { saleId, reason: 'refused_at_counter' })]],
    [
      'shift.open',
      [
        cmd('shift.open', {
          shiftId: uuidv7(),
          shiftNumber: 1,
          openedAt: new Date().toISOString(),
          openedBy: CLERK,
          currency: 'USD',
          float: 100,
          implicit: false,
        }),
      ],
    ],
    [
      'two segments: card.batch then card.redeem',
      [
        cmd('card.batch', {
          seriesId: uuidv7(),
          cardIds: [uuidv7()],
          amount: 100,
          currency: 'USD',
          expiresAt: new Date(Date.now() + 3e10).toISOString(),
          grantValidityDays: null,
        }),
        cmd('card.redeem', { customerAccount: '+15550004444', pin: '1234-5678-9012' }),
      ],
    ],
    ['malformed command only', [{ id: uuidv7() } as unknown as OutboxCommand]],
  ];

  for (const how of ['revoke', 'suspend'] as const) {
    it(`after ${how}: every kind of push is refused and writes nothing`, async () => {
      const t = await createTenant(env.api, { credits: 10_000 });
      const applied = saleCommand(t);
      const ok = await env.api.call('POST', '/v1/terminal/sync/push', {
        token: t.token,
        body: { commands: [applied] },
      });
      expect(ok.status).toBe(200);
      const saleId = (applied.payload as { saleId: string }).saleId;
      const expected = how === 'revoke' ? [401, 'terminal_revoked'] : [403, 'reseller_suspended'];
      const names = batches(t, applied, saleId).map(([n]) => n);
      const before = await state(t);
      for (const [k, name] of names.entries()) {
        // Each batch from a token the server knows (it pulled) whose standing changed since: the under-lock path.
        let u = t;
        if (how === 'suspend') {
          await env.api.call('POST', `/v1/operator/resellers/${t.resellerId}/unsuspend`, op);
          expect((await env.api.call('GET', '/v1/terminal/sync/pull', { token: t.token })).status).toBe(200);
          await env.api.call('POST', `/v1/operator/resellers/${t.resellerId}/suspend`, op);
        } else {
          u = await anotherTerminal(env.api, t); // enrolled and pulled: known
          await env.api.call('POST', `/v1/operator/terminals/${u.terminal.terminalId}/revoke`, op);
        }
        // The batch is built for the pushing terminal; the replay/void target t's applied sale (same reseller).
        const commands = batches(u, applied, saleId)[k]![1];
        const r = await env.api.call('POST', '/v1/terminal/sync/push', {
          token: u.token,
          body: { commands },
        });
        expect([r.status, r.body.code], `${name}: ${JSON.stringify(r.body)}`).toEqual(expected);
      }
      expect(await state(t)).toEqual(before);
      expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
    });
  }

  it('a revoked known terminal pushing concurrently with its siblings costs them nothing, and is forgotten', async () => {
    const a = await createTenant(env.api, { credits: 1_000_000 });
    const b = await anotherTerminal(env.api, a);
    const c = await anotherTerminal(env.api, a);
    await env.api.call('POST', `/v1/operator/terminals/${b.terminal.terminalId}/revoke`, op);
    const push = (t: TenantFixture) =>
      env.api.call('POST', '/v1/terminal/sync/push', {
        token: t.token,
        body: { commands: [saleCommand(t)] },
      });
    const calls: Promise<{ who: string; status: number; code: unknown }>[] = [];
    for (let i = 0; i < 12; i++) {
      for (const [who, t] of [
        ['a', a],
        ['b', b],
        ['c', c],
      ] as const)
        calls.push(push(t).then((r) => ({ who, status: r.status, code: r.body.code })));
    }
    const done = await Promise.all(calls);
    for (const d of done) {
      if (d.who === 'b') expect([d.status, d.code]).toEqual([401, 'terminal_revoked']);
      else expect(d.status, JSON.stringify(d)).toBe(200);
    }
    const after = await env.api.call('POST', '/v1/terminal/sync/push', {
      token: b.token,
      body: { commands: 1 },
    });
    expect([after.status, after.body.code]).toEqual([401, 'terminal_revoked']);
    expect(await ledgerViolations(env.db, [a.resellerId])).toEqual([]);
  });

  it('known token, non-group path (offline sale + void): a revocation committed while it waited for the lock is seen', async () => {
    const pending = pendingPushes();
    const a = await createTenant(env.api, { credits: 10_000 });
    const b = await anotherTerminal(env.api, a); // known (pulled)
    const ahead = holdingBeforeCommit(env.db);
    const first = pushGroup(ahead.db, [pending(a, [saleCommand(a)])]);
    await ahead.holding;
    const revoking = env.api.call('POST', `/v1/operator/terminals/${b.terminal.terminalId}/revoke`, op);
    await lockWaiters(env.db, 1);
    const pushing = env.api.call('POST', '/v1/terminal/sync/push', {
      token: b.token,
      body: { commands: [saleCommand(b, { offline: true }), saleCommand(b)] },
    });
    await lockWaiters(env.db, 2);
    ahead.release();
    await first;
    expect((await revoking).status).toBe(200);
    const pushed = await pushing;
    expect([pushed.status, pushed.body.code]).toEqual([401, 'terminal_revoked']);
    const rows = await env.db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM sales WHERE terminal_id = $1',
      [b.terminal.terminalId],
    );
    expect(rows[0]!.n).toBe('0');
  });
});
