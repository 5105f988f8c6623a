import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/uuidv7';
import { cardAad, claimPins, type DraftCard } from '../../../server/cards/card-minting';
import { newPin, openPin, pinLookupHash, sealPin } from '../../../server/cards/pin-crypto';
import { createTenant, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintWithPins, useTestCardKeys } from './card-harness';

const keys = useTestCardKeys();

/**
 * Claiming PINs for new reserve pairs: a pair whose PIN a live card holds draws a fresh one, and a draw that repeats a
 * PIN this batch already holds is drawn again at once, so a PIN source that repeats itself a few times does not use
 * up the rounds against the lookup.
 */
describe.each(serverBackends())('claiming reserve PINs ($name)', (backend) => {
  const ctx = useTestServer(backend);

  it('gives a colliding pair a PIN no live card and no other pair holds, even when the source repeats one', async () => {
    const t = await createTenant(ctx.api, { credits: 10_000 });
    const live = await mintWithPins(ctx.api, ctx.db, keys, t.resellerId, {
      amount: 10,
      quantity: 1,
      pinLength: 12,
    });
    const livePin = live.cards[0]!.pin;
    const draft = (pin: string): DraftCard => {
      const id = uuidv7();
      return {
        id,
        pin,
        hmac: pinLookupHash(keys, pin),
        sealed: sealPin(keys, pin, cardAad(t.resellerId, id)),
      };
    };
    const heldPin = newPin(12);
    const colliding = draft(livePin);
    const fresh = draft(heldPin);
    const taken = new Set([livePin, heldPin]);
    // The source repeats the other pair's PIN eight times before it draws a new one.
    const queue = Array.from({ length: 8 }, () => heldPin);
    const source = (length: number) => queue.shift() ?? newPin(length);

    await ctx.db.transaction((tx) =>
      claimPins(tx, keys, t.resellerId, 12, [colliding, fresh], taken, source),
    );

    expect(queue).toHaveLength(0);
    expect(new Set([livePin, heldPin, colliding.pin]).size).toBe(3);
    expect(openPin(keys, colliding.sealed, cardAad(t.resellerId, colliding.id))).toBe(colliding.pin);
    const lookups = await ctx.db.query<{ card_id: string; pin_hmac: Buffer }>(
      'SELECT card_id, pin_hmac FROM card_pin_lookup WHERE card_id = ANY($1::uuid[]) ORDER BY card_id',
      [[colliding.id, fresh.id]],
    );
    expect(lookups.map((l) => [l.card_id, l.pin_hmac.toString('hex')]).sort()).toEqual(
      [
        [colliding.id, pinLookupHash(keys, colliding.pin).toString('hex')],
        [fresh.id, pinLookupHash(keys, heldPin).toString('hex')],
      ].sort(),
    );
  });
});
