import { describe, expect, it } from 'vitest';
import { mintSeries } from '../../../server/cards/card-minting';
import { createTenant, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { freshPrefix, mintWithPins, nextYear, useTestCardKeys } from './card-harness';

const keys = useTestCardKeys();

/** When no fresh PIN can be found, the refusal tells the person minting what to change. */
describe.each(serverBackends())('PIN space exhausted while minting ($name)', (backend) => {
  const ctx = useTestServer(backend);

  it('says which PIN length ran out and suggests a longer PIN or a smaller quantity', async () => {
    const t = await createTenant(ctx.api, { credits: 10_000 });
    const live = await mintWithPins(ctx.api, ctx.db, keys, t.resellerId, {
      amount: 10,
      quantity: 1,
      pinLength: 12,
    });
    // A PIN source that only ever repeats the PIN a live card holds.
    const stuck = () => live.cards[0]!.pin;
    const refused = mintSeries(
      { db: ctx.db, keys, newPin: stuck },
      { kind: 'operator' },
      {
        amount: 10,
        currency: 'USD',
        quantity: 1,
        prefix: freshPrefix(),
        pinLength: 12,
        ownerId: t.resellerId,
        expiresAt: nextYear(),
        grantValidityDays: null,
      },
    );
    await expect(refused).rejects.toMatchObject({
      code: 'pin_space_too_small',
      message: 'could not find enough unused 12-digit PINs; choose a longer PIN or a smaller quantity',
    });
  });
});
