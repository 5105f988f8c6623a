import { describe, expect, it } from 'vitest';
import { toIso, toIsoOrNull, toMinor } from '../../../server/db/sql-values';

describe('PostgreSQL column values', () => {
  it('reads bigint money columns as safe integers, from a string, a bigint or a number', () => {
    expect(toMinor('-12345')).toBe(-12345);
    expect(toMinor(12n)).toBe(12);
    expect(toMinor(7)).toBe(7);
    expect(toMinor(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    for (const bad of ['9007199254740993', 2n ** 60n, 1.5, 'x', null, undefined, {}]) {
      expect(() => toMinor(bad), String(bad)).toThrow(RangeError);
    }
    expect(() => toMinor('12.5')).toThrow(/not a safe integer: 12.5/);
  });

  it('reads timestamps as UTC ISO strings, null passing through', () => {
    expect(toIso(new Date('2026-03-01T10:00:00+02:00'))).toBe('2026-03-01T08:00:00.000Z');
    expect(toIso('2026-03-01 10:00:00+00')).toBe('2026-03-01T10:00:00.000Z');
    expect(() => toIso(1_700_000_000_000)).toThrow(/not a timestamp: 1700000000000/);
    expect(toIsoOrNull(null)).toBeNull();
    expect(toIsoOrNull(undefined)).toBeNull();
    expect(toIsoOrNull('2026-03-01T10:00:00Z')).toBe('2026-03-01T10:00:00.000Z');
  });
});
