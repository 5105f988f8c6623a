import { describe, expect, it } from 'vitest';
import { pushResponseSchema, type CommandOutcome, type OutboxCommand } from '../../../core/sync/protocol';
import { createTenant, saleCommand, type TenantFixture, useTestServer } from './api-harness';
import { serverBackends } from './server-backends';

/** The same object with its keys in reverse order (JSON keeps insertion order), at every level. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

/**
 * A command is known by its id and fingerprinted by its type and payload as values: a terminal that resends it
 * serialized another way (its fields in another order) sends the same command, and a payload nested deeper than any
 * command needs is refused with its reason rather than fingerprinted.
 */
describe.each(serverBackends())('command fingerprints ($name)', (backend) => {
  const env = useTestServer(backend);

  const push = async (t: TenantFixture, commands: unknown[]): Promise<CommandOutcome[]> => {
    const r = await env.api.call('POST', '/v1/terminal/sync/push', { token: t.token, body: { commands } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return pushResponseSchema.parse(r.body).outcomes;
  };

  it('answers a resend with its payload fields in another order as a duplicate of the first outcome', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const sale = saleCommand(t);
    const [first] = await push(t, [sale]);
    expect(first).toMatchObject({ status: 'applied' });
    const resent: OutboxCommand = { ...sale, payload: reversedKeys(sale.payload) };
    expect(JSON.stringify(resent.payload)).not.toBe(JSON.stringify(sale.payload));
    const [again] = await push(t, [resent]);
    expect(again).toEqual({
      id: sale.id,
      status: 'duplicate',
      original: 'applied',
      result: (first as { result: unknown }).result,
    });
  });

  it('refuses a payload nested deeper than 32 levels as invalid_payload, saying so', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    let deep: unknown = { end: true };
    for (let i = 0; i < 40; i++) deep = { next: deep };
    const cmd: OutboxCommand = { ...saleCommand(t), payload: deep };
    const [out] = await push(t, [cmd]);
    expect(out).toEqual({
      id: cmd.id,
      status: 'rejected',
      reason: 'invalid_payload',
      message: 'command payloads may nest at most 32 levels',
    });
  });
});
