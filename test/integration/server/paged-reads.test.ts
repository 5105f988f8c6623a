/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { beforeAll, describe, expect, it } from 'vitest';
import { MANAGER_REJECT_REASONS, pushResponseSchema, type OutboxCommand } from '../../../core/sync/protocol';
import type { Queryable } from '../../../server/db/database';
import { NEEDS_MANAGER_SQL } from '../../../server/sync/manager-attention';
import { PULL_PAGE_SQL } from '../../../server/sync/pull-service';
import {
  customerLookupQuery,
  journalPageQuery,
  salesCursorQuery,
  salesPageQuery,
  walletHistoryPageQuery,
  type PageQuery,
  type SalesPageFilter,
} from '../../../server/terminals/page-queries';
import {
  TEST_OPERATOR_KEY,
  anotherTerminal,
  createTenant,
  saleCommand,
  useTestServer,
  type TenantFixture,
} from './api-harness';
import { addBulkHistory, type BulkHistory } from './bulk-history';
import { serverBackends } from './server-backends';

/** One node of a PostgreSQL plan, as EXPLAIN (FORMAT JSON) gives it. */
interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Name'?: string;
  readonly 'Scan Direction'?: string;
  readonly Plans?: readonly PlanNode[];
}

async function planOf(db: Queryable, q: PageQuery): Promise<PlanNode[]> {
  const rows = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    `EXPLAIN (FORMAT JSON) ${q.sql}`,
    q.params,
  );
  const out: PlanNode[] = [];
  const walk = (n: PlanNode): void => {
    out.push(n);
    for (const c of n.Plans ?? []) walk(c);
  };
  walk(rows[0]!['QUERY PLAN'][0].Plan);
  return out;
}

const describePlan = (nodes: readonly PlanNode[]): string =>
  nodes
    .map((n) => [n['Node Type'], n['Index Name'] ?? n['Relation Name'], n['Scan Direction']].join(' '))
    .join(' / ');

/** The history tables: a page must never read them whole. */
const BIG = new Set(['sales', 'postings', 'journal_entries', 'commands', 'changes']);

/**
 * Checks a page's plan: no sort anywhere, no sequential or bitmap scan of a history table, and the rows of `table`
 * come from one of `indexes` walked in the page's order.
 */
function expectIndexOrder(nodes: readonly PlanNode[], table: string, indexes: readonly string[]): void {
  const plan = describePlan(nodes);
  expect(
    nodes.filter((n) => /Sort/.test(n['Node Type'])),
    plan,
  ).toEqual([]);
  expect(
    nodes.filter((n) => BIG.has(n['Relation Name'] ?? '') && !/^Index( Only)? Scan$/.test(n['Node Type'])),
    plan,
  ).toEqual([]);
  const scans = nodes.filter(
    (n) => n['Relation Name'] === table && /^Index( Only)? Scan$/.test(n['Node Type']),
  );
  expect(scans.length, plan).toBeGreaterThan(0);
  for (const s of scans) expect(indexes, plan).toContain(s['Index Name']);
}

