import { describe, expect, it } from 'vitest';
import { checkSaleForm, type SaleFormInput } from '../../../renderer/src/screens/sell/sale-form-check';

const form = (over: Partial<SaleFormInput> = {}): SaleFormInput => ({
  account: '+15550001111',
  unitPrice: 1_000,
  quantity: 1,
  tendered: '',
  currency: 'USD',
  locale: 'en-US',
  offline: null,
  ...over,
});

describe('checkSaleForm: the Sell form as a clerk fills it', () => {
  it('asks for the account before the package on an empty form, each message once and capitalised', () => {
    const check = checkSaleForm(form({ account: '', unitPrice: null }));
    expect(check.problems.map((p) => p.field)).toEqual(['account', 'package']);
    expect(check.problems[0]!.message).toBe('Enter the customer’s account number.');
    const short = checkSaleForm(form({ account: '12' }));
    expect(short.problems).toEqual([
      { field: 'account', message: 'The account number must be 4 to 20 digits, optionally starting with +.' },
    ]);
  });

  it('takes account numbers written with spaces, dashes and parentheses as their digits', () => {
    expect(checkSaleForm(form({ account: '555 123 4567' })).account).toBe('5551234567');
    expect(checkSaleForm(form({ account: '555-123-4567' })).account).toBe('5551234567');
    expect(checkSaleForm(form({ account: '+1 (555) 123-4567' })).account).toBe('+15551234567');
    expect(checkSaleForm(form({ account: '555 123 4567' })).problems).toEqual([]);
    expect(checkSaleForm(form({ account: '555-CALL-NOW' })).account).toBeNull();
  });

  it('reads cash by the locale and refuses "10,50" on a US till instead of making it 1,050.00', () => {
    const us = checkSaleForm(form({ tendered: '10,50' }));
    expect(us.tendered).toBeNull();
    expect(us.change).toBeNull();
    expect(us.problems[0]!.field).toBe('tendered');
    expect(us.problems[0]!.message).toContain('10.50');
    const de = checkSaleForm(form({ tendered: '10,50', currency: 'EUR', locale: 'de-DE' }));
    expect(de).toMatchObject({ tendered: 1_050, change: 50, problems: [] });
  });

  it('bounds the quantity', () => {
    expect(checkSaleForm(form({ quantity: 101 })).problems[0]!.field).toBe('quantity');
    expect(checkSaleForm(form({ quantity: 100 })).problems).toEqual([]);
  });

  it('offline, checks the per-sale and the total limit before Confirm', () => {
    const offline = { perSaleMax: 2_000, totalLeft: 1_500 };
    expect(checkSaleForm(form({ unitPrice: 5_000, offline })).problems).toEqual([
      { field: 'limit', message: 'Offline, one sale can be at most USD 20.00.' },
    ]);
    expect(checkSaleForm(form({ quantity: 2, offline })).problems).toEqual([
      { field: 'limit', message: 'Offline, only USD 15.00 more can be sold until the terminal syncs.' },
    ]);
    expect(checkSaleForm(form({ offline })).problems).toEqual([]);
    expect(checkSaleForm(form({ unitPrice: 5_000 })).problems).toEqual([]);
  });
});
