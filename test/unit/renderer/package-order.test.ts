import { describe, expect, it } from 'vitest';
import type { Package } from '../../../core/sync/protocol';
import { filterPackages, orderPackages } from '../../../renderer/src/screens/sell/package-order';
import { localDayEnd, localDayStart } from '../../../renderer/src/format/local-day';

const pkg = (id: string, name: string, retailPrice: number, code = id.toUpperCase()): Package => ({
  id,
  code,
  name,
  kind: 'topup',
  faceValue: retailPrice,
  wholesalePrice: retailPrice - 10,
  retailPrice,
  currency: 'USD',
  validityDays: null,
  active: true,
  version: 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const catalog = [
  pkg('c', 'Top-up 20', 2000),
  pkg('a', 'Top-up 5', 500),
  pkg('d', 'Data 1 GB', 500, 'DATA1GB'),
  pkg('b', 'Top-up 10', 1000),
];

describe('Sell screen package grid', () => {
  it('puts favourites first in starring order, then cheapest first, then by name', () => {
    expect(orderPackages(catalog, []).map((p) => p.id)).toEqual(['d', 'a', 'b', 'c']);
    expect(orderPackages(catalog, ['c', 'b']).map((p) => p.id)).toEqual(['c', 'b', 'd', 'a']);
  });

  it('filters by every typed word against name and code, ignoring case', () => {
    expect(filterPackages(catalog, 'top 10').map((p) => p.id)).toEqual(['b']);
    expect(filterPackages(catalog, 'data1gb').map((p) => p.id)).toEqual(['d']);
    expect(filterPackages(catalog, '   ')).toHaveLength(4);
    expect(filterPackages(catalog, 'nothing')).toEqual([]);
  });
});

describe('date range of the sales filter', () => {
  it('turns a local day into a [start, end) range in UTC', () => {
    const start = localDayStart('2026-03-29')!;
    const end = localDayEnd('2026-03-29')!;
    expect(new Date(start).getDate()).toBe(29);
    expect(new Date(start).getHours()).toBe(0);
    expect(new Date(end).getDate()).toBe(30);
    expect(new Date(end).getHours()).toBe(0);
    expect(localDayStart('29/03/2026')).toBeNull();
  });
});
