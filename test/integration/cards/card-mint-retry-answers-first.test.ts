import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/uuidv7';
import { createTenant, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { freshPrefix, nextYear, useTestCardKeys } from './card-harness';

useTestCardKeys();

/**
 * A terminal that lost the answer to a mint sends it again with the same series id: it gets the first series back,
 * and the owner pays for one series.
 */
describe.each(serverBackends())('retried mint ($name)', (backend) => {
  const ctx = useTestServer(backend);

  it('answers a retry with the same series id with the first series, minting and debiting once', async () => {
    const t = await createTenant(ctx.api, { credits: 10_000 });
    const body = {
      seriesId: uuidv7(),
      amount: 100,
      quantity: 3,
      currency: 'USD',
      prefix: freshPrefix(),
      expiresAt: nextYear(),
      pinLength: 12,
    };
    const first = await ctx.api.call('POST', '/v1/terminal/cards/series', { token: t.token, body });
    expect(first.status).toBe(201);
    const retry = await ctx.api.call('POST', '/v1/terminal/cards/series', { token: t.token, body });
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(retry.body).toEqual(first.body);

    const balance = await ctx.api.call('GET', '/v1/terminal/balance', { token: t.token });
    expect(balance.body.balance).toBe(10_000 - 300);
    const cards = await ctx.api.call('GET', `/v1/terminal/cards?seriesId=${body.seriesId}`, {
      token: t.token,
    });
    expect(cards.body.cards).toHaveLength(3);
  });
});