describe.each(serverBackends())('paged reads ($name)', (backend) => {
  const env = useTestServer(backend);

  const push = async (token: string, commands: OutboxCommand[]) => {
    const r = await env.api.call('POST', '/v1/terminal/sync/push', { token, body: { commands } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    for (const o of pushResponseSchema.parse(r.body).outcomes) expect(o.status).toBe('applied');
  };

  /** Every page of a list, following its cursor. */
  const allPages = async (path: string, token: string, key: 'sales' | 'entries', limit: number) => {
    const items: any[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const sep = path.includes('?') ? '&' : '?';
      const r: { status: number; body: any } = await env.api.call(
        'GET',
        `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        { token },
      );
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      items.push(...r.body[key]);
      if (!r.body.hasMore) return items;
      cursor = r.body.cursor;
    }
    throw new Error('too many pages');
  };

  describe('paging across equal timestamps', () => {
    let parent: TenantFixture;
    let second: TenantFixture;
    let child: TenantFixture;
    const at = '2025-03-01T10:00:00.000Z';
    const earlier = '2025-03-01T09:59:59.000Z';

    beforeAll(async () => {
      parent = await createTenant(env.api, { credits: 100_000 });
      second = await anotherTerminal(env.api, parent);
      child = await createTenant(env.api, { credits: 100_000, parentId: parent.resellerId });
      // Many sales at the very same time, on two terminals and the affiliate: only the id tells them apart.
      await push(parent.token, [
        ...Array.from({ length: 5 }, (_, i) =>
          saleCommand(parent, { createdAt: at, account: i % 2 ? '+15550004444' : '+15550005555' }),
        ),
        saleCommand(parent, { createdAt: earlier, account: '+15550004444' }),
      ]);
      await push(second.token, [
        ...Array.from({ length: 3 }, () => saleCommand(second, { createdAt: at, account: '+15550004444' })),
      ]);
      await push(child.token, [
        ...Array.from({ length: 4 }, () => saleCommand(child, { createdAt: at, account: '+15550004444' })),
        saleCommand(child, { createdAt: earlier }),
      ]);
    });

    const order = (a: any, b: any) =>
      a.createdAt === b.createdAt ? (a.saleId < b.saleId ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;

    it('pages every sale of the reseller and its affiliate once, newest first, ties by id', async () => {
      const everything = await allPages('/v1/terminal/sales', parent.token, 'sales', 500);
      expect(everything).toHaveLength(14);
      expect(everything).toEqual([...everything].sort(order));
      for (const limit of [1, 2, 3, 5]) {
        const paged = await allPages('/v1/terminal/sales', parent.token, 'sales', limit);
        expect(paged.map((s) => s.saleId)).toEqual(everything.map((s) => s.saleId));
      }
    });

    it('pages each filter without duplicates or skips', async () => {
      const cases: [string, (s: any) => boolean][] = [
        ['customer=%2B15550004444', (s) => s.customerAccount === '+15550004444'],
        [`terminalId=${second.terminal.terminalId}`, (s) => s.terminalId === second.terminal.terminalId],
        [`resellerId=${child.resellerId}`, (s) => s.resellerId === child.resellerId],
        ['status=purchased', (s) => s.status === 'purchased'],
        [`from=${at}`, (s) => s.createdAt >= at],
        [`to=${at}`, (s) => s.createdAt < at],
        [
          `customer=%2B15550004444&from=${earlier}&to=${at}`,
          (s) => s.customerAccount === '+15550004444' && s.createdAt < at,
        ],
      ];
      const everything = await allPages('/v1/terminal/sales', parent.token, 'sales', 500);
      for (const [query, keep] of cases) {
        const want = everything.filter(keep).map((s) => s.saleId);
        expect(want.length, query).toBeGreaterThan(0);
        const paged = await allPages(`/v1/terminal/sales?${query}`, parent.token, 'sales', 2);
        expect(
          paged.map((s) => s.saleId),
          query,
        ).toEqual(want);
      }
    });

    it('refuses a cursor that names no sale it can see', async () => {
      const theirs = await allPages('/v1/terminal/sales', child.token, 'sales', 500);
      const stranger = await createTenant(env.api, { credits: 10_000 });
      const r = await env.api.call('GET', `/v1/terminal/sales?cursor=${theirs[0].saleId}`, {
        token: stranger.token,
      });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('invalid_cursor');
    });

    it('pages the journal once each, newest entry first', async () => {
      const everything = await allPages('/v1/terminal/journal', parent.token, 'entries', 500);
      // The credit purchase and seven sales... and the second terminal's three.
      expect(everything).toHaveLength(10);
      const ids = everything.map((e) => e.entryId);
      expect(ids).toEqual([...ids].sort().reverse());
      for (const limit of [1, 3, 4]) {
        const paged = await allPages('/v1/terminal/journal', parent.token, 'entries', limit);
        expect(paged.map((e) => e.entryId)).toEqual(ids);
      }
    });

    it('looks the customer up with its last top-up across the affiliates', async () => {
      const r = await env.api.call('GET', '/v1/terminal/customers/+15550004444', { token: parent.token });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ account: '+15550004444', lastTopUpAt: at, walletBalance: 10 * 1000 });
    });
  });

  // Speed is not asserted (timed tests flake on a loaded machine): the plans must walk an index in the order the page
  // returns and never sort, which is what keeps a first page as cheap with a million sales as with ten.
  describe('query plans over a long history', () => {
    let big: TenantFixture;
    let affiliate: TenantFixture;
    let history: BulkHistory;
    let customerId: string;

    beforeAll(async () => {
      big = await createTenant(env.api, { credits: 10_000 });
      affiliate = await createTenant(env.api, { parentId: big.resellerId });
      const start = Date.parse('2024-01-01T00:00:00Z');
      history = await addBulkHistory(
        env.db,
        {
          resellerId: big.resellerId,
          terminalId: big.terminal.terminalId,
          packageId: big.pkg.id,
          packageVersion: 1,
        },
        { sales: 30_000, customers: 300, startMs: start, stepMs: 1_000, offlineEvery: 10, batch: 0 },
      );
      await addBulkHistory(
        env.db,
        {
          resellerId: affiliate.resellerId,
          terminalId: affiliate.terminal.terminalId,
          packageId: big.pkg.id,
          packageVersion: 1,
        },
        { sales: 10_000, customers: 100, startMs: start, stepMs: 3_000, offlineEvery: 0, batch: 1 },
      );
      customerId = (
        await env.db.query<{ id: string }>(
          'SELECT id FROM customers WHERE reseller_id = $1 AND account_number = $2',
          [big.resellerId, history.accounts[7]],
        )
      )[0]!.id;
    });

    it('keeps the ledger summing after the bulk history', async () => {
      const drift = await env.db.query(
        `SELECT a.id FROM accounts a
           LEFT JOIN (SELECT account_id, sum(amount) AS s FROM postings WHERE reseller_id = $1 GROUP BY account_id) p
             ON p.account_id = a.id
          WHERE a.reseller_id = $1 AND a.balance <> coalesce(p.s, 0)`,
        [big.resellerId],
      );
      expect(drift).toEqual([]);
      const r = await env.api.call('GET', '/v1/terminal/balance', { token: big.token });
      expect(r.body.balance).toBe(10_000);
    });

    it('walks postings_account backwards for the journal and the wallet history', async () => {
      for (const cursor of [undefined, '01900000-0000-7000-8000-000000000000']) {
        expectIndexOrder(await planOf(env.db, journalPageQuery(big.resellerId, cursor, 51)), 'postings', [
          'postings_account',
        ]);
        expectIndexOrder(
          await planOf(env.db, walletHistoryPageQuery(big.resellerId, customerId, cursor, 51)),
          'postings',
          ['postings_account'],
        );
        // The wallet history's filters (kind, date range) narrow the walk; they never change its index or order.
        for (const filter of [
          { kind: 'sale' },
          { from: '2024-01-01T00:00:00.000Z', to: '2030-01-01T00:00:00.000Z' },
          { kind: 'credit_purchase', from: '2024-01-01T00:00:00.000Z' },
        ]) {
          expectIndexOrder(
            await planOf(env.db, journalPageQuery(big.resellerId, cursor, 51, filter)),
            'postings',
            ['postings_account'],
          );
        }
      }
    });

    it('walks a sales index in newest-first order for every filter, alone and with the affiliate', async () => {
      const after = { createdAt: '2024-01-01 04:00:00+00', id: '018cc251-f400-7000-8000-000000000000' };
      const cases: [SalesPageFilter, string[]][] = [
        [{}, ['sales_created']],
        [{ status: 'refunded' }, ['sales_status_created']],
        [{ status: 'purchased' }, ['sales_status_created', 'sales_created']],
        [{ customer: history.accounts[3]! }, ['sales_customer_created']],
        [{ terminalId: big.terminal.terminalId }, ['sales_terminal', 'sales_created']],
        [{ from: '2024-01-01T02:00:00Z', to: '2024-01-01T03:00:00Z' }, ['sales_created']],
        [{ status: 'refunded', from: '2024-01-01T02:00:00Z' }, ['sales_status_created']],
        [{ customer: history.accounts[3]!, status: 'purchased' }, ['sales_customer_created']],
        [
          { customer: history.accounts[3]!, terminalId: big.terminal.terminalId },
          ['sales_customer_created', 'sales_terminal'],
        ],
      ];
      for (const [filter, indexes] of cases) {
        for (const cursor of [null, after]) {
          for (const resellers of [[big.resellerId], [big.resellerId, affiliate.resellerId]]) {
            const nodes = await planOf(env.db, salesPageQuery(resellers, filter, cursor, 51));
            expectIndexOrder(nodes, 'sales', indexes);
            if (resellers.length > 1)
              expect(
                nodes.map((n) => n['Node Type']),
                describePlan(nodes),
              ).toContain('Merge Append');
          }
        }
      }
      const cursorPlan = await planOf(
        env.db,
        salesCursorQuery([big.resellerId, affiliate.resellerId], after.id),
      );
      expectIndexOrder(cursorPlan, 'sales', ['sales_pkey']);
    });

    it('finds the last top-up of the customer lookup with one index probe', async () => {
      const nodes = await planOf(
        env.db,
        customerLookupQuery([big.resellerId, affiliate.resellerId], history.accounts[5]!, big.resellerId),
      );
      const plan = describePlan(nodes);
      const sales = nodes.filter((n) => n['Relation Name'] === 'sales');
      expect(sales.length, plan).toBeGreaterThan(0);
      for (const s of sales) {
        expect(s['Node Type'], plan).toMatch(/^Index( Only)? Scan$/);
        expect(s['Index Name'], plan).toBe('sales_customer_created');
        expect(s['Scan Direction'], plan).toBe('Backward');
      }
      const r = await env.api.call(
        'GET',
        `/v1/terminal/customers/${encodeURIComponent(history.accounts[5]!)}`,
        {
          token: big.token,
        },
      );
      expect(r.status).toBe(200);
      // 30,000 sales over 300 customers: customer 6 bought last with sale 29,706, one second apart from 2024-01-01.
      expect(r.body.lastTopUpAt).toBe(
        new Date(Date.parse('2024-01-01T00:00:00Z') + 29_705_000).toISOString(),
      );
    });

    it('walks commands_attention for the manager list and the feed key for pull', async () => {
      expectIndexOrder(
        await planOf(env.db, {
          sql: NEEDS_MANAGER_SQL,
          params: [big.resellerId, [...MANAGER_REJECT_REASONS], 100],
        }),
        'commands',
        ['commands_attention'],
      );
      const r = await env.api.call('GET', `/v1/operator/resellers/${big.resellerId}/attention?limit=5`, {
        token: TEST_OPERATOR_KEY,
      });
      expect(r.status).toBe(200);
      // One in a thousand bulk commands was refused offline: the newest five of them, newest first.
      const listed = JSON.stringify(r.body);
      expect(listed).toContain('insufficient_credits');
      // The feed of this reseller is short here; pin the plan so it stays on the key however long it grows.
      await env.db.transaction(async (tx) => {
        await tx.query('SET LOCAL enable_seqscan = off');
        await tx.query('SET LOCAL enable_bitmapscan = off');
        expectIndexOrder(
          await planOf(tx, { sql: PULL_PAGE_SQL, params: [big.resellerId, '0', 501] }),
          'changes',
          ['changes_pkey'],
        );
      });
    });
  });
});
