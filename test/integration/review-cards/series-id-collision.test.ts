import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/uuidv7';
import { TEST_OPERATOR_KEY, anotherTerminal, createTenant, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { freshPrefix, useTestCardKeys } from '../cards/card-harness';
import { nextYear } from './review-harness';

useTestCardKeys();

/**
 * Minting is idempotent by (owner, seriesId, requester). A seriesId another requester already used for the owner
 * (another terminal, or the operator) makes the card_series INSERT fail with 23505, which mintSeries only handles for
 * its own requester: the raw driver error becomes a 500 internal_error instead of a stable 4xx.
 */
describe.each(serverBackends())('mint with a series id already taken ($name)', (backend) => {
  const env = useTestServer(backend);
  const body = (seriesId: string) => ({
    seriesId,
    amount: 100,
    currency: 'USD',
    quantity: 2,
    prefix: freshPrefix(),
    expiresAt: nextYear(),
  });

  it("answers a 4xx (not a 500) when another terminal's series id is reused", async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const t2 = await anotherTerminal(env.api, t);
    const seriesId = uuidv7();
    const first = await env.api.call('POST', '/v1/terminal/cards/series', {
      token: t.token,
      body: body(seriesId),
    });
    expect(first.status).toBe(201);
    const second = await env.api.call('POST', '/v1/terminal/cards/series', {
      token: t2.token,
      body: body(seriesId),
    });
    expect(second.status, JSON.stringify(second.body)).toBeLessThan(500);
  });

  it("answers a 4xx (not a 500) when the operator's series id is reused by a terminal", async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const seriesId = uuidv7();
    const first = await env.api.call('POST', `/v1/operator/resellers/${t.resellerId}/card-series`, {
      token: TEST_OPERATOR_KEY,
      body: body(seriesId),
    });
    expect(first.status).toBe(201);
    const second = await env.api.call('POST', '/v1/terminal/cards/series', {
      token: t.token,
      body: body(seriesId),
    });
    expect(second.status, JSON.stringify(second.body)).toBeLessThan(500);
  });
});
