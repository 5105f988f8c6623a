import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../server/auth/authenticator';
import { hashSecret } from '../../../server/auth/secret-token';
import type { Database } from '../../../server/db/database';
import { AUTH_FAILURE_LIMIT, FailureLimiter } from '../../../server/http/failure-limiter';
import { pushCommands, pushGroup, type PendingPush } from '../../../server/sync/push-service';
import {
  TEST_OPERATOR_KEY,
  anotherTerminal,
  createTenant,
  ledgerViolations,
  saleCommand,
  useTestServer,
  type TenantFixture,
} from './api-harness';
import {
  holdingBeforeCommit,
  lockWaiters,
  pendingPushes,
  terminalSales,
} from './push-round-trips/group-support';
import { serverBackends } from './server-backends';

const op = { token: TEST_OPERATOR_KEY };

/** The Database, counting the statements sent outside transactions (what an authenticator sends). */
function countingQueries(db: Database): { db: Database; count: () => number } {
  let n = 0;
  return {
    count: () => n,
    db: {
      kind: db.kind,
      query: (sql, params, opts) => {
        n += 1;
        return db.query(sql, params, opts);
      },
      execScript: (sql) => db.execScript(sql),
      close: () => db.close(),
      transaction: (fn, hooks) => db.transaction(fn, hooks),
    },
  };
}

/** A request carrying a bearer token, as the authenticator reads it. */
function requestWith(token: string): FastifyRequest {
  return { headers: { authorization: `Bearer ${token}` }, ip: '127.0.0.1' } as unknown as FastifyRequest;
}

