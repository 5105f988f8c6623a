import { createHash } from 'node:crypto';
import { AppError } from '../../core/app-error';

/** Deeper payloads are refused: no command needs them, and recursion on them would exhaust the stack. */
export const MAX_PAYLOAD_DEPTH = 32;

/** JSON with object keys sorted at every level, so equal values always serialize the same. */
export function canonicalJson(value: unknown, depth = 0): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (depth >= MAX_PAYLOAD_DEPTH) {
    throw new AppError('invalid_input', `command payloads may nest at most ${MAX_PAYLOAD_DEPTH} levels`);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v, depth + 1)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k], depth + 1)}`).join(',')}}`;
}

/** The fingerprint of a command (its type and canonical payload) used to detect an id reused for another command. */
export function commandHash(type: string, payload: unknown): string {
  return createHash('sha256').update(canonicalJson({ type, payload })).digest('hex');
}
