import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../core/app-error';
import { API_ERROR_HEADER } from '../../../core/sync/protocol';
import { installErrorHandling } from '../../../server/http/error-handler';

/** The API's one error shape, on a bare fastify instance (no database): every kind of failure a route can raise. */

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
  vi.restoreAllMocks();
});

async function appWith(error: () => unknown): Promise<FastifyInstance> {
  app = Fastify({ logger: false, bodyLimit: 64 });
  installErrorHandling(app);
  app.get('/boom', async () => {
    throw error();
  });
  app.post('/echo', async (request) => ({ got: request.body }));
  await app.ready();
  return app;
}

function fastifyError(statusCode: number | undefined, message: string): Error {
  return Object.assign(new Error(message), statusCode === undefined ? {} : { statusCode });
}

describe('API error handling', () => {
  it('answers an AppError with its code, message and details at the status its code maps to', async () => {
    const a = await appWith(() => new AppError('sale_used', 'already used', { saleId: 'x' }));
    const res = await a.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(400);
    expect(res.headers[API_ERROR_HEADER]).toBe('1');
    expect(res.json()).toEqual({ code: 'sale_used', message: 'already used', details: { saleId: 'x' } });
  });

  it('sends Retry-After with a 429 that says how long, and not without it', async () => {
    const limited = await appWith(() => new AppError('rate_limited', 'wait', { retry_after: 7 }));
    const res = await limited.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    await app?.close();
    const locked = await appWith(() => new AppError('card_redeem_locked', 'locked'));
    const res2 = await locked.inject({ method: 'GET', url: '/boom' });
    expect(res2.statusCode).toBe(429);
    expect(res2.headers['retry-after']).toBeUndefined();
  });

  it('logs a 5xx AppError and still answers its shape', async () => {
    const a = await appWith(() => new AppError('database_too_new', 'the database is newer'));
    const res = await a.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ code: 'database_too_new', message: 'the database is newer' });
  });

  it("maps fastify's own client errors to stable codes", async () => {
    const cases: [number, string][] = [
      [413, 'payload_too_large'],
      [415, 'unsupported_media_type'],
      [404, 'not_found'],
      [401, 'unauthorized'],
      [403, 'forbidden'],
      [400, 'invalid_input'],
      [422, 'invalid_input'],
    ];
    for (const [status, code] of cases) {
      const a = await appWith(() => fastifyError(status, `status ${status}`));
      const res = await a.inject({ method: 'GET', url: '/boom' });
      expect(res.statusCode, String(status)).toBe(status);
      expect(res.json()).toEqual({ code, message: `status ${status}` });
      await a.close();
      app = null;
    }
  });

  it('answers bad JSON and a too large body in the same shape', async () => {
    const a = await appWith(() => new Error('unused'));
    const bad = await a.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'invalid_input' });
    const big = await a.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ a: 'x'.repeat(100) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'payload_too_large' });
    const text = await a.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'text/csv' },
      payload: 'a',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ code: 'unsupported_media_type' });
  });

  it('hides anything else behind a 500 internal_error, logging only the message and stack', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const error of [new Error('driver said: account 4470000001'), fastifyError(502, 'upstream')]) {
      const a = await appWith(() => error);
      const res = await a.inject({ method: 'GET', url: '/boom?account=4470000001' });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ code: 'internal_error', message: 'internal server error' });
      await a.close();
      app = null;
    }
    expect(logged).toHaveBeenCalledTimes(2);
    expect(String(logged.mock.calls[0]?.[0])).toMatch(/^internal error on GET \/boom: driver said/);
  });

  it('answers an unknown route 404 not_found naming it without its query', async () => {
    const a = await appWith(() => new Error('unused'));
    const res = await a.inject({ method: 'DELETE', url: '/nowhere?token=secret' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'not_found', message: 'no route DELETE /nowhere' });
  });
});