describe.each(serverBackends())("a push reads its terminal's standing under the lock ($name)", (backend) => {
  // A database of its own: one test counts the sessions waiting for a lock in it.
  const env = useTestServer(backend, { isolated: true });
  const pending = pendingPushes();
  /** A pending push carrying its token's hash, as the push route hands it over, for its standing to be read under the lock. */
  const withStanding = (t: TenantFixture, commands = [saleCommand(t)]): PendingPush => {
    const p = pending(t, commands);
    return { ...p, terminal: { ...p.terminal, standingTokenHash: hashSecret(t.token) } };
  };
  const salesOf = (t: TenantFixture): Promise<number> => terminalSales(env.db, t);
  const balanceOf = async (t: TenantFixture): Promise<number> =>
    (await env.api.call('GET', `/v1/operator/resellers/${t.resellerId}`, op)).body.balance as number;

  it('looks a known token up once: a push route then sends nothing before its transaction, every other route does', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const counted = countingQueries(env.db);
    const authenticate = createAuthenticator(
      counted.db,
      TEST_OPERATOR_KEY,
      new FailureLimiter(AUTH_FAILURE_LIMIT),
    );
    const ask = async (standingInTransaction: boolean, token = t.token) => {
      const before = counted.count();
      const auth = await authenticate('terminal', requestWith(token), { standingInTransaction });
      return { auth, queries: counted.count() - before };
    };
    const verified = { kind: 'terminal', resellerId: t.resellerId, terminalId: t.terminal.terminalId };
    // Not known yet: read in full, standing included; a push is still handed the hash, to read it again under its lock.
    const first = await ask(true);
    expect(first).toEqual({ auth: { ...verified, standingTokenHash: hashSecret(t.token) }, queries: 1 });
    // Known: a push gets its terminal and the token's hash to check, without a round trip.
    const second = await ask(true);
    expect(second).toEqual({
      auth: { ...verified, standingTokenHash: hashSecret(t.token) },
      queries: 0,
    });
    // Any other route reads the standing every time.
    expect(await ask(false)).toEqual({ auth: verified, queries: 1 });
    // An unknown token is never known: looked up, and refused.
    const before = counted.count();
    await expect(
      authenticate('terminal', requestWith('x'.repeat(43)), { standingInTransaction: true }),
    ).rejects.toMatchObject({ code: 'unauthorized' });
    expect(counted.count() - before).toBe(1);
    // A token that does not stand is not remembered: looked up, and refused, every time.
    await env.api.call('POST', `/v1/operator/terminals/${t.terminal.terminalId}/revoke`, op);
    const fresh = createAuthenticator(counted.db, TEST_OPERATOR_KEY, new FailureLimiter(AUTH_FAILURE_LIMIT));
    for (let i = 0; i < 2; i++) {
      const at = counted.count();
      await expect(
        fresh('terminal', requestWith(t.token), { standingInTransaction: true }),
      ).rejects.toMatchObject({ code: 'terminal_revoked' });
      expect(counted.count() - at).toBe(1);
    }
  });

  it('forgets a known token once its push was refused: its next request is refused before its body is read', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const push = (body: unknown) => env.api.call('POST', '/v1/terminal/sync/push', { token: t.token, body });
    expect((await push({ commands: [saleCommand(t)] })).status).toBe(200);
    await env.api.call('POST', `/v1/operator/terminals/${t.terminal.terminalId}/revoke`, op);
    // Known, so its standing is left to the push: a body the schema refuses is answered 400 first (the token is
    // genuine; the refusal says nothing of its standing).
    const malformed = { commands: 'not a list' };
    expect((await push(malformed)).status).toBe(400);
    // Refused under the lock, and forgotten...
    const refused = await push({ commands: [saleCommand(t)] });
    expect([refused.status, refused.body.code]).toEqual([401, 'terminal_revoked']);
    // ...so from now on it is looked up in full, before its body.
    const after = await push(malformed);
    expect([after.status, after.body.code]).toEqual([401, 'terminal_revoked']);
    expect(await salesOf(t)).toBe(1);
  });

  it('refuses a known token of a revoked terminal, or of a suspended reseller, and writes nothing', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const ok = await env.api.call('POST', '/v1/terminal/sync/push', {
      token: t.token,
      body: { commands: [saleCommand(t)] },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const sales = await salesOf(t);
    const balance = await balanceOf(t);

    await env.api.call('POST', `/v1/operator/resellers/${t.resellerId}/suspend`, op);
    // An online sale (decided by the group lock) and an offline one (any other push): both read the standing.
    for (const offline of [false, true]) {
      const r = await env.api.call('POST', '/v1/terminal/sync/push', {
        token: t.token,
        body: { commands: [saleCommand(t, { offline })] },
      });
      expect([r.status, r.body.code], `offline ${offline}`).toEqual([403, 'reseller_suspended']);
    }
    expect([await salesOf(t), await balanceOf(t)]).toEqual([sales, balance]);
    await env.api.call('POST', `/v1/operator/resellers/${t.resellerId}/unsuspend`, op);
    const again = await env.api.call('POST', '/v1/terminal/sync/push', {
      token: t.token,
      body: { commands: [saleCommand(t)] },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(await salesOf(t)).toBe(sales + 1);
    const afterAgain = await balanceOf(t);
    expect(afterAgain).toBeLessThan(balance);

    await env.api.call('POST', `/v1/operator/terminals/${t.terminal.terminalId}/revoke`, op);
    for (const offline of [false, true]) {
      const r = await env.api.call('POST', '/v1/terminal/sync/push', {
        token: t.token,
        body: { commands: [saleCommand(t, { offline })] },
      });
      expect([r.status, r.body.code], `offline ${offline}`).toEqual([401, 'terminal_revoked']);
    }
    expect([await salesOf(t), await balanceOf(t)]).toEqual([sales + 1, afterAgain]);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('refuses a push that waited for the lock while its terminal was revoked (the standing is read after the lock)', async () => {
    const [a, b] = await (async () => {
      const first = await createTenant(env.api, { credits: 10_000 });
      return [first, await anotherTerminal(env.api, first)];
    })();
    // b's token is known to the server: it pushed once (which also gives one online sale's debit).
    const beforeWarm = await balanceOf(a!);
    const warm = await env.api.call('POST', '/v1/terminal/sync/push', {
      token: b!.token,
      body: { commands: [saleCommand(b!)] },
    });
    expect(warm.status, JSON.stringify(warm.body)).toBe(200);
    const sales = await salesOf(b!);
    const balance = await balanceOf(a!);
    const debit = beforeWarm - balance;
    expect(debit).toBeGreaterThan(0);

    // A group ahead holds the reseller's lock; the revocation queues for it, then b's push behind the revocation.
    const ahead = holdingBeforeCommit(env.db);
    const first = pushGroup(ahead.db, [pending(a!, [saleCommand(a!)])]);
    await ahead.holding;
    const revoking = env.api.call('POST', `/v1/operator/terminals/${b!.terminal.terminalId}/revoke`, op);
    await lockWaiters(env.db, 1);
    const pushing = env.api.call('POST', '/v1/terminal/sync/push', {
      token: b!.token,
      body: { commands: [saleCommand(b!)] },
    });
    await lockWaiters(env.db, 2);
    ahead.release();

    expect((await first)[0]).toMatchObject({
      status: 'fulfilled',
      value: { outcomes: [{ status: 'applied' }] },
    });
    expect((await revoking).status).toBe(200);
    const pushed = await pushing;
    // Authenticated before the revocation was committed, refused by what it read once it held the lock.
    expect([pushed.status, pushed.body.code]).toEqual([401, 'terminal_revoked']);
    // Only the group ahead's sale was applied.
    expect([await salesOf(b!), await salesOf(a!), await balanceOf(a!)]).toEqual([sales, 1, balance - debit]);
    expect(await ledgerViolations(env.db, [a!.resellerId])).toEqual([]);
  });

  it('refuses only the revoked terminal of a group; the others are applied', async () => {
    const first = await createTenant(env.api, { credits: 100_000 });
    const [b, c] = [await anotherTerminal(env.api, first), await anotherTerminal(env.api, first)];
    await env.api.call('POST', `/v1/operator/terminals/${b.terminal.terminalId}/revoke`, op);
    const results = await pushGroup(env.db, [withStanding(first), withStanding(b), withStanding(c)]);
    expect(results[0]).toMatchObject({ status: 'fulfilled', value: { outcomes: [{ status: 'applied' }] } });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { code: 'terminal_revoked' } });
    expect(results[2]).toMatchObject({ status: 'fulfilled', value: { outcomes: [{ status: 'applied' }] } });
    expect([await salesOf(first), await salesOf(b), await salesOf(c)]).toEqual([1, 0, 1]);
    expect(await ledgerViolations(env.db, [first.resellerId])).toEqual([]);
  });

  it("refuses a token that is not the pushing terminal's, on both paths, and writes nothing", async () => {
    const a = await createTenant(env.api, { credits: 10_000 });
    const b = await anotherTerminal(env.api, a);
    const other = await createTenant(env.api, { credits: 10_000 });
    const context = pending(a, []).context;
    for (const hash of [hashSecret(b.token), hashSecret(other.token), hashSecret('x'.repeat(43))]) {
      for (const offline of [false, true]) {
        const terminal = {
          resellerId: a.resellerId,
          terminalId: a.terminal.terminalId,
          standingTokenHash: hash,
        };
        await expect(
          pushCommands(env.db, terminal, [saleCommand(a, { offline })], context),
          `offline ${offline}`,
        ).rejects.toMatchObject({ code: 'unauthorized' });
      }
    }
    expect(await salesOf(a)).toBe(0);
    // Its own token passes on both paths.
    for (const offline of [false, true]) {
      const answer = await pushCommands(
        env.db,
        {
          resellerId: a.resellerId,
          terminalId: a.terminal.terminalId,
          standingTokenHash: hashSecret(a.token),
        },
        [saleCommand(a, { offline })],
        context,
      );
      expect(answer.outcomes[0], `offline ${offline}`).toMatchObject({ status: 'applied' });
    }
    expect(await salesOf(a)).toBe(2);
  });
});
