import { describe, expect, it } from 'vitest';
import { pushResponseSchema, type OutboxCommand } from '../../../core/sync/protocol';
import { loadCardKeys } from '../../../server/cards/card-keys';
import type { Database } from '../../../server/db/database';
import { PushGroupCommitter } from '../../../server/sync/push-group-commit';
import { pushGroup, type PendingPush } from '../../../server/sync/push-service';
import { uuidv7 } from '../../../core/uuidv7';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  anotherTerminal,
  createTenant,
  ledgerViolations,
  saleCommand,
  useTestServer,
  type TenantFixture,
} from './api-harness';
import { serverBackends } from './server-backends';

/** The Database, counting the transactions it runs (each is one lock of the reseller and one commit). */
function countingTransactions(db: Database): { db: Database; count: () => number } {
  let n = 0;
  return {
    db: {
      ...db,
      kind: db.kind,
      query: (sql, params) => db.query(sql, params),
      execScript: (sql) => db.execScript(sql),
      close: () => db.close(),
      transaction: (fn) => {
        n += 1;
        return db.transaction(fn);
      },
    },
    count: () => n,
  };
}

describe.each(serverBackends())('group commit of online pushes ($name)', (backend) => {
  const env = useTestServer(backend);
  const context = {
    cardKeys: loadCardKeys(undefined, mkdtempSync(join(tmpdir(), 'refill-keys-'))),
    ip: '127.0.0.1',
  };
  const terminalsOf = async (n: number, credits: number): Promise<TenantFixture[]> => {
    const first = await createTenant(env.api, { credits });
    const all = [first];
    while (all.length < n) all.push(await anotherTerminal(env.api, first));
    return all;
  };
  const pending = (t: TenantFixture, commands: OutboxCommand[]): PendingPush => ({
    terminal: { resellerId: t.resellerId, terminalId: t.terminal.terminalId },
    commands,
    context,
  });

  it('decides concurrent pushes of 16 terminals over HTTP exactly once, never past the balance', async () => {
    const terminals = await terminalsOf(16, 100 * 950); // room for exactly 100 sales
    const sends = terminals.map(async (t) => {
      const outcomes = [];
      for (let i = 0; i < 10; i++) {
        const cmd = saleCommand(t);
        const r = await env.api.call('POST', '/v1/terminal/sync/push', {
          token: t.token,
          body: { commands: [cmd] },
        });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        const [o] = pushResponseSchema.parse(r.body).outcomes;
        expect(o?.id).toBe(cmd.id);
        outcomes.push({ t, cmd, o: o! });
      }
      return outcomes;
    });
    const all = (await Promise.all(sends)).flat();
    const applied = all.filter((x) => x.o.status === 'applied');
    expect(applied).toHaveLength(100);
    expect(
      all
        .filter((x) => x.o.status === 'rejected')
        .every((x) => x.o.status === 'rejected' && x.o.reason === 'insufficient_credits'),
    ).toBe(true);
    expect(await ledgerViolations(env.db, [terminals[0]!.resellerId])).toEqual([]);
    const bal = await env.api.call('GET', '/v1/terminal/balance', { token: terminals[0]!.token });
    expect(bal.body.balance).toBe(0);
    // Each sale and command row names the terminal that sent it.
    const rows = await env.db.query<{ id: string; terminal_id: string }>(
      'SELECT id, terminal_id FROM commands WHERE reseller_id = $1',
      [terminals[0]!.resellerId],
    );
    const sentBy = new Map(all.map((x) => [x.cmd.id, x.t.terminal.terminalId]));
    expect(rows).toHaveLength(160);
    for (const r of rows) expect(r.terminal_id).toBe(sentBy.get(r.id));
    const sales = await env.db.query<{ sale_number: string; terminal_id: string }>(
      'SELECT sale_number, terminal_id FROM sales WHERE reseller_id = $1',
      [terminals[0]!.resellerId],
    );
    const prefixOf = new Map(terminals.map((t) => [t.terminal.terminalId, t.terminal.salePrefix]));
    expect(sales).toHaveLength(100);
    for (const s of sales) expect(s.sale_number.startsWith(`${prefixOf.get(s.terminal_id)}-`)).toBe(true);
  });

  it('groups the pushes that wait behind a running one into one transaction', async () => {
    const terminals = await terminalsOf(8, 1_000_000);
    const counted = countingTransactions(env.db);
    const committer = new PushGroupCommitter(counted.db);
    // All eight are handed over before the first group finishes: the first starts alone, the other seven wait.
    const answers = await Promise.all(
      terminals.map((t) =>
        committer.push(
          { resellerId: t.resellerId, terminalId: t.terminal.terminalId },
          [saleCommand(t)],
          context,
        ),
      ),
    );
    expect(answers.map((a) => a.outcomes[0]?.status)).toEqual(Array(8).fill('applied'));
    expect(counted.count()).toBe(2);
    // Every push of a group answers the balance the group left, with its place in the change feed.
    const last = answers[answers.length - 1]!.balance!;
    expect(answers.slice(1).every((a) => a.balance?.seq === last.seq)).toBe(true);
    expect(last.balance).toBe(1_000_000 - 8 * 950);
  });

  it('starts the next group as the one ahead sends its COMMIT, and it sees that group’s rows', async () => {
    const terminals = await terminalsOf(6, 6 * 950); // room for exactly six sales
    const events: string[] = [];
    let groups = 0;
    // The database as the committer sees it, telling when each transaction starts, sends COMMIT and is committed.
    const observed: Database = {
      ...env.db,
      kind: env.db.kind,
      query: (sql, params) => env.db.query(sql, params),
      execScript: (sql) => env.db.execScript(sql),
      close: () => env.db.close(),
      transaction: async (fn, hooks) => {
        const n = (groups += 1);
        events.push(`start ${n}`);
        // While the second group runs, two more pushes arrive: they are the third group.
        if (n === 2) for (const t of terminals.slice(4)) push(t);
        const out = await env.db.transaction(fn, {
          committing: () => {
            events.push(`committing ${n}`);
            hooks?.committing?.();
          },
        });
        events.push(`committed ${n}`);
        return out;
      },
    };
    const committer = new PushGroupCommitter(observed);
    const answers: Promise<Awaited<ReturnType<PushGroupCommitter['push']>>>[] = [];
    const push = (t: TenantFixture) =>
      answers.push(
        committer.push(
          { resellerId: t.resellerId, terminalId: t.terminal.terminalId },
          [saleCommand(t)],
          context,
        ),
      );
    // The first push starts a group alone (decided by the one-push path, no hand-over); the next three wait for it.
    for (const t of terminals.slice(0, 4)) push(t);
    await Promise.all(answers);
    // By then the two later pushes have been handed over too.
    expect(answers).toHaveLength(6);
    const settled = await Promise.all(answers);
    expect(settled.map((a) => a.outcomes[0]?.status)).toEqual(Array(6).fill('applied'));
    // The third group started before the second's commit was answered.
    expect(events.indexOf('start 3')).toBeGreaterThan(events.indexOf('committing 2'));
    expect(events.indexOf('start 3')).toBeLessThan(events.indexOf('committed 2'));
    // Its lock waited for that commit: it decided against the balance the second group left, to the last unit.
    expect(settled.map((a) => a.balance?.balance)).toContain(0);
    expect(await ledgerViolations(env.db, [terminals[0]!.resellerId])).toEqual([]);
    const bal = await env.api.call('GET', '/v1/terminal/balance', { token: terminals[0]!.token });
    expect(bal.body.balance).toBe(0);
  });

  it('decides a push alone when the group fails, so one bad push never fails the others', async () => {
    const [a, b] = await terminalsOf(2, 1_000_000);
    const ghost: PendingPush = {
      terminal: { resellerId: a!.resellerId, terminalId: uuidv7() }, // no such terminal
      commands: [saleCommand(a!)],
      context,
    };
    const results = await pushGroup(env.db, [
      pending(a!, [saleCommand(a!)]),
      ghost,
      pending(b!, [saleCommand(b!)]),
    ]);
    expect(results[0]).toMatchObject({ status: 'fulfilled', value: { outcomes: [{ status: 'applied' }] } });
    expect(results[1]?.status).toBe('rejected');
    expect(results[2]).toMatchObject({ status: 'fulfilled', value: { outcomes: [{ status: 'applied' }] } });
    expect(await ledgerViolations(env.db, [a!.resellerId])).toEqual([]);
  });

  it('decides offline sales and the same command sent twice in one group by the rules of a lone push', async () => {
    const [a, b] = await terminalsOf(2, 1_000_000);
    const online = saleCommand(a!);
    const offline = saleCommand(b!, { offline: true });
    const results = await pushGroup(env.db, [
      pending(a!, [online]),
      pending(b!, [offline]),
      pending(a!, [online]), // a retry of the first, waiting in the same group
    ]);
    const outcome = (i: number) => {
      const r = results[i]!;
      if (r.status !== 'fulfilled') throw r.reason;
      return r.value.outcomes[0];
    };
    expect(outcome(0)).toMatchObject({ id: online.id, status: 'applied' });
    expect(outcome(1)).toMatchObject({ id: offline.id, status: 'applied' });
    expect(outcome(2)).toMatchObject({ id: online.id, status: 'duplicate', original: 'applied' });
    const n = await env.db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM sales WHERE reseller_id = $1',
      [a!.resellerId],
    );
    expect(Number(n[0]!.n)).toBe(2);
    expect(await ledgerViolations(env.db, [a!.resellerId])).toEqual([]);
  });
});
