import { describe, expect, it } from 'vitest';
import { saleCreatePayloadSchema, stockSalePayloadSchema, type Package } from '../../../core/sync/protocol';
import { checkSameSale, draftSale, priceSale, saleTime } from '../../../main/sales/sale-draft';

const pkg: Package = {
  id: '0190f000-0000-7000-8000-000000000001',
  code: 'TOP10',
  name: 'Top-up 10',
  kind: 'topup',
  faceValue: 1000,
  wholesalePrice: 950,
  retailPrice: 1000,
  currency: 'USD',
  validityDays: null,
  active: true,
  version: 3,
  updatedAt: '2026-11-01T00:00:00.000Z',
};
const ask = { customerAccount: '+15550001111', quantity: 2 };
const sells = { sellsInactive: false };
const code = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
};

describe('priceSale: the checks a catalog sale and a stock sale share', () => {
  it('prices by quantity in minor units, with the tender kept', () => {
    expect(priceSale({ ...ask, tenderedAmount: 2000 }, pkg, 'USD', sells)).toEqual({
      pkg,
      retail: 2000,
      wholesale: 1900,
      tendered: 2000,
    });
    expect(priceSale(ask, pkg, 'USD', sells).tendered).toBeNull();
  });

  it('refuses in the order a clerk meets the fields, and each with its own code', () => {
    expect(code(() => priceSale({ ...ask, customerAccount: '12', quantity: 0 }, null, 'EUR', sells))).toBe(
      'invalid_account',
    );
    expect(code(() => priceSale({ ...ask, quantity: 0 }, null, 'EUR', sells))).toBe('invalid_quantity');
    for (const quantity of [0, 101, 1.5, Number.NaN]) {
      expect(code(() => priceSale({ ...ask, quantity }, pkg, 'USD', sells))).toBe('invalid_quantity');
    }
    expect(priceSale({ ...ask, quantity: 100 }, pkg, 'USD', sells).retail).toBe(100_000);
    expect(code(() => priceSale(ask, null, 'EUR', sells))).toBe('package_not_found');
    expect(code(() => priceSale(ask, { ...pkg, active: false }, 'EUR', sells))).toBe('package_inactive');
    expect(code(() => priceSale(ask, pkg, 'EUR', sells))).toBe('currency_mismatch');
    expect(code(() => priceSale(ask, { ...pkg, retailPrice: 0 }, 'USD', sells))).toBe('invalid_amount');
    expect(code(() => priceSale({ ...ask, tenderedAmount: 1999 }, pkg, 'USD', sells))).toBe(
      'insufficient_tender',
    );
    expect(priceSale({ ...ask, tenderedAmount: 2000 }, pkg, 'USD', sells).tendered).toBe(2000);
  });

  it('sells an inactive package only where the rules say so (stock that was paid for)', () => {
    const inactive = { ...pkg, active: false };
    expect(code(() => priceSale(ask, inactive, 'USD', sells))).toBe('package_inactive');
    expect(priceSale(ask, inactive, 'USD', { sellsInactive: true }).retail).toBe(2000);
  });
});

describe('draftSale', () => {
  const priced = priceSale({ ...ask, tenderedAmount: 2500 }, pkg, 'USD', sells);
  const ids = {
    id: '0190f000-0000-7000-8000-0000000000aa',
    saleNumber: 'AB12-000042',
    commandId: '0190f000-0000-7000-8000-0000000000bb',
    clerkId: null,
    createdAt: '2026-11-30T10:00:00.000Z',
  };
  const draft = (online: boolean, fromStock = false, p = priced) =>
    draftSale(
      p,
      ask,
      { ...ids, online },
      fromStock ? stockSalePayloadSchema : saleCreatePayloadSchema,
      fromStock,
    );

  it('is pending online and queued offline, with the change given, and its payload names the same sale', () => {
    const online = draft(true);
    expect(online.record).toEqual({
      ...ids,
      customerAccount: '+15550001111',
      quantity: 2,
      packageId: pkg.id,
      packageName: pkg.name,
      currency: 'USD',
      retailAmount: 2000,
      wholesaleAmount: 1900,
      tenderedAmount: 2500,
      changeAmount: 500,
      status: 'pending',
      serverStatus: null,
      reason: null,
      message: null,
    });
    expect(online.payload).toEqual({
      saleId: ids.id,
      saleNumber: ids.saleNumber,
      packageId: pkg.id,
      packageVersion: 3,
      customerAccount: '+15550001111',
      quantity: 2,
      currency: 'USD',
      retailAmount: 2000,
    });
    expect(draft(false).record.status).toBe('queued');
    expect(draft(true, false, priceSale(ask, pkg, 'USD', sells)).record.changeAmount).toBeNull();
  });

  it('marks a sale from stock, and only that one', () => {
    expect(draft(true, true).record.fromStock).toBe(true);
    expect('fromStock' in draft(true).record).toBe(false);
  });

  it('refuses a sale its command schema refuses, before anything is written', () => {
    expect(() =>
      draftSale(
        priced,
        ask,
        { ...ids, saleNumber: 'not a number', online: true },
        saleCreatePayloadSchema,
        false,
      ),
    ).toThrow();
  });
});

describe('saleTime', () => {
  const at = Date.parse('2026-11-30T10:00:00.000Z');
  it('dates a sale by the clock, within the drift allowed ahead of the server', () => {
    expect(saleTime(at, null)).toBe('2026-11-30T10:00:00.000Z');
    expect(saleTime(at, -5 * 60_000)).toBe('2026-11-30T10:00:00.000Z');
  });
  it('refuses a clock that reads no valid date, a year the protocol refuses, or runs too far ahead', () => {
    expect(code(() => saleTime(Number.NaN, null))).toBe('clock_wrong');
    expect(code(() => saleTime(Date.parse('1999-12-31T23:59:59.000Z'), null))).toBe('clock_wrong');
    expect(code(() => saleTime(at, -5 * 60_000 - 1))).toBe('clock_wrong');
  });
});

describe('checkSameSale', () => {
  const earlier = draftSale(
    priceSale(ask, pkg, 'USD', sells),
    ask,
    {
      id: '0190f000-0000-7000-8000-0000000000aa',
      saleNumber: 'AB12-000042',
      commandId: '0190f000-0000-7000-8000-0000000000bb',
      clerkId: null,
      createdAt: '2026-11-30T10:00:00.000Z',
      online: false,
    },
    saleCreatePayloadSchema,
    false,
  ).record;
  const same = { ...ask, packageId: pkg.id.toUpperCase() };

  it('lets through the same sale asked again, its account as the schema reads it', () => {
    expect(() => checkSameSale(earlier, same, false)).not.toThrow();
    expect(() => checkSameSale(earlier, { ...same, customerAccount: ' +15550001111 ' }, false)).not.toThrow();
  });
  it('refuses another package, account, quantity or kind of sale under the same id', () => {
    for (const other of [
      { ...same, packageId: '0190f000-0000-7000-8000-000000000002' },
      { ...same, customerAccount: '+15550009999' },
      { ...same, quantity: 3 },
    ])
      expect(code(() => checkSameSale(earlier, other, false))).toBe('sale_id_reused');
    expect(code(() => checkSameSale(earlier, same, true))).toBe('sale_id_reused');
    expect(code(() => checkSameSale({ ...earlier, fromStock: true }, same, false))).toBe('sale_id_reused');
  });
});
