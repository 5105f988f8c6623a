import { describe, expect, it } from 'vitest';
import { pushResponseSchema, type CommandOutcome, type OutboxCommand } from '../../../core/sync/protocol';
import { createTenant, saleCommand, type TenantFixture, useTestServer } from './api-harness';
import { serverBackends } from './server-backends';

/** What the push tells a terminal (and, through it, a manager) about commands it refuses before any rule runs. */
describe.each(serverBackends())('push refusal messages ($name)', (backend) => {
  const env = useTestServer(backend);

  const push = async (t: TenantFixture, commands: OutboxCommand[]): Promise<CommandOutcome[]> => {
    const r = await env.api.call('POST', '/v1/terminal/sync/push', { token: t.token, body: { commands } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return pushResponseSchema.parse(r.body).outcomes;
  };

  it('says a reused command id was already used for a different command', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const first = saleCommand(t);
    expect((await push(t, [first]))[0]).toMatchObject({ status: 'applied' });
    const reused: OutboxCommand = { ...saleCommand(t, { quantity: 2 }), id: first.id };
    expect(await push(t, [reused])).toEqual([
      {
        id: first.id,
        status: 'rejected',
        reason: 'id_reused_with_different_payload',
        message: 'this command id was already used for a different command',
      },
    ]);
  });

  it('names a nested field that is wrong by its dotted path', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const offline = saleCommand(t, { offline: true });
    const cmd = { ...offline, offlineClaim: { ...offline.offlineClaim!, seq: 'first' } };
    const [out] = await push(t, [cmd as unknown as OutboxCommand]);
    expect(out).toMatchObject({ id: cmd.id, status: 'rejected', reason: 'invalid_command' });
    expect((out as { message: string }).message).toMatch(/^offlineClaim\.seq: \S/);
  });
});
