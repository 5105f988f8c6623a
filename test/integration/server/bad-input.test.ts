import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../../core/sync/protocol';
import type { RunningServer } from '../../../server/start-server';
import {
  TEST_OPERATOR_KEY,
  createTenant,
  saleCommand,
  startTestServer,
  stateSnapshot,
  type ApiClient,
  type TenantFixture,
} from './api-harness';
import { serverBackends, type OpenedBackend } from './server-backends';

/** A malformed request: what to send. */
interface BadRequest {
  readonly label: string;
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly raw?: string;
}

/** Fields a request may leave out. */
const OPTIONAL = new Set(['parentId', 'memo', 'terminalName', 'expiresInHours']);
/** Free-text fields where a short string is valid. */
const FREE_TEXT = new Set(['name', 'memo', 'terminalName', 'code', 'type']);

/** Values of the wrong type (or out of range) for a field whose valid value is `valid`. */
function wrongValuesFor(key: string, valid: unknown): unknown[] {
  if (typeof valid === 'string') {
    return [null, 123, true, [], {}, 'a'.repeat(300), ...(FREE_TEXT.has(key) ? [] : ['x'])];
  }
  if (typeof valid === 'number') return [null, 'x', -1, 1.5, 2 ** 60, true, [], {}];
  if (typeof valid === 'boolean') return [null, 'x', 1, [], {}];
  return [null, 'x', 1, true, [], {}];
}

/** Derives malformed bodies from a valid one: each field dropped or given wrong values, extra fields, non-objects. */
function bodyMutations(method: string, path: string, valid: Record<string, unknown>): BadRequest[] {
  const out: BadRequest[] = [
    { label: 'no body', method, path },
    { label: 'invalid JSON', method, path, raw: '{"a":' },
    { label: 'array body', method, path, body: [valid] },
    { label: 'string body', method, path, body: 'hello' },
    { label: 'extra field', method, path, body: { ...valid, extra: 1 } },
  ];
  for (const key of Object.keys(valid)) {
    const rest = { ...valid };
    delete rest[key];
    if (!OPTIONAL.has(key) && method !== 'PATCH') {
      out.push({ label: `missing ${key}`, method, path, body: rest });
    }
    for (const v of wrongValuesFor(key, valid[key])) {
      if (
        v === null &&
        (key === 'parentId' || key === 'memo' || key === 'terminalName' || key === 'validityDays')
      )
        continue;
      out.push({
        label: `${key}=${JSON.stringify(v).slice(0, 20)}`,
        method,
        path,
        body: { ...valid, [key]: v },
      });
    }
  }
  return out;
}

/** Malformed query strings for a GET route. */
function queryMutations(path: string, params: readonly string[]): BadRequest[] {
  const out: BadRequest[] = [{ label: 'unknown param', method: 'GET', path: `${path}?bogus=1` }];
  for (const p of params) {
    for (const v of ['', 'abc', '-1', '0', '99999', '1.5', 'ffffffff-ffff-ffff-ffff']) {
      out.push({ label: `${p}=${v}`, method: 'GET', path: `${path}?${p}=${encodeURIComponent(v)}` });
    }
  }
  return out;
}

