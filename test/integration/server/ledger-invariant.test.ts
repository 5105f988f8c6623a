import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pushResponseSchema } from '../../../core/sync/protocol';
import { TEST_OPERATOR_KEY, createTenant, ledgerViolations, saleCommand, useTestServer } from './api-harness';
import { serverBackends } from './server-backends';

/** One generated operation against a fresh reseller. */
type Op =
  | { kind: 'credits'; amount: number }
  | { kind: 'sale'; offline: boolean; quantity: number; bundle: boolean; customer: number }
  | { kind: 'pull' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('credits' as const), amount: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({
    kind: fc.constant('sale' as const),
    offline: fc.boolean(),
    quantity: fc.integer({ min: 1, max: 4 }),
    bundle: fc.boolean(),
    customer: fc.integer({ min: 0, max: 3 }),
  }),
  fc.constant({ kind: 'pull' as const }),
);

describe.each(serverBackends())('ledger invariants under random operations ($name)', (backend) => {
  const env = useTestServer(backend);

  it('keeps every entry balanced, balances equal postings, and online sales never overdraw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        const t = await createTenant(env.api, {
          floorLimits: { perSaleMax: 3000, totalOfflineMax: 6000, maxHoursSinceSync: 24 },
        });
        let expected = 0;
        for (const op of ops) {
          if (op.kind === 'credits') {
            const r = await env.api.call('POST', `/v1/operator/resellers/${t.resellerId}/credits`, {
              token: TEST_OPERATOR_KEY,
              body: { amount: op.amount },
            });
            expect(r.status).toBe(200);
            expected += op.amount;
          } else if (op.kind === 'pull') {
            await env.api.call('GET', '/v1/terminal/sync/pull?limit=1000', { token: t.token });
          } else {
            const cmd = saleCommand(t, {
              offline: op.offline,
              quantity: op.quantity,
              pkg: op.bundle ? t.bundle : t.pkg,
              account: `+1555000${op.customer}000`,
            });
            const before = expected;
            const r = await env.api.call('POST', '/v1/terminal/sync/push', {
              token: t.token,
              body: { commands: [cmd] },
            });
            const [o] = pushResponseSchema.parse(r.body).outcomes;
            const wholesale = (op.bundle ? t.bundle : t.pkg).wholesalePrice * op.quantity;
            if (o!.status === 'applied') {
              expected -= wholesale;
              if (!op.offline) expect(before - wholesale).toBeGreaterThanOrEqual(0);
            } else if (o!.status === 'rejected') {
              expect(op.offline ? 'floor_limit_exceeded' : 'insufficient_credits').toBe(o!.reason);
            }
          }
          const bal = await env.api.call('GET', '/v1/terminal/balance', { token: t.token });
          expect(bal.body.balance).toBe(expected);
          expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
        }
      }),
      { numRuns: 15 },
    );
  });
});
