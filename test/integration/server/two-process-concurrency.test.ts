import { describe, expect, it } from 'vitest';
import { pushResponseSchema } from '../../../core/sync/protocol';
import { createTenant, ledgerViolations, saleCommand } from './api-harness';
import { useServerProcesses, type ServerProcess } from './server-process';
import { serverBackends } from './server-backends';

// Two server processes share one database: the run's embedded PostgreSQL (a database of its own), and an external
// PostgreSQL too when REFILL_TEST_DATABASE_URL is set.
describe.each(serverBackends())('two server processes on one PostgreSQL ($name)', (backend) => {
  const env = useServerProcesses(backend, [{}, {}]);

  it('never overdraws and never loses or doubles a posting under concurrent online sales', async () => {
    const [a, b] = env.processes as [ServerProcess, ServerProcess];
    const credits = 40 * 950; // room for exactly 40 sales
    const t = await createTenant(a.api, { credits });
    const cmds = Array.from({ length: 120 }, (_, i) => saleCommand(t, { account: `+1555100${i % 10}` }));
    // Each command is pushed twice: once through each process, all at once, in small batches.
    const batches: (typeof cmds)[] = [];
    for (let i = 0; i < cmds.length; i += 3) batches.push(cmds.slice(i, i + 3));
    const sends = batches.flatMap((batch, i) => [
      (i % 2 ? a : b).api.call('POST', '/v1/terminal/sync/push', {
        token: t.token,
        body: { commands: batch },
      }),
      (i % 2 ? b : a).api.call('POST', '/v1/terminal/sync/push', {
        token: t.token,
        body: { commands: batch },
      }),
    ]);
    const answers = await Promise.all(sends);
    const outcomes = answers.flatMap((r) => {
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return pushResponseSchema.parse(r.body).outcomes;
    });
    const firstOutcome = new Map<string, string>();
    for (const o of outcomes) {
      if (o.status !== 'duplicate') {
        expect(firstOutcome.has(o.id), `command ${o.id} decided twice`).toBe(false);
        firstOutcome.set(o.id, o.status === 'applied' ? 'applied' : o.reason);
      }
    }
    expect(firstOutcome.size).toBe(120);
    const applied = [...firstOutcome.values()].filter((s) => s === 'applied').length;
    expect(applied).toBe(40);
    expect(
      [...firstOutcome.values()].filter((s) => s !== 'applied').every((s) => s === 'insufficient_credits'),
    ).toBe(true);
    const bal = await b.api.call('GET', '/v1/terminal/balance', { token: t.token });
    expect(bal.body.balance).toBe(0);
    const n = await env.db.query<{ sales: string; postings: string }>(
      `SELECT (SELECT count(*) FROM sales WHERE reseller_id = $1)::text AS sales,
              (SELECT count(*) FROM postings p JOIN journal_entries e ON e.reseller_id = p.reseller_id
                 AND e.id = p.entry_id WHERE p.reseller_id = $1 AND e.kind = 'sale')::text AS postings`,
      [t.resellerId],
    );
    expect(n[0]).toEqual({ sales: '40', postings: String(40 * 4) });
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });
});
