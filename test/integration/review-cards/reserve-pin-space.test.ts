import { describe, expect, it } from 'vitest';
import { maxLiveCardsForPinLength, MIN_PIN_LENGTH } from '../../../core/cards/card-pin';
import { TEST_OPERATOR_KEY, createTenant, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { freshPrefix, useTestCardKeys } from '../cards/card-harness';
import { nextYear } from './review-harness';

useTestCardKeys();

/**
 * PIN uniqueness is global, and a short PIN length may carry only 1% of its space in live PINs. Reserve pairs count as
 * live PINs (their HMACs are in the global lookup) but cost nothing: one terminal of one reseller can fill the whole
 * 5-digit capacity (1,000 pairs, well under its 10,000-pair reserve cap) for free, after which no other reseller can
 * mint a 5-digit series at all (and 10,000 pairs do the same to 6-digit PINs). A cross-tenant denial of service.
 */
describe.each(serverBackends())('reserve pairs and the global short-PIN space ($name)', (backend) => {
  const env = useTestServer(backend);

  it("one reseller's free reserve pairs do not stop another reseller from minting", async () => {
    const squatter = await createTenant(env.api); // no credits at all
    const victim = await createTenant(env.api, { credits: 100_000 });
    const fill = await env.api.call('POST', '/v1/terminal/cards/reserve', {
      token: squatter.token,
      body: {
        add: maxLiveCardsForPinLength(MIN_PIN_LENGTH),
        prefix: '7',
        pinLength: MIN_PIN_LENGTH,
        release: [],
      },
    });
    // Reserve pairs have no value yet: they may not use short PINs at all (the space is shared by every reseller).
    expect(fill.status, JSON.stringify(fill.body).slice(0, 300)).toBe(400);
    expect(fill.body.code).toBe('invalid_input');
    const mint = await env.api.call('POST', `/v1/operator/resellers/${victim.resellerId}/card-series`, {
      token: TEST_OPERATOR_KEY,
      body: {
        amount: 100,
        currency: 'USD',
        quantity: 1,
        prefix: freshPrefix(),
        pinLength: MIN_PIN_LENGTH,
        expiresAt: nextYear(),
      },
    });
    expect(mint.status, JSON.stringify(mint.body)).toBe(201);
  });
});
