import type { Queryable } from '../db/database';
import type { CardKeys } from './card-keys';
import { cardAad } from './card-minting';
import { openPin } from './pin-crypto';

/** A card of a series with its decrypted PIN, for printing. */
export interface CardWithPin {
  readonly cardId: string;
  readonly serial: string;
  readonly pin: string;
}

/**
 * Decrypts the PINs of a series' cards still new, in serial order: what the voucher sheet printer needs. Not exposed
 * over HTTP yet; printing (with its audit) will be the one caller.
 */
export async function revealSeriesPins(
  q: Queryable,
  keys: CardKeys,
  resellerId: string,
  seriesId: string,
): Promise<CardWithPin[]> {
  const rows = await q.query<{
    id: string;
    serial: string;
    pin_ciphertext: Buffer;
    pin_nonce: Buffer;
    pin_key_id: string;
  }>(
    `SELECT id, serial, pin_ciphertext, pin_nonce, pin_key_id FROM cards
      WHERE reseller_id = $1 AND series_id = $2 AND status = 'new' ORDER BY serial`,
    [resellerId, seriesId],
  );
  return rows.map((r) => ({
    cardId: r.id,
    serial: r.serial,
    pin: openPin(
      keys,
      { ciphertext: r.pin_ciphertext, nonce: r.pin_nonce, keyId: r.pin_key_id },
      cardAad(resellerId, r.id),
    ),
  }));
}
