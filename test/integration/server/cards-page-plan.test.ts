/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CardFilter } from '../../../core/cards/card-schemas';
import { cardsPageQuery } from '../../../server/cards/card-queries';
import { TEST_OPERATOR_KEY, createTenant, useTestServer, type TenantFixture } from './api-harness';
import { serverBackends } from './server-backends';

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Name'?: string;
  readonly Plans?: readonly PlanNode[];
}

describe.each(serverBackends())('cards pages walk an index in creation order ($name)', (backend) => {
  const env = useTestServer(backend);
  let parent: TenantFixture;
  let child: TenantFixture;
  const series: string[] = [];

  const mint = async (resellerId: string, quantity: number, prefix: string): Promise<string> => {
    const r = await env.api.call('POST', `/v1/operator/resellers/${resellerId}/card-series`, {
      token: TEST_OPERATOR_KEY,
      body: {
        amount: 100,
        currency: 'USD',
        quantity,
        prefix,
        expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString(),
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.seriesId as string;
  };

  beforeAll(async () => {
    parent = await createTenant(env.api, { credits: 10_000_000 });
    child = await createTenant(env.api, { credits: 10_000_000, parentId: parent.resellerId });
    series.push(await mint(parent.resellerId, 4_000, '301'));
    series.push(await mint(parent.resellerId, 4_000, '302'));
    series.push(await mint(child.resellerId, 1_500, '303'));
    await env.db.execScript('ANALYZE cards');
  }, 120_000);

  const planOf = async (owners: string[], filter: CardFilter, after: string | undefined) => {
    const q = cardsPageQuery(owners, filter, after, 201);
    const rows = await env.db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
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
  };

  it('never sorts or scans the cards table, for each filter, with and without a cursor, one owner or two', async () => {
    const cursor = '018cc251-f400-7000-8000-000000000000';
    const filters: CardFilter[] = [
      {},
      { status: 'new' },
      { seriesId: series[0]! },
      { prefix: '302' },
      { amount: 100, status: 'new' },
      { expiresFrom: new Date().toISOString() },
    ];
    for (const filter of filters)
      for (const after of [undefined, cursor])
        for (const owners of [[parent.resellerId], [parent.resellerId, child.resellerId]]) {
          const nodes = await planOf(owners, filter, after);
          const plan = nodes
            .map((n) => [n['Node Type'], n['Index Name'] ?? n['Relation Name']].join(' '))
            .join(' / ');
          expect(
            nodes.filter((n) => /Sort/.test(n['Node Type'])),
            plan,
          ).toEqual([]);
          const onCards = nodes.filter((n) => n['Relation Name'] === 'cards');
          expect(onCards.length, plan).toBeGreaterThan(0);
          for (const n of onCards) {
            expect(n['Node Type'], plan).toMatch(/^Index( Only)? Scan$/);
            expect(['cards_pkey', 'cards_series'], plan).toContain(n['Index Name']);
          }
          if (owners.length > 1) expect(plan).toContain('Merge Append');
        }
  });

  it('pages every card of the reseller and its affiliate once, in id order, for a filter too', async () => {
    for (const [query, expected] of [
      ['', 9_500],
      [`seriesId=${series[1]}`, 4_000],
      ['prefix=303', 1_500],
    ] as const) {
      const ids: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 100; guard++) {
        const r: { status: number; body: any } = await env.api.call(
          'GET',
          `/v1/terminal/cards?limit=1000${query ? `&${query}` : ''}${after ? `&after=${after}` : ''}`,
          { token: parent.token },
        );
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        ids.push(...r.body.cards.map((c: any) => c.id));
        if (!r.body.hasMore) break;
        after = r.body.cursor;
      }
      expect(ids).toHaveLength(expected);
      expect(new Set(ids).size).toBe(expected);
      expect([...ids].sort()).toEqual(ids);
    }
  });
});
