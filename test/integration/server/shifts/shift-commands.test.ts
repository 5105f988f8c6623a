/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { pushResponseSchema, type OutboxCommand } from '../../../../core/sync/protocol';
import { uuidv7 } from '../../../../core/uuidv7';
import { shiftPageQuery } from '../../../../server/shifts/shift-queries';
import {
  anotherTerminal,
  createTenant,
  TEST_OPERATOR_KEY,
  useTestServer,
  type TenantFixture,
} from '../api-harness';
import { serverBackends } from '../server-backends';

const CLERK = '018f0000-0000-7000-8000-000000000001';

function openCommand(t: TenantFixture, shiftId: string, shiftNumber: number, float = 10_000): OutboxCommand {
  return {
    id: uuidv7(),
    type: 'shift.open',
    payload: {
      shiftId,
      shiftNumber,
      openedAt: new Date().toISOString(),
      openedBy: CLERK,
      currency: 'USD',
      float,
      implicit: false,
    },
    createdAt: new Date().toISOString(),
    clerkId: CLERK,
    offline: false,
  };
}

function closeCommand(
  t: TenantFixture,
  shiftId: string,
  z: number,
  counted: number,
  extra: object = {},
): OutboxCommand {
  return {
    id: uuidv7(),
    type: 'shift.close',
    payload: {
      shiftId,
      zNumber: `${t.terminal.salePrefix}-Z${String(z).padStart(6, '0')}`,
      closedAt: new Date().toISOString(),
      closedBy: CLERK,
      currency: 'USD',
      float: 10_000,
      salesCount: 3,
      salesAmount: 3_000,
      voidCount: 1,
      refundCount: 1,
      refundAmount: 1_000,
      cashIn: 500,
      cashOut: 2_000,
      expected: 10_500,
      counted,
      difference: counted - 10_500,
      byClerk: [
        {
          clerkId: CLERK,
          salesCount: 3,
          salesAmount: 3_000,
          voidCount: 1,
          refundCount: 1,
          refundAmount: 1_000,
          cashIn: 500,
          cashOut: 2_000,
        },
      ],
      ...extra,
    },
    createdAt: new Date().toISOString(),
    clerkId: CLERK,
    offline: false,
  };
}