describe.each(serverBackends())('malformed requests ($name)', (backend) => {
  let opened: OpenedBackend;
  let server: RunningServer;
  let api: ApiClient;
  let t: TenantFixture;
  beforeAll(async () => {
    // Row counts are compared across the whole database: keep it to this file.
    opened = await backend.open({ isolated: true });
    ({ server, api } = await startTestServer(opened.db, mkdtempSync(join(tmpdir(), 'refill-data-'))));
    t = await createTenant(api, { credits: 10_000 });
  });
  afterAll(async () => {
    await server?.close();
    await opened?.cleanup();
  });

  it('answers every malformed request with a 4xx error shape and changes nothing', async () => {
    const op = TEST_OPERATOR_KEY;
    const cmd = saleCommand(t);
    const requests: (BadRequest & { token?: string })[] = [
      ...bodyMutations('POST', '/v1/operator/resellers', {
        name: 'Shop',
        currency: 'USD',
        parentId: null,
      }).map((r) => ({ ...r, token: op })),
      ...bodyMutations('POST', `/v1/operator/resellers/${t.resellerId}/credits`, {
        amount: 100,
        memo: 'x',
      }).map((r) => ({ ...r, token: op })),
      ...bodyMutations('POST', '/v1/operator/packages', {
        code: 'BAD1',
        name: 'n',
        kind: 'topup',
        faceValue: 1,
        wholesalePrice: 1,
        retailPrice: 1,
        currency: 'USD',
        validityDays: 30,
      }).map((r) => ({ ...r, token: op })),
      ...bodyMutations('PATCH', `/v1/operator/packages/${t.pkg.id}`, { retailPrice: 5, active: false }).map(
        (r) => ({ ...r, token: op }),
      ),
      ...bodyMutations('POST', `/v1/operator/resellers/${t.resellerId}/enrollment-codes`, {
        terminalName: 'x',
        floorLimits: { perSaleMax: 1, totalOfflineMax: 1, maxHoursSinceSync: 1 },
        expiresInHours: 1,
      }).map((r) => ({ ...r, token: op })),
      ...bodyMutations('POST', '/v1/operator/customers/+15550001111/token', { resellerId: t.resellerId }).map(
        (r) => ({ ...r, token: op }),
      ),
      ...bodyMutations('POST', '/v1/terminal/enroll', { code: 'ABCD-EFGH-JKLM', terminalName: 'x' }),
      ...bodyMutations('POST', '/v1/terminal/sync/push', { commands: [cmd] }).map((r) => ({
        ...r,
        token: t.token,
      })),
      {
        label: 'too many commands',
        method: 'POST',
        path: '/v1/terminal/sync/push',
        body: { commands: Array(501).fill(cmd) },
        token: t.token,
      },
      {
        label: 'no commands',
        method: 'POST',
        path: '/v1/terminal/sync/push',
        body: { commands: [] },
        token: t.token,
      },
      ...queryMutations('/v1/terminal/sync/pull', ['cursor', 'limit']).map((r) => ({ ...r, token: t.token })),
      ...queryMutations('/v1/terminal/journal', ['cursor', 'limit', 'resellerId']).map((r) => ({
        ...r,
        token: t.token,
      })),
      ...queryMutations('/v1/terminal/sales', [
        'status',
        'customer',
        'terminalId',
        'from',
        'to',
        'cursor',
        'limit',
      ]).map((r) => ({ ...r, token: t.token })),
      ...queryMutations('/v1/terminal/balance', ['resellerId']).map((r) => ({ ...r, token: t.token })),
      ...['abc', '12', '+', '1234567890123456789012', '%20'].map((acc) => ({
        label: `account ${acc}`,
        method: 'GET',
        path: `/v1/terminal/customers/${acc}`,
        token: t.token,
      })),
      ...['not-a-uuid', '123'].flatMap((id) => [
        { label: `reseller id ${id}`, method: 'GET', path: `/v1/operator/resellers/${id}`, token: op },
        {
          label: `package id ${id}`,
          method: 'POST',
          path: `/v1/operator/packages/${id}/deactivate`,
          token: op,
        },
      ]),
    ];
    // Query mutations that are actually valid (e.g. limit=99999 is too big but limit=0 too small, both bad; an empty
    // optional param is bad too). Filter the few legitimately valid ones.
    const validQueries = new Set([
      '/v1/terminal/sync/pull?cursor=0',
      '/v1/terminal/sync/pull?cursor=99999',
      '/v1/terminal/sales?customer=99999',
    ]);
    const before = await stateSnapshot(opened.db);
    let checked = 0;
    for (const r of requests) {
      if (validQueries.has(r.path)) continue;
      const res = await api.call(r.method, r.path, { token: r.token, body: r.body, raw: r.raw });
      const label = `${r.method} ${r.path} ${r.label} -> ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
      expect(res.status >= 400 && res.status < 500, label).toBe(true);
      expect(apiErrorSchema.safeParse(res.body).success, label).toBe(true);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(300);
    expect(await stateSnapshot(opened.db)).toEqual(before);
  });

  it('reports zod issues in details for invalid input', async () => {
    const r = await api.call('POST', '/v1/operator/resellers', {
      token: TEST_OPERATOR_KEY,
      body: { name: '' },
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('invalid_input');
    expect(Array.isArray(r.body.details.issues)).toBe(true);
  });
  it('judges each pushed command on its own: a malformed one is rejected invalid_command, stored nowhere', async () => {
    const cmd = saleCommand(t);
    const variants: { label: string; command: Record<string, unknown> }[] = [
      { label: 'extra field', command: { ...cmd, extra: 1 } },
      ...Object.keys(cmd).flatMap((k) =>
        k === 'payload'
          ? []
          : wrongValuesFor(k, cmd[k as keyof typeof cmd])
              .filter(
                (v) =>
                  !(k === 'clerkId' && v === null) &&
                  !(k === 'id' && (typeof v !== 'string' || v.length > 64)),
              )
              .map((v) => ({
                label: `command.${k}=${JSON.stringify(v).slice(0, 20)}`,
                command: { ...cmd, [k]: v },
              })),
      ),
    ];
    const before = await stateSnapshot(opened.db);
    for (const v of variants) {
      const res = await api.call('POST', '/v1/terminal/sync/push', {
        token: t.token,
        body: { commands: [v.command] },
      });
      const label = `${v.label} -> ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
      expect(res.status, label).toBe(200);
      expect(res.body.outcomes, label).toEqual([
        { id: v.command.id, status: 'rejected', reason: 'invalid_command', message: expect.any(String) },
      ]);
    }
    expect(variants.length).toBeGreaterThan(15);
    expect(await stateSnapshot(opened.db)).toEqual(before);
    // A command without a string id cannot be answered on its own: the request as a whole is refused.
    for (const id of [undefined, 42, null, 'a'.repeat(300)]) {
      const res = await api.call('POST', '/v1/terminal/sync/push', {
        token: t.token,
        body: { commands: [{ ...cmd, id }] },
      });
      expect(res.status).toBe(400);
      expect(apiErrorSchema.safeParse(res.body).success).toBe(true);
    }
  });
});
