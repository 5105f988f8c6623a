/** Converts a bigint column (pg returns it as a string) to integer minor units, refusing unsafe values. */
export function toMinor(value: unknown): number {
  const n = typeof value === 'bigint' ? Number(value) : typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n))
    throw new RangeError(`not a safe integer: ${String(value)}`);
  return n;
}

/** Converts a timestamptz column (a Date, or a string) to a UTC ISO-8601 string. */
export function toIso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new TypeError(`not a timestamp: ${String(value)}`);
}

/** Like toIso, passing null through. */
export function toIsoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : toIso(value);
}
