/**
 * Signing and verifying the wallet's webhook events (Web Crypto, so it runs in Node, the browser and receivers alike).
 *
 * Scheme: the body is the raw JSON text `{ id, type, createdAt, data }`. The sender adds two headers:
 * - `Refill-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`
 * - `Refill-Event-Id: <event id>` (the body's `id`)
 *
 * A receiver recomputes the HMAC over `t`, a dot and the body exactly as received, compares it in constant time,
 * refuses a `t` more than 5 minutes from its clock (replays), and deduplicates by the event id of the SIGNED body
 * (`verifyWebhook` answers it as `eventId`): delivery is at least once, so the same event may arrive again after a lost
 * answer. The `Refill-Event-Id` header is not signed: never deduplicate on it alone, or a captured delivery replayed
 * with another header id would look new.
 */
import { WEBHOOK_TOLERANCE_SECONDS } from './wallet-api';

const encoder = new TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The `Refill-Signature` header value for `body` signed with `secret` at `timestampSeconds`. */
export async function signWebhook(secret: string, body: string, timestampSeconds: number): Promise<string> {
  const t = Math.floor(timestampSeconds);
  return `t=${t},v1=${await hmacHex(secret, `${t}.${body}`)}`;
}

/** Why a webhook did not verify, or ok. */
export type WebhookVerification =
  | {
      readonly ok: true;
      readonly timestamp: number;
      /** The `id` of the verified body (null when the body has none): the key to deduplicate deliveries on. */
      readonly eventId: string | null;
    }
  | { readonly ok: false; readonly reason: 'malformed' | 'bad_signature' | 'too_old' };

/**
 * Checks a `Refill-Signature` header against the raw body, the secret and the receiver's clock (unix seconds). On
 * success answers the signed body's event id: deduplicate on it, not on the unsigned `Refill-Event-Id` header.
 */
export async function verifyWebhook(
  secret: string,
  body: string,
  signatureHeader: string | null | undefined,
  nowSeconds: number,
  toleranceSeconds: number = WEBHOOK_TOLERANCE_SECONDS,
): Promise<WebhookVerification> {
  if (!signatureHeader) return { ok: false, reason: 'malformed' };
  const parts = new Map<string, string>();
  for (const piece of signatureHeader.split(',')) {
    const eq = piece.indexOf('=');
    if (eq > 0) parts.set(piece.slice(0, eq).trim(), piece.slice(eq + 1).trim());
  }
  const tText = parts.get('t');
  const v1 = parts.get('v1');
  if (!tText || !/^[0-9]{1,12}$/.test(tText) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) {
    return { ok: false, reason: 'malformed' };
  }
  const t = Number(tText);
  const expected = await hmacHex(secret, `${t}.${body}`);
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ v1.charCodeAt(i);
  if (diff !== 0) return { ok: false, reason: 'bad_signature' };
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return { ok: false, reason: 'too_old' };
  return { ok: true, timestamp: t, eventId: signedEventId(body) };
}

/** The `id` of a webhook body, or null when it is not an event body. */
function signedEventId(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && typeof (parsed as { id?: unknown }).id === 'string') {
      return (parsed as { id: string }).id;
    }
  } catch {
    // not JSON: no id
  }
  return null;
}
