import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/uuidv7';
import { TEST_OPERATOR_KEY, createTenant, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { freshPrefix, useTestCardKeys } from '../cards/card-harness';
import { nextYear } from './review-harness';

useTestCardKeys();

/**
 * A terminal may mint a series for an affiliate (ownerId), paid from the affiliate's credits, but the PIN route looks
 * the series up under the terminal's own reseller: the minting terminal can never fetch the PINs it must print, so
 * the value sits in cards nobody can hand out (the terminal's series job fails after the debit).
 */
describe.each(serverBackends())('series PINs of an affiliate series ($name)', (backend) => {
  const env = useTestServer(backend);

  it('the terminal that minted a series for its affiliate can fetch its PINs', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const aff = await env.api.call('POST', '/v1/operator/resellers', {
      token: TEST_OPERATOR_KEY,
      body: { name: 'Affiliate', currency: 'USD', parentId: t.resellerId },
    });
    expect(aff.status).toBe(201);
    const affId = aff.body.id as string;
    const c = await env.api.call('POST', `/v1/operator/resellers/${affId}/credits`, {
      token: TEST_OPERATOR_KEY,
      body: { amount: 50_000 },
    });
    expect(c.status).toBe(200);
    const seriesId = uuidv7();
    const minted = await env.api.call('POST', '/v1/terminal/cards/series', {
      token: t.token,
      body: {
        seriesId,
        amount: 500,
        currency: 'USD',
        quantity: 3,
        prefix: freshPrefix(),
        expiresAt: nextYear(),
        ownerId: affId,
      },
    });
    expect(minted.status, JSON.stringify(minted.body)).toBe(201);
    const pins = await env.api.call('GET', `/v1/terminal/cards/series/${seriesId}/pins`, { token: t.token });
    expect(pins.status, JSON.stringify(pins.body)).toBe(200);
    expect(pins.body.pairs).toHaveLength(3);
  });
});
