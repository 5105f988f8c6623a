import { describe, expect, it } from 'vitest';
import { UUIDV7_PATTERN, uuidv7, uuidv7Time } from '../../../core/uuidv7';

describe('uuidv7', () => {
  it('makes valid version-7 ids carrying their creation time', () => {
    const now = Date.UTC(2026, 10, 23, 12, 0, 0);
    const id = uuidv7(now + 1_000_000);
    expect(id).toMatch(UUIDV7_PATTERN);
    expect(uuidv7Time(id)).toBe(now + 1_000_000);
  });

  it('sorts by creation order, even within one millisecond', () => {
    const t = Date.now() + 10_000_000;
    const ids = Array.from({ length: 5000 }, () => uuidv7(t));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
