/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { beforeAll, describe, expect, it } from 'vitest';
import { pushResponseSchema } from '../../../core/sync/protocol';
import {
  TEST_OPERATOR_KEY,
  createTenant,
  saleCommand,
  type ApiAnswer,
  type TenantFixture,
  useTestServer,
} from './api-harness';
import { serverBackends } from './server-backends';

const op = { token: TEST_OPERATOR_KEY };
const floorLimits = { perSaleMax: 1_000, totalOfflineMax: 5_000, maxHoursSinceSync: 24 };

/** Every terminal route, called with `token`: [label, status, body]. */
async function everyTerminalRoute(
  env: { api: { call: (m: string, p: string, o?: any) => Promise<ApiAnswer> } },
  t: TenantFixture,
  token = t.token,
): Promise<[string, number, any][]> {
  const calls: [string, string, unknown?][] = [
    ['POST', '/v1/terminal/sync/push', { commands: [saleCommand(t)] }],
    ['GET', '/v1/terminal/sync/pull'],
    ['GET', '/v1/terminal/balance'],
    ['GET', '/v1/terminal/journal'],
    ['GET', '/v1/terminal/sales'],
    ['GET', '/v1/terminal/customers/+15550001111'],
  ];
  const out: [string, number, any][] = [];
  for (const [method, path, body] of calls) {
    const r = await env.api.call(method, path, { token, body });
    out.push([`${method} ${path}`, r.status, r.body]);
  }
  return out;
}

