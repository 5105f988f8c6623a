/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import type { Database } from '../../../server/db/database';
import { newCardKeysJson, parseCardKeys, type CardKeys } from '../../../server/cards/card-keys';
import { revealSeriesPins, type CardWithPin } from '../../../server/cards/series-pins';
import { TEST_OPERATOR_KEY, type ApiClient } from '../server/api-harness';

/**
 * Gives this test process (and server processes it spawns, which inherit the environment) one set of card keys
 * through `REFILL_CARD_KEYS`, so the test can decrypt the PINs it minted. Call before the test server starts.
 */
export function useTestCardKeys(): CardKeys {
  process.env.REFILL_CARD_KEYS ??= newCardKeysJson();
  return parseCardKeys(process.env.REFILL_CARD_KEYS, 'env');
}

/** An expiry a year ahead. */
export function nextYear(): string {
  return new Date(Date.now() + 365 * 86_400_000).toISOString();
}

let prefixCounter = 100 + Math.floor(Math.random() * 800);
/** A series prefix not used yet in this test process. */
export function freshPrefix(): string {
  prefixCounter += 1;
  return String(prefixCounter);
}

/** Mints a series through the operator API; throws unless it answers 201. */
export async function mintThroughOperator(
  api: ApiClient,
  resellerId: string,
  body: Record<string, unknown>,
): Promise<any> {
  const r = await api.call('POST', `/v1/operator/resellers/${resellerId}/card-series`, {
    token: TEST_OPERATOR_KEY,
    body: { currency: 'USD', prefix: freshPrefix(), expiresAt: nextYear(), ...body },
  });
  if (r.status !== 201) throw new Error(`mint: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Mints a series and answers its cards with their PINs (decrypted from the database, as printing will). */
export async function mintWithPins(
  api: ApiClient,
  db: Database,
  keys: CardKeys,
  resellerId: string,
  body: Record<string, unknown>,
): Promise<{ series: any; cards: CardWithPin[] }> {
  const series = await mintThroughOperator(api, resellerId, body);
  const cards = await revealSeriesPins(db, keys, series.ownerId, series.seriesId);
  return { series, cards };
}
