import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutboxCommand, PushResponse, SaleCreatePayload } from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import { loadCardKeys } from '../../../server/cards/card-keys';
import type { Database } from '../../../server/db/database';
import { pushCommands, pushGroup, type PendingPush } from '../../../server/sync/push-service';
import {
  anotherTerminal,
  createTenant,
  ledgerViolations,
  saleCommand,
  useTestServer,
  type TenantFixture,
} from './api-harness';
import { serverBackends } from './server-backends';
import { countingStatements } from './push-round-trips/group-support';

type Answer = Omit<PushResponse, 'serverTime'>;

/** The terminal pushing, as its token would establish it. */
function pushing(t: TenantFixture): { resellerId: string; terminalId: string } {
  return { resellerId: t.resellerId, terminalId: t.terminal.terminalId };
}

describe.each(serverBackends())('round trips of a push of online sales ($name)', (backend) => {
  // A database of its own: the test compares two resellers' change feeds, and a package another test file creates
  // meanwhile is on every reseller's feed (it failed CI's PostgreSQL phase once that way).
  const env = useTestServer(backend, { isolated: true });
  const context = {
    cardKeys: loadCardKeys(undefined, mkdtempSync(join(tmpdir(), 'refill-keys-'))),
    ip: '127.0.0.1',
  };
  const pending = (t: TenantFixture, commands: OutboxCommand[]): PendingPush => ({
    terminal: { resellerId: t.resellerId, terminalId: t.terminal.terminalId },
    commands,
    context,
  });

  it('decides a group of several terminals online sales in at most 8 statements, BEGIN and COMMIT included', async () => {
    const first = await createTenant(env.api, { credits: 1_000_000 });
    const terminals = [first];
    while (terminals.length < 4) terminals.push(await anotherTerminal(env.api, first));
    // A customer the server already has, then a group: new customers (one shared by two terminals), the known one,
    // a bundle with a validity.
    await pushCommands(env.db, pushing(first), [saleCommand(first, { account: '+15557770000' })], context);
    const counted = countingStatements(env.db);
    const results = await pushGroup(counted.db, [
      pending(terminals[0]!, [saleCommand(terminals[0]!, { account: '+15557770001' })]),
      pending(terminals[1]!, [saleCommand(terminals[1]!, { account: '+15557770001', pkg: first.bundle })]),
      pending(terminals[2]!, [saleCommand(terminals[2]!, { account: '+15557770000' })]),
      pending(terminals[3]!, [saleCommand(terminals[3]!, { account: '+15557770003' })]),
    ]);
    for (const r of results)
      expect(r).toMatchObject({ status: 'fulfilled', value: { outcomes: [{ status: 'applied' }] } });
    expect(counted.perTransaction).toHaveLength(1); // one group, one transaction
    expect(counted.perTransaction[0]).toBeLessThanOrEqual(8);
    expect(await ledgerViolations(env.db, [first.resellerId])).toEqual([]);

    // A group whose every sale is refused writes only the outcomes (no journal, no change), in one statement too.
    const unknown = { ...first.pkg, id: uuidv7() };
    const refused = countingStatements(env.db);
    const refusals = await pushGroup(refused.db, [
      pending(terminals[0]!, [saleCommand(terminals[0]!, { pkg: unknown })]),
      pending(terminals[1]!, [saleCommand(terminals[1]!, { pkg: unknown })]),
    ]);
    for (const r of refusals)
      expect(r).toMatchObject({
        status: 'fulfilled',
        value: { outcomes: [{ status: 'rejected' }], balance: null },
      });
    expect(refused.perTransaction).toHaveLength(1);
    expect(refused.perTransaction[0]).toBeLessThanOrEqual(8);

    // The per-statement path (any batch that is not online sales only: here a malformed command rides along, which
    // is refused and writes nothing) sends far more for the same sales.
    const slow = countingStatements(env.db);
    await pushCommands(
      slow.db,
      pushing(first),
      [
        saleCommand(first, { account: '+15557770004' }),
        saleCommand(first, { account: '+15557770004', pkg: first.bundle }),
        saleCommand(first, { account: '+15557770000' }),
        saleCommand(first, { account: '+15557770005' }),
        { id: 'not-a-command' },
      ] as OutboxCommand[],
      context,
    );
    console.log(
      `statements per transaction: group of 4 online sales ${counted.perTransaction[0]}, per-statement path ${slow.perTransaction[0]}`,
    );
    expect(slow.perTransaction[0]).toBeGreaterThan(counted.perTransaction[0]!);
    expect(await ledgerViolations(env.db, [first.resellerId])).toEqual([]);
  });

  it('leaves the same outcomes, rows, balances and change feed as the per-statement path', async () => {
    const createdAt = new Date(Date.now() - 60_000).toISOString();
    const testStart = new Date().toISOString();
    // Credits for the sale before, then 950 + 400 + 950 with 500 left: the last top-up of the batch is refused.
    const credits = 950 + 950 + 400 + 950 + 500;
    const a = await createTenant(env.api, { credits });
    const b = await createTenant(env.api, { credits });
    const at = (t: TenantFixture, c: OutboxCommand): OutboxCommand => ({ ...c, createdAt, clerkId: null });
    // The same commands for both resellers (B's with ids of its own and its terminal's sale prefix).
    const template = (t: TenantFixture) => {
      const prior = at(t, saleCommand(t, { account: '+15558880000' }));
      const sale1 = at(t, saleCommand(t, { account: '+15558880001' }));
      const sale2 = at(t, saleCommand(t, { account: '+15558880001', pkg: t.bundle }));
      const sale3 = at(t, saleCommand(t, { account: '+15558880000' }));
      const taken = at(t, saleCommand(t, { account: '+15558880002' }));
      const takenPayload = taken.payload as SaleCreatePayload;
      taken.payload = { ...takenPayload, saleNumber: (prior.payload as SaleCreatePayload).saleNumber };
      const short = at(t, saleCommand(t, { account: '+15558880003' }));
      return { prior, batch: [sale1, sale2, sale3, prior, sale1, taken, short] };
    };
    const asB = (c: OutboxCommand, ids: Map<string, string>): OutboxCommand => {
      const p = c.payload as SaleCreatePayload;
      const rename = (id: string) => ids.get(id) ?? ids.set(id, uuidv7()).get(id)!;
      const suffix = p.saleNumber.slice(p.saleNumber.indexOf('-'));
      return {
        ...c,
        id: rename(c.id),
        payload: {
          ...p,
          saleId: rename(p.saleId),
          saleNumber: `${b.terminal.salePrefix}${suffix}`,
          packageId: p.packageId === a.pkg.id ? b.pkg.id : b.bundle.id,
        },
      };
    };
    const ta = template(a);
    const ids = new Map<string, string>();
    const tb = { prior: asB(ta.prior, ids), batch: ta.batch.map((c) => asB(c, ids)) };

    const run = async (
      t: TenantFixture,
      cmds: { prior: OutboxCommand; batch: OutboxCommand[] },
      extra: unknown[],
    ) => {
      await env.db.query(
        `INSERT INTO wallet_settings (reseller_id, alert_level) VALUES ($1, 1000)
         ON CONFLICT (reseller_id) DO UPDATE SET alert_level = 1000`,
        [t.resellerId],
      );
      await pushCommands(env.db, pushing(t), [cmds.prior], context);
      const from = await env.db.query<{ last_seq: string }>(
        'SELECT last_seq::text AS last_seq FROM change_counters WHERE reseller_id = $1',
        [t.resellerId],
      );
      const counted = countingStatements(env.db);
      const answer = await pushCommands(
        counted.db,
        pushing(t),
        [...cmds.batch, ...extra] as OutboxCommand[],
        context,
      );
      return { answer, fromSeq: Number(from[0]!.last_seq), statements: counted.perTransaction[0]! };
    };
    // A: online sales only, the one-statement path. B: the same with a malformed command last (refused, writes
    // nothing), which sends the batch down the per-statement path.
    const ra = await run(a, ta, []);
    const rb = await run(b, tb, [{ id: 'not-a-command' }]);
    expect(ra.statements).toBeLessThanOrEqual(8);
    expect(rb.statements).toBeGreaterThan(8);
    expect(rb.answer.outcomes.pop()).toMatchObject({ status: 'rejected', reason: 'invalid_command' });
    expect(ra.answer.outcomes.map((o) => o.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'duplicate',
      'duplicate',
      'rejected',
      'rejected',
    ]);

    const snapA = await snapshot(env.db, a, ta, ra);
    const snapB = await snapshot(env.db, b, tb, rb);
    expect(normalize(snapA, a, testStart)).toEqual(normalize(snapB, b, testStart));
    // The balance alert crossed in the batch is on the feed, before the balance (the feed's last change).
    const kinds = (snapA.changes as { kind: string }[]).map((c) => c.kind);
    expect(kinds.slice(-2)).toEqual(['wallet_notice', 'balance']);
    expect(await ledgerViolations(env.db, [a.resellerId, b.resellerId])).toEqual([]);
  });
});