describe.each(serverBackends())('shift commands ($name)', (backend) => {
  const env = useTestServer(backend);
  const push = async (token: string, commands: OutboxCommand[]) => {
    const r = await env.api.call('POST', '/v1/terminal/sync/push', { token, body: { commands } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return pushResponseSchema.parse(r.body).outcomes;
  };

  it('opens and closes a shift once: replays repeat the outcome, a second close and a stranger are refused', async () => {
    const t = await createTenant(env.api, { credits: 1_000 });
    const shiftId = uuidv7();
    const open = openCommand(t, shiftId, 1);
    const close = closeCommand(t, shiftId, 1, 10_400);
    // Open and close in one batch: the open is written first.
    const [o, c] = await push(t.token, [open, close]);
    expect(o).toMatchObject({ status: 'applied', result: { shiftId } });
    expect(c).toMatchObject({
      status: 'applied',
      result: { shiftId, zNumber: `${t.terminal.salePrefix}-Z000001` },
    });

    // The same commands again (a lost answer): duplicates of the first outcome, nothing written twice.
    const replay = await push(t.token, [open, close]);
    expect(replay.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(replay[1]).toMatchObject({ original: 'applied', result: { shiftId } });

    // A different close of the closed shift, a replayed id with another payload, a shift nobody opened.
    const second = closeCommand(t, shiftId, 2, 10_500);
    const changed = {
      ...close,
      payload: { ...(close.payload as object), counted: 1, difference: 1 - 10_500 },
    };
    const unknown = closeCommand(t, uuidv7(), 3, 10_500);
    const [s2, ch, un] = await push(t.token, [second, changed, unknown]);
    expect(s2).toMatchObject({ status: 'rejected', reason: 'shift_conflict' });
    expect(ch).toMatchObject({ status: 'rejected', reason: 'id_reused_with_different_payload' });
    expect(un).toMatchObject({ status: 'rejected', reason: 'shift_unknown' });

    // Another terminal of the same reseller cannot close this terminal's shift, nor reuse its shift id.
    const other = await anotherTerminal(env.api, t);
    const [stranger, reuse] = await push(other.token, [
      closeCommand(other, shiftId, 1, 1),
      openCommand(other, shiftId, 1),
    ]);
    expect(stranger).toMatchObject({ status: 'rejected', reason: 'shift_unknown' });
    expect(reuse).toMatchObject({ status: 'rejected', reason: 'shift_conflict' });

    // A shift number or Z number the terminal used already is refused (never a failed batch).
    const renumbered = uuidv7();
    const [dupNumber, okOpen] = await push(t.token, [
      openCommand(t, uuidv7(), 1),
      openCommand(t, renumbered, 2),
    ]);
    expect(dupNumber).toMatchObject({ status: 'rejected', reason: 'shift_conflict' });
    expect(okOpen).toMatchObject({ status: 'applied' });
    const [dupZ] = await push(t.token, [closeCommand(t, renumbered, 1, 10_500)]);
    expect(dupZ).toMatchObject({ status: 'rejected', reason: 'shift_conflict' });

    // Figures that do not add up are refused, with nothing stored.
    const bad = closeCommand(t, uuidv7(), 4, 10_500, { expected: 9_999, difference: 501 });
    const [b] = await push(t.token, [bad]);
    expect(b).toMatchObject({ status: 'rejected', reason: 'invalid_payload' });

    const rows = await env.db.query<any>('SELECT * FROM shifts WHERE reseller_id = $1', [t.resellerId]);
    expect(rows).toHaveLength(2);
    expect(rows.find((r: any) => r.id === shiftId)).toMatchObject({ terminal_id: t.terminal.terminalId });
    const closed = rows.find((r: any) => r.id === shiftId);
    expect(Number(closed.counted)).toBe(10_400);
    expect(Number(closed.difference)).toBe(-100);

    // The reads: the terminal's reseller and the operator, paged newest first.
    const mine = await env.api.call('GET', `/v1/terminal/shifts?terminalId=${t.terminal.terminalId}`, {
      token: t.token,
    });
    expect(mine.status).toBe(200);
    expect(mine.body.shifts).toHaveLength(2);
    expect(mine.body.shifts[1]).toMatchObject({
      id: shiftId,
      expected: 10_500,
      counted: 10_400,
      difference: -100,
      salesCount: 3,
    });
    const op = await env.api.call('GET', `/v1/operator/resellers/${t.resellerId}/shifts`, {
      token: TEST_OPERATOR_KEY,
    });
    expect(op.status).toBe(200);
    expect(op.body.shifts.map((s: any) => s.id)).toEqual([renumbered, shiftId]);
    // Another reseller sees none of them.
    const stranger2 = await createTenant(env.api, { credits: 0 });
    const theirs = await env.api.call('GET', '/v1/terminal/shifts', { token: stranger2.token });
    expect(theirs.body.shifts).toEqual([]);
  });

  it('pages shifts newest first through an index', async () => {
    const t = await createTenant(env.api, { credits: 0 });
    const ids: string[] = [];
    for (let n = 1; n <= 5; n++) {
      const id = uuidv7();
      ids.push(id);
      const [o] = await push(t.token, [openCommand(t, id, n)]);
      expect(o!.status).toBe('applied');
    }
    const seen: string[] = [];
    let before: string | null = null;
    for (;;) {
      const r: { body: { shifts: { id: string }[]; next: string | null } } = await env.api.call(
        'GET',
        `/v1/terminal/shifts?limit=2${before ? `&before=${before}` : ''}`,
        { token: t.token },
      );
      seen.push(...r.body.shifts.map((s) => s.id));
      if (!r.body.next) break;
      before = r.body.next;
    }
    expect(seen).toEqual([...ids].reverse());
    for (const filter of [{}, { terminalId: t.terminal.terminalId }]) {
      const q = shiftPageQuery(t.resellerId, { ...filter, before: ids[3] }, 2);
      const plan = await env.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${q.sql}`, q.params);
      const text = plan.map((p) => p['QUERY PLAN']).join('\n');
      expect(text).toMatch(/Index Scan Backward using (shifts_pkey|shifts_terminal)/);
      expect(text).not.toMatch(/Seq Scan|Sort/);
    }
  });
});
