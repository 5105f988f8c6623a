import { describe, expect, it } from 'vitest';
import { maskAccount } from '../../../main/printing/mask-account';

describe('maskAccount', () => {
  it('keeps the last 4 characters and masks the rest', () => {
    expect(maskAccount('447700901234')).toBe('\u2022'.repeat(8) + '1234');
    expect(maskAccount('+44 7700-901234', '*')).toBe('*********1234');
  });
  it('never shows a short number whole', () => {
    expect(maskAccount('1234')).toBe('\u2022\u202234');
    expect(maskAccount('7')).toBe('\u2022');
    expect(maskAccount('')).toBe('');
  });
});