/** Everything one batch left for one reseller, in the order of its commands. */
async function snapshot(
  db: Database,
  t: TenantFixture,
  cmds: { prior: OutboxCommand; batch: OutboxCommand[] },
  run: { answer: Answer; fromSeq: number },
): Promise<Record<string, unknown>> {
  const r = t.resellerId;
  const order = [cmds.prior, ...cmds.batch].map((c) => c.id);
  const byCommand = <T extends { command_id: string }>(rows: T[]): T[] =>
    [...rows].sort((x, y) => order.indexOf(x.command_id) - order.indexOf(y.command_id));
  const commands = await db.query<{ command_id: string }>(
    `SELECT id AS command_id, terminal_id, type, status, result, reason, message, offline, created_at
       FROM commands WHERE reseller_id = $1`,
    [r],
  );
  const sales = await db.query<{ command_id: string }>(
    `SELECT id, sale_number, terminal_id, customer_id, customer_account, package_id, package_version, quantity,
            retail_amount, wholesale_amount, currency, status, offline, offline_seq, command_id, entry_id, grant_id,
            created_at, from_stock
       FROM sales WHERE reseller_id = $1`,
    [r],
  );
  const entries = await db.query<{ command_id: string }>(
    `SELECT e.id, e.kind, e.command_id, e.memo,
            (SELECT json_agg(json_build_object('line', p.line, 'account', p.account_id, 'amount', p.amount,
                                               'currency', p.currency) ORDER BY p.line)
               FROM postings p WHERE p.reseller_id = e.reseller_id AND p.entry_id = e.id) AS postings
       FROM journal_entries e WHERE e.reseller_id = $1 AND e.command_id IS NOT NULL`,
    [r],
  );
  const grants = await db.query<{ command_id: string }>(
    `SELECT g.id, g.customer_id, g.amount, g.remaining, g.currency, g.priority, g.expires_at, g.source, g.source_id,
            s.command_id
       FROM grants g JOIN sales s ON s.reseller_id = g.reseller_id AND s.id = g.source_id
      WHERE g.reseller_id = $1`,
    [r],
  );
  const accounts = await db.query(
    `SELECT a.id, a.kind, a.customer_id, a.currency, a.balance, c.account_number
       FROM accounts a LEFT JOIN customers c ON c.reseller_id = a.reseller_id AND c.id = a.customer_id
      WHERE a.reseller_id = $1 ORDER BY a.kind, c.account_number NULLS FIRST`,
    [r],
  );
  const customers = await db.query(
    'SELECT id, account_number, wallet_account_id FROM customers WHERE reseller_id = $1 ORDER BY account_number',
    [r],
  );
  const changes = await db.query(
    `SELECT seq - $2 AS seq, kind, data FROM changes WHERE reseller_id = $1 AND seq > $2 ORDER BY seq`,
    [r, run.fromSeq],
  );
  const balance = run.answer.balance && {
    ...run.answer.balance,
    seq: Number(run.answer.balance.seq) - run.fromSeq,
  };
  return {
    outcomes: run.answer.outcomes,
    balance,
    commands: byCommand(commands),
    sales: byCommand(sales),
    entries: byCommand(entries),
    grants: byCommand(grants),
    accounts,
    customers,
    changes,
  };
}

/**
 * The snapshot with what differs between two resellers by construction replaced: the reseller, terminal and sale
 * prefix by names, every other id by its order of first appearance, times of the run (not the commands') by NOW.
 */
function normalize(snap: Record<string, unknown>, t: TenantFixture, testStart: string): unknown {
  let text = JSON.stringify(snap, (_k, v: unknown) => (v instanceof Date ? v.toISOString() : v));
  text = text
    .split(t.resellerId)
    .join('RESELLER')
    .split(t.terminal.terminalId)
    .join('TERMINAL')
    .split(`${t.terminal.salePrefix}-`)
    .join('PREFIX-');
  const seen = new Map<string, string>();
  text = text.replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi,
    (id) => seen.get(id.toLowerCase()) ?? seen.set(id.toLowerCase(), `ID${seen.size}`).get(id.toLowerCase())!,
  );
  text = text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/g, (iso) =>
    new Date(iso).toISOString() >= testStart ? 'NOW' : new Date(iso).toISOString(),
  );
  return JSON.parse(text);
}
