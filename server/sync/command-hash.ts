import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal values always serialize the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** The fingerprint of a command (its type and canonical payload) used to detect an id reused for another command. */
export function commandHash(type: string, payload: unknown): string {
  return createHash('sha256').update(canonicalJson({ type, payload })).digest('hex');
}
