import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new random bearer secret (256 bits, base64url). */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The SHA-256 hex digest under which a token or code is stored and looked up; the secret itself is never stored. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares two secrets in constant time (by their hashes, so lengths may differ). */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(hashSecret(a), 'hex'), Buffer.from(hashSecret(b), 'hex'));
}

/** Reads the bearer token from an Authorization header value, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}