describe.each(serverBackends())('operator: revoke terminals, suspend resellers ($name)', (backend) => {
  const env = useTestServer(backend);
  let a: TenantFixture;
  let b: TenantFixture;
  beforeAll(async () => {
    a = await createTenant(env.api, { credits: 100_000 });
    b = await createTenant(env.api, { credits: 100_000 });
  });

  /** Enrolls one more terminal for a tenant's reseller; answers its token and id. */
  const enrollAnother = async (t: TenantFixture) => {
    const code = await env.api.call('POST', `/v1/operator/resellers/${t.resellerId}/enrollment-codes`, {
      ...op,
      body: { floorLimits },
    });
    const e = await env.api.call('POST', '/v1/terminal/enroll', {
      body: { code: code.body.code, terminalName: 'Second counter' },
    });
    expect(e.status, JSON.stringify(e.body)).toBe(201);
    return { token: e.body.token as string, terminalId: e.body.terminalId as string };
  };

  it('revokes a terminal for good: every terminal route answers 401 terminal_revoked, idempotently', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const sibling = await enrollAnother(t);
    for (const [label, status] of await everyTerminalRoute(env, t))
      expect([200, 404], label).toContain(status);

    const first = await env.api.call('POST', `/v1/operator/terminals/${t.terminal.terminalId}/revoke`, op);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({
      terminalId: t.terminal.terminalId,
      resellerId: t.resellerId,
      name: 'Counter',
      revokedAt: expect.any(String),
    });
    for (const [label, status, body] of await everyTerminalRoute(env, t)) {
      expect(status, label).toBe(401);
      expect(body, label).toMatchObject({ code: 'terminal_revoked', message: expect.any(String) });
    }
    // Idempotent: the same answer, the first revocation time.
    const again = await env.api.call('POST', `/v1/operator/terminals/${t.terminal.terminalId}/revoke`, op);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // Only that terminal: its sibling at the same reseller, and other resellers, are served as before.
    const siblingPull = await env.api.call('GET', '/v1/terminal/sync/pull', { token: sibling.token });
    expect(siblingPull.status).toBe(200);
    expect((await env.api.call('GET', '/v1/terminal/balance', { token: a.token })).status).toBe(200);
  });

  it('refuses revocations it cannot do: unknown terminal, bad id, no operator key', async () => {
    const unknown = await env.api.call(
      'POST',
      '/v1/operator/terminals/01900000-0000-7000-8000-000000000000/revoke',
      op,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('not_found');
    const bad = await env.api.call('POST', '/v1/operator/terminals/not-a-uuid/revoke', op);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_input');
    for (const token of [undefined, a.token, 'x'.repeat(43)]) {
      const r = await env.api.call('POST', `/v1/operator/terminals/${a.terminal.terminalId}/revoke`, {
        token,
      });
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('unauthorized');
    }
    expect((await env.api.call('GET', '/v1/terminal/balance', { token: a.token })).status).toBe(200);
  });

  it('suspends a reseller: its terminals answer 403 reseller_suspended, its codes are refused, others go on', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const sibling = await enrollAnother(t);
    const affiliate = await createTenant(env.api, { credits: 10_000, parentId: t.resellerId });
    const code = await env.api.call('POST', `/v1/operator/resellers/${t.resellerId}/enrollment-codes`, {
      ...op,
      body: { floorLimits },
    });
    const before = await env.api.call('GET', `/v1/operator/resellers/${t.resellerId}`, op);
    expect(before.body).toMatchObject({ active: true, suspendedAt: null });

    const suspended = await env.api.call('POST', `/v1/operator/resellers/${t.resellerId}/suspend`, op);
    expect(suspended.status, JSON.stringify(suspended.body)).toBe(200);
    expect(suspended.body).toMatchObject({
      id: t.resellerId,
      active: false,
      suspendedAt: expect.any(String),
    });
    const again = await env.api.call('POST', `/v1/operator/resellers/${t.resellerId}/suspend`, op);
    expect(again.status).toBe(200);
    expect(again.body.suspendedAt).toBe(suspended.body.suspendedAt);

    for (const token of [t.token, sibling.token]) {
      for (const [label, status, body] of await everyTerminalRoute(env, t, token)) {
        expect(status, label).toBe(403);
        expect(body, label).toMatchObject({ code: 'reseller_suspended', message: expect.any(String) });
      }
    }
    // Its enrollment codes are refused, and not used up.
    const enroll = await env.api.call('POST', '/v1/terminal/enroll', {
      body: { code: code.body.code, terminalName: 'While suspended' },
    });
    expect(enroll.status).toBe(403);
    expect(enroll.body.code).toBe('reseller_suspended');
    // Other resellers and its affiliate (a reseller of its own) are served as before.
    expect((await env.api.call('GET', '/v1/terminal/balance', { token: b.token })).status).toBe(200);
    expect((await env.api.call('GET', '/v1/terminal/balance', { token: affiliate.token })).status).toBe(200);
    // Nothing a refused push carried was applied.
    const journal = await env.api.call('GET', `/v1/operator/resellers/${t.resellerId}`, op);
    expect(journal.body.balance).toBe(10_000);

    const lifted = await env.api.call('POST', `/v1/operator/resellers/${t.resellerId}/unsuspend`, op);
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ active: true, suspendedAt: null });
    const liftedAgain = await env.api.call('POST', `/v1/operator/resellers/${t.resellerId}/unsuspend`, op);
    expect(liftedAgain.status).toBe(200);
    expect(liftedAgain.body).toMatchObject({ active: true, suspendedAt: null });
    // Served again: the push is answered (each command judged on its own), pulls work for both terminals.
    const push = await env.api.call('POST', '/v1/terminal/sync/push', {
      token: t.token,
      body: { commands: [saleCommand(t)] },
    });
    expect(push.status, JSON.stringify(push.body)).toBe(200);
    expect(pushResponseSchema.parse(push.body).outcomes).toHaveLength(1);
    expect((await env.api.call('GET', '/v1/terminal/sync/pull', { token: t.token })).status).toBe(200);
    expect((await env.api.call('GET', '/v1/terminal/sync/pull', { token: sibling.token })).status).toBe(200);
    const late = await env.api.call('POST', '/v1/terminal/enroll', {
      body: { code: code.body.code, terminalName: 'After the suspension' },
    });
    expect(late.status, JSON.stringify(late.body)).toBe(201);
  });

  it('keeps a revocation when the reseller is suspended and lifted: revoked wins, for good', async () => {
    const t = await createTenant(env.api, { credits: 1_000 });
    await env.api.call('POST', `/v1/operator/resellers/${t.resellerId}/suspend`, op);
    await env.api.call('POST', `/v1/operator/terminals/${t.terminal.terminalId}/revoke`, op);
    const during = await env.api.call('GET', '/v1/terminal/sync/pull', { token: t.token });
    expect([during.status, during.body.code]).toEqual([401, 'terminal_revoked']);
    await env.api.call('POST', `/v1/operator/resellers/${t.resellerId}/unsuspend`, op);
    const after = await env.api.call('GET', '/v1/terminal/sync/pull', { token: t.token });
    expect([after.status, after.body.code]).toEqual([401, 'terminal_revoked']);
  });

  it('refuses suspending an unknown reseller and bad input', async () => {
    const unknown = await env.api.call(
      'POST',
      '/v1/operator/resellers/01900000-0000-7000-8000-000000000000/suspend',
      op,
    );
    expect([unknown.status, unknown.body.code]).toEqual([404, 'not_found']);
    const bad = await env.api.call('POST', '/v1/operator/resellers/nope/unsuspend', op);
    expect([bad.status, bad.body.code]).toEqual([400, 'invalid_input']);
    const asTerminal = await env.api.call('POST', `/v1/operator/resellers/${b.resellerId}/suspend`, {
      token: b.token,
    });
    expect([asTerminal.status, asTerminal.body.code]).toEqual([401, 'unauthorized']);
    expect((await env.api.call('GET', '/v1/terminal/balance', { token: b.token })).status).toBe(200);
  });

  it('documents the three routes in the OpenAPI document', async () => {
    const r = await env.api.call('GET', '/openapi.json');
    const paths = r.body.paths as Record<string, Record<string, any>>;
    const revoke = paths['/v1/operator/terminals/{id}/revoke']?.post;
    expect(revoke?.responses['200'].content['application/json'].schema.properties).toHaveProperty(
      'revokedAt',
    );
    for (const action of ['suspend', 'unsuspend']) {
      const route = paths[`/v1/operator/resellers/{id}/${action}`]?.post;
      expect(route?.security, action).toEqual([{ bearer: [] }]);
      expect(route?.responses['200'].content['application/json'].schema.properties).toHaveProperty(
        'suspendedAt',
      );
      expect(route?.responses['4XX']).toBeDefined();
    }
  });
});
