import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutboxCommand } from '../../../core/sync/protocol';
import { loadCardKeys } from '../../../server/cards/card-keys';
import type { Database } from '../../../server/db/database';
import { openPoolDatabase } from '../../../server/db/postgres-database';
import type { RunningServer } from '../../../server/start-server';
import { PushGroupCommitter } from '../../../server/sync/push-group-commit';
import {
  anotherTerminal,
  createTenant,
  ledgerViolations,
  saleCommand,
  startTestServer,
  type ApiClient,
  type TenantFixture,
} from '../server/api-harness';
import { serverBackends, type OpenedBackend } from '../server/server-backends';

/**
 * Probes (pass when the code is right): the group ahead fails at COMMIT (a deferred constraint) after the next group
 * was handed over; its pushes then fall back to one by one while later groups run. No sale may be lost, applied twice
 * or overdraw the reseller, and the reseller's pushes must not stall; also with a tiny pool and several resellers.
 */
const backend = serverBackends().slice(-1)[0]!;

describe(`a group whose COMMIT fails after the hand-over (${backend.name})`, () => {
  let opened: OpenedBackend;
  let server: RunningServer;
  let api: ApiClient;
  beforeAll(async () => {
    opened = await backend.open({ isolated: true });
    ({ server, api } = await startTestServer(opened.db, mkdtempSync(join(tmpdir(), 'refill-review-'))));
    await opened.db.execScript(`
      CREATE TABLE review_parent (id int PRIMARY KEY);
      CREATE TABLE review_commit_fail (id int REFERENCES review_parent (id) DEFERRABLE INITIALLY DEFERRED);`);
  });
  afterAll(async () => {
    await server?.close();
    await opened?.cleanup();
  });
  const context = {
    cardKeys: loadCardKeys(undefined, mkdtempSync(join(tmpdir(), 'refill-keys-'))),
    ip: '127.0.0.1',
  };
  const terminalsOf = async (n: number, credits: number): Promise<TenantFixture[]> => {
    const first = await createTenant(api, { credits });
    const all = [first];
    while (all.length < n) all.push(await anotherTerminal(api, first));
    return all;
  };

  /** The Database whose grouped transactions (the ones given a committing hook) fail at COMMIT when `fail(n)`. */
  function failingCommits(
    db: Database,
    fail: (n: number) => boolean,
    onStart?: (n: number) => void,
  ): { db: Database; events: string[] } {
    const events: string[] = [];
    let n = 0;
    return {
      events,
      db: {
        ...db,
        kind: db.kind,
        query: (sql, params, how) => db.query(sql, params, how),
        execScript: (sql) => db.execScript(sql),
        close: () => db.close(),
        transaction: async (fn, hooks) => {
          if (!hooks?.committing) return db.transaction(fn, hooks);
          const k = (n += 1);
          events.push(`start ${k}`);
          onStart?.(k);
          try {
            const out = await db.transaction(
              async (tx) => {
                const r = await fn(tx);
                // A deferred constraint: the statement succeeds, COMMIT fails (after the hook was called).
                if (fail(k)) await tx.query('INSERT INTO review_commit_fail (id) VALUES (1)');
                return r;
              },
              {
                committing: () => {
                  events.push(`committing ${k}`);
                  hooks.committing?.();
                },
              },
            );
            events.push(`committed ${k}`);
            return out;
          } catch (err) {
            events.push(`failed ${k}`);
            throw err;
          }
        },
      },
    };
  }

  it.each([
    { failing: true, name: 'fails at COMMIT' },
    { failing: false, name: 'commits' },
  ])(
    'loses no sale, applies none twice and never overdraws when the group ahead $name (a retry in the next group)',
    async ({ failing }) => {
      const terminals = await terminalsOf(8, 5 * 950); // room for exactly five sales
      const answers: Promise<Awaited<ReturnType<PushGroupCommitter['push']>>>[] = [];
      const sent: { t: TenantFixture; cmd: OutboxCommand }[] = [];
      const push = (t: TenantFixture, cmd: OutboxCommand = saleCommand(t)) => {
        sent.push({ t, cmd });
        answers.push(
          committer.push({ resellerId: t.resellerId, terminalId: t.terminal.terminalId }, [cmd], context),
        );
      };
      const wrapped = failingCommits(
        opened.db,
        (k) => failing && k === 1,
        (k) => {
          // While the first group (which will fail at COMMIT) runs: four more pushes, and a retry of one of its
          // pushes (the terminal gave up waiting), so the retry sits in the group handed over at the failing COMMIT.
          if (k === 1) {
            for (const t of terminals.slice(4)) push(t);
            push(sent[1]!.t, sent[1]!.cmd);
          }
        },
      );
      const committer = new PushGroupCommitter(wrapped.db);
      for (const t of terminals.slice(0, 4)) push(t); // one alone, then a group of three
      await Promise.all(answers);
      const settled = await Promise.all(answers);
      expect(wrapped.events.includes('failed 1')).toBe(failing);
      expect(wrapped.events.indexOf('start 2')).toBeGreaterThan(wrapped.events.indexOf('committing 1'));

      // Every push answered, every command id once applied at most.
      const outcomes = settled.map((a) => a.outcomes[0]!);
      expect(outcomes.map((o) => o.id)).toEqual(sent.map((s) => s.cmd.id));
      const rows = await opened.db.query<{ id: string; status: string }>(
        'SELECT id, status FROM commands WHERE reseller_id = $1',
        [terminals[0]!.resellerId],
      );
      expect(rows).toHaveLength(new Set(sent.map((s) => s.cmd.id)).size);
      const sales = await opened.db.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM sales WHERE reseller_id = $1',
        [terminals[0]!.resellerId],
      );
      expect(Number(sales[0]!.n)).toBe(5);
      // The retry tells the same story as the first send.
      const first = outcomes[1]!;
      const retry = outcomes[outcomes.length - 1]!;
      expect(retry.id).toBe(first.id);
      const statusOf = (o: typeof first) => (o.status === 'duplicate' ? o.original : o.status);
      expect(statusOf(retry)).toBe(statusOf(first));
      expect(await ledgerViolations(opened.db, [terminals[0]!.resellerId])).toEqual([]);
      const bal = await api.call('GET', '/v1/terminal/balance', { token: terminals[0]!.token });
      expect(bal.body.balance).toBe(0);
    },
  );

  it('never stalls: four resellers on a pool of two connections, every other group failing at COMMIT', async () => {
    const small = await openPoolDatabase({ kind: backend.name, url: opened.url, maxConnections: 2 });
    try {
      const wrapped = failingCommits(small, (k) => k % 2 === 1);
      const committer = new PushGroupCommitter(wrapped.db);
      const resellers = await Promise.all(Array.from({ length: 4 }, () => terminalsOf(5, 12 * 950)));
      const run = Promise.all(
        resellers.flat().map(async (t) => {
          const out = [];
          for (let i = 0; i < 4; i++)
            out.push(
              await committer.push(
                { resellerId: t.resellerId, terminalId: t.terminal.terminalId },
                [saleCommand(t)],
                context,
              ),
            );
          return out;
        }),
      );
      const timeout = new Promise<'stalled'>((resolve) => setTimeout(() => resolve('stalled'), 40_000));
      const result = await Promise.race([run, timeout]);
      expect(result).not.toBe('stalled');
      const answers = (result as Awaited<typeof run>).flat();
      expect(answers).toHaveLength(4 * 5 * 4);
      expect(wrapped.events.some((e) => e.startsWith('failed'))).toBe(true);
      for (const ts of resellers) {
        const applied = await opened.db.query<{ n: string }>(
          'SELECT count(*)::text AS n FROM sales WHERE reseller_id = $1',
          [ts[0]!.resellerId],
        );
        expect(Number(applied[0]!.n)).toBe(12); // 20 pushes, room for 12
        expect(await ledgerViolations(opened.db, [ts[0]!.resellerId])).toEqual([]);
      }
    } finally {
      await small.close();
    }
  }, 60_000);
});
