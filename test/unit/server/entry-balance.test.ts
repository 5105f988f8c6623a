import { describe, expect, it } from 'vitest';
import { isBalancedEntry, type PostingLine } from '../../../server/ledger/entry-balance';

const line = (accountId: string, amount: number, currency = 'USD'): PostingLine => ({
  accountId,
  amount,
  currency,
});

describe('a balanced journal entry', () => {
  it('has at least two lines summing to zero in every currency', () => {
    expect(isBalancedEntry([line('a', -500), line('b', 500)])).toBe(true);
    expect(isBalancedEntry([line('a', -500), line('b', 300), line('c', 200)])).toBe(true);
    expect(isBalancedEntry([line('a', -5), line('b', 5), line('c', -7, 'EUR'), line('d', 7, 'EUR')])).toBe(
      true,
    );
    expect(isBalancedEntry([])).toBe(false);
    expect(isBalancedEntry([line('a', 0)])).toBe(false);
    expect(isBalancedEntry([line('a', -500), line('b', 499)])).toBe(false);
    // Zero overall, but not per currency.
    expect(isBalancedEntry([line('a', -5), line('b', 5, 'EUR')])).toBe(false);
  });

  it('refuses zero, fractional and unsafe amounts even when they would sum to zero', () => {
    expect(isBalancedEntry([line('a', 0), line('b', 0)])).toBe(false);
    expect(isBalancedEntry([line('a', -0.5), line('b', 0.5)])).toBe(false);
    const big = Number.MAX_SAFE_INTEGER + 1;
    expect(isBalancedEntry([line('a', -big), line('b', big)])).toBe(false);
  });
});
