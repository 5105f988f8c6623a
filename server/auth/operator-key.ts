import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../core/app-error';
import { newSecretToken } from './secret-token';

/** Where the operator key came from, so the CLI can tell the user once. */
export interface OperatorKey {
  readonly key: string;
  readonly source: 'env' | 'file' | 'generated';
  readonly file: string | null;
}

/** The least entropy an operator key must carry: as much as 32 random bytes. */
export const MIN_OPERATOR_KEY_BITS = 256;

/**
 * An estimate of a key's entropy in bits, as if each character were drawn uniformly from the smallest usual
 * alphabet it fits: hex (4 bits a character, e.g. `openssl rand -hex 32`), base64/base64url (6 bits, e.g.
 * `openssl rand -base64 32`), else printable ASCII (6.5 bits). A key that repeats few distinct characters
 * ("aaaa…", "abab…") counts as nothing: a random key of 43+ characters has far more than 8.
 */
export function operatorKeyBits(key: string): number {
  if (new Set(key).size < 8) return 0;
  if (/^[0-9a-f]+$/i.test(key)) return key.length * 4;
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(key)) return key.replace(/=+$/, '').length * 6;
  if (/^[\x21-\x7e]+$/.test(key)) return key.length * 6.5;
  return 0;
}

/** Throws a clear error when `key` carries less than 32 random bytes' worth (see operatorKeyBits). */
export function assertStrongOperatorKey(key: string, from: string): void {
  if (operatorKeyBits(key) >= MIN_OPERATOR_KEY_BITS) return;
  throw new AppError(
    'invalid_input',
    `${from} is too weak: an operator key must carry 32 random bytes' worth (at least 43 base64url or 64 hex ` +
      `characters, no spaces), e.g. \`openssl rand -base64 32\` or \`openssl rand -hex 32\`.`,
  );
}

/**
 * The operator's API key: `REFILL_OPERATOR_KEY` when given, else `<dataDir>/operator-key`
 * (generated with a CSPRNG and written with mode 0600 on first start). Weak keys are refused from either place.
 */
export function loadOperatorKey(explicit: string | undefined, dataDir: string): OperatorKey {
  if (explicit && explicit.trim().length > 0) {
    const key = explicit.trim();
    assertStrongOperatorKey(key, 'REFILL_OPERATOR_KEY');
    return { key, source: 'env', file: null };
  }
  const file = join(dataDir, 'operator-key');
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    assertStrongOperatorKey(key, `The operator key in ${file}`);
    return { key, source: 'file', file };
  }
  mkdirSync(dataDir, { recursive: true });
  const key = newSecretToken();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, source: 'generated', file };
}
