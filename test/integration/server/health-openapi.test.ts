/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { useTestServer } from './api-harness';
import { serverBackends } from './server-backends';

describe.each(serverBackends())('health and OpenAPI ($name)', (backend) => {
  const env = useTestServer(backend);

  it('answers /health with the engine and version', async () => {
    const r = await env.api.call('GET', '/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok', db: backend.name, version: expect.any(String) });
  });

  it('documents every route with request and response schemas', async () => {
    const r = await env.api.call('GET', '/openapi.json');
    expect(r.status).toBe(200);
    const paths = r.body.paths as Record<string, Record<string, any>>;
    const expected = [
      'post /v1/terminal/enroll',
      'post /v1/terminal/sync/push',
      'get /v1/terminal/sync/pull',
      'get /v1/terminal/balance',
      'get /v1/terminal/journal',
      'get /v1/terminal/sales',
      'get /v1/terminal/customers/{account}',
      'post /v1/operator/resellers',
      'post /v1/operator/resellers/{id}/credits',
      'post /v1/operator/packages',
      'patch /v1/operator/packages/{id}',
      'post /v1/operator/resellers/{id}/enrollment-codes',
      'post /v1/operator/customers/{account}/token',
      'get /v1/customer/wallet',
      'get /v1/customer/history',
      'get /v1/demo',
    ];
    const seen: string[] = [];
    for (const [path, ops] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(ops)) {
        seen.push(`${method} ${path}`);
        const ok = Object.entries(op.responses as Record<string, any>).find(([s]) => s.startsWith('2'));
        expect(ok, `${method} ${path} success response`).toBeDefined();
        expect(ok![1].content['application/json'].schema, `${method} ${path} response schema`).toBeTypeOf(
          'object',
        );
        expect(op.responses['4XX'].content['application/json'].schema.properties.code).toBeDefined();
        const hasParams = Array.isArray(op.parameters) && op.parameters.length > 0;
        const hasBody = op.requestBody?.content?.['application/json']?.schema !== undefined;
        const pathParams = (path.match(/\{[^}]+\}/g) ?? []).length;
        if (pathParams > 0) {
          expect(op.parameters.filter((p: any) => p.in === 'path')).toHaveLength(pathParams);
        }
        if (method === 'post' || method === 'patch') {
          expect(hasBody || hasParams, `${method} ${path} request schema`).toBe(true);
        }
      }
    }
    for (const e of expected) expect(seen).toContain(e);
    expect(paths['/v1/terminal/sync/pull']!.get.parameters.map((p: any) => p.name).sort()).toEqual([
      'cursor',
      'limit',
    ]);
  });

  it('answers unknown routes with the error shape', async () => {
    const r = await env.api.call('GET', '/nope');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 'not_found', message: expect.any(String) });
  });
});
