import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newSecretToken } from './secret-token';

/** Where the operator key came from, so the CLI can tell the user once. */
export interface OperatorKey {
  readonly key: string;
  readonly source: 'env' | 'file' | 'generated';
  readonly file: string | null;
}

/**
 * The operator's API key: `REFILL_OPERATOR_KEY` when given, else `<dataDir>/operator-key`
 * (generated with a CSPRNG and written with mode 0600 on first start).
 */
export function loadOperatorKey(explicit: string | undefined, dataDir: string): OperatorKey {
  if (explicit && explicit.trim().length > 0) return { key: explicit.trim(), source: 'env', file: null };
  const file = join(dataDir, 'operator-key');
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), source: 'file', file };
  mkdirSync(dataDir, { recursive: true });
  const key = newSecretToken();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, source: 'generated', file };
}
