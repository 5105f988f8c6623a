import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * The server's card keys: one HMAC-SHA256 key under which PINs are looked up (it cannot rotate without rehashing every
 * live card), and AES-256-GCM keys by id for the stored PIN ciphertexts (new ciphertexts use `currentKeyId`; older
 * ids stay to decrypt what they wrote, so keys rotate by adding one).
 */
export interface CardKeys {
  readonly hmacKey: Buffer;
  readonly encryptionKeys: ReadonlyMap<string, Buffer>;
  readonly currentKeyId: string;
  /** Where they came from: `REFILL_CARD_KEYS`, the key file, or generated into it now. */
  readonly source: 'env' | 'file' | 'generated';
}

const key32 = z.string().refine((s) => Buffer.from(s, 'base64').length === 32, 'must be 32 bytes in base64');
/** The JSON form of the keys, in `REFILL_CARD_KEYS` and in `<dataDir>/card-keys.json`. */
const cardKeysFileSchema = z
  .object({
    hmac: key32,
    encryption: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,32}$/), key32),
    current: z.string(),
  })
  .strict()
  .refine((k) => k.encryption[k.current] !== undefined, 'current must name one of the encryption keys');

/** Parses the JSON form (`{"hmac": b64, "encryption": {"k1": b64}, "current": "k1"}`); the message never has a key. */
export function parseCardKeys(json: string, source: CardKeys['source']): CardKeys {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('card keys are not valid JSON');
  }
  const r = cardKeysFileSchema.safeParse(raw);
  if (!r.success)
    throw new Error(`card keys are malformed: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return {
    hmacKey: Buffer.from(r.data.hmac, 'base64'),
    encryptionKeys: new Map(
      Object.entries(r.data.encryption).map(([id, k]) => [id, Buffer.from(k, 'base64')]),
    ),
    currentKeyId: r.data.current,
    source,
  };
}

/** Fresh keys in the JSON form. */
export function newCardKeysJson(): string {
  return JSON.stringify({
    hmac: randomBytes(32).toString('base64'),
    encryption: { k1: randomBytes(32).toString('base64') },
    current: 'k1',
  });
}

/**
 * The card keys: `REFILL_CARD_KEYS` when set (every API instance sharing a database must use the same ones), else
 * `<dataDir>/card-keys.json`, generated with a CSPRNG and written with mode 0600 on first use.
 */
export function loadCardKeys(explicit: string | undefined, dataDir: string): CardKeys {
  if (explicit && explicit.trim().length > 0) return parseCardKeys(explicit, 'env');
  const file = join(dataDir, 'card-keys.json');
  if (existsSync(file)) return parseCardKeys(readFileSync(file, 'utf8'), 'file');
  mkdirSync(dataDir, { recursive: true });
  const json = newCardKeysJson();
  writeFileSync(file, `${json}\n`, { mode: 0o600, flag: 'wx' });
  return parseCardKeys(json, 'generated');
}
