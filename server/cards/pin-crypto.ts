import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomInt } from 'node:crypto';
import type { CardKeys } from './card-keys';

/** randomInt takes ranges below 2^48: 14 decimal digits per draw stay under it. */
const DIGITS_PER_DRAW = 14;

/** A new PIN of `length` decimal digits from the CSPRNG (`crypto.randomInt`, uniform per digit). */
export function newPin(length: number): string {
  let pin = '';
  while (pin.length < length) {
    const n = Math.min(DIGITS_PER_DRAW, length - pin.length);
    pin += String(randomInt(0, 10 ** n)).padStart(n, '0');
  }
  return pin;
}

/** The lookup key of a PIN: HMAC-SHA256 under the server's card HMAC key. */
export function pinLookupHash(keys: CardKeys, pin: string): Buffer {
  return createHmac('sha256', keys.hmacKey).update(pin, 'utf8').digest();
}

/** A PIN encrypted for storage: AES-256-GCM ciphertext with its tag appended, the nonce and the key id. */
export interface SealedPin {
  readonly ciphertext: Buffer;
  readonly nonce: Buffer;
  readonly keyId: string;
}

/** Bytes of an AES-256-GCM nonce. */
export const PIN_NONCE_BYTES = 12;

/**
 * Encrypts a PIN under the current key, bound to its card (`aad`, e.g. reseller and card id). `nonce` is fresh CSPRNG
 * output used for this PIN only (a caller sealing many PINs draws them in one call; one `randomBytes` per PIN costs
 * more than the encryption).
 */
export function sealPin(
  keys: CardKeys,
  pin: string,
  aad: string,
  nonce: Buffer = randomBytes(PIN_NONCE_BYTES),
): SealedPin {
  if (nonce.length !== PIN_NONCE_BYTES) throw new RangeError('a PIN nonce is 12 bytes');
  const key = keys.encryptionKeys.get(keys.currentKeyId)!;
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([c.update(pin, 'utf8'), c.final()]);
  return { ciphertext: Buffer.concat([body, c.getAuthTag()]), nonce, keyId: keys.currentKeyId };
}

/** Decrypts a stored PIN; throws when the key id is unknown or the ciphertext was altered or moved. */
export function openPin(keys: CardKeys, sealed: SealedPin, aad: string): string {
  const key = keys.encryptionKeys.get(sealed.keyId);
  if (!key) throw new Error(`unknown card key id ${sealed.keyId}`);
  const d = createDecipheriv('aes-256-gcm', key, sealed.nonce);
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(sealed.ciphertext.subarray(sealed.ciphertext.length - 16));
  return Buffer.concat([
    d.update(sealed.ciphertext.subarray(0, sealed.ciphertext.length - 16)),
    d.final(),
  ]).toString('utf8');
}
