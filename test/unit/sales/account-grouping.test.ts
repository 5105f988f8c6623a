import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAccount } from '../../../core/sales/account-entry';
import { accountGroups, groupedAccount } from '../../../core/sales/account-grouping';

describe('account grouping (confirm the number)', () => {
  it('reads a ten-digit number 3-3-4 and longer ones with the leftover in front', () => {
    expect(groupedAccount('5551234567')).toBe('555 123 4567');
    expect(groupedAccount('15551234567')).toBe('1 555 123 4567');
    expect(groupedAccount('+15551234567')).toBe('+1 555 123 4567');
    expect(groupedAccount('+447700900123')).toBe('+44 770 090 0123');
    expect(groupedAccount('1234567')).toBe('123 4567');
    expect(groupedAccount('12345')).toBe('1 2345');
    expect(groupedAccount('1234')).toBe('1234');
    expect(groupedAccount('+1234')).toBe('+1234');
    expect(groupedAccount('12345678901234567890')).toBe('1 234 567 890 123 456 7890');
  });

  it('refuses what is not an account', () => {
    expect(() => accountGroups('555-123')).toThrow(/digits/);
    expect(() => accountGroups('')).toThrow(/digits/);
    expect(() => accountGroups('+')).toThrow(/digits/);
  });

  it('only spaces the digits: every account the protocol accepts groups back to itself, 3s between a short head and 4 at the end', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.stringMatching(/^[0-9]{4,20}$/), (plus, digits) => {
        const account = (plus ? '+' : '') + digits;
        expect(readAccount(account)).toEqual({ ok: true, account });
        const groups = accountGroups(account);
        expect(groups.join('')).toBe(account);
        expect(readAccount(groupedAccount(account))).toEqual({ ok: true, account });
        const bare = groups.map((g) => g.replace('+', ''));
        if (digits.length <= 4) expect(bare).toEqual([digits]);
        else {
          expect(bare.at(-1)).toHaveLength(4);
          expect(bare[0]!.length).toBeGreaterThanOrEqual(1);
          expect(bare[0]!.length).toBeLessThanOrEqual(3);
          for (const g of bare.slice(1, -1)) expect(g).toHaveLength(3);
        }
      }),
    );
  });
});

describe('account entry messages', () => {
  it('asks for the account number when nothing (or only separators) was typed', () => {
    for (const text of ['', '  ', ' - ( ) '])
      expect(readAccount(text)).toEqual({
        ok: false,
        problem: 'empty',
        message: 'Enter the customer’s account number.',
      });
  });
});
