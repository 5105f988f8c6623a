import { describe, expect, it } from 'vitest';
import type { Package } from '../../../core/sync/protocol';
import { fkeyBindings, isFunctionKey, packageForKey } from '../../../renderer/src/screens/sell/fkey-bindings';
import { filterPackages, orderPackages } from '../../../renderer/src/screens/sell/package-order';

const pkg = (id: string, name: string, retailPrice: number): Package => ({
  id,
  code: id.toUpperCase(),
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

const catalog = [pkg('c', 'Top-up 20', 2000), pkg('a', 'Top-up 5', 500), pkg('b', 'Top-up 10', 1000)];

/** What the grid shows: each tile in grid order with its key (as the old code numbered them by grid position). */
const gridKeys = (favourites: string[], filter = '') => {
  const bindings = fkeyBindings(catalog);
  return filterPackages(orderPackages(catalog, favourites), filter).map((p) => [p.id, bindings.get(p.id)]);
};

describe('F-keys of the Sell screen', () => {
  // Was a bug: keys were numbered by grid position, so starring a package renumbered every F-key.
  it('stay with their package when one is starred or the grid is filtered', () => {
    expect(new Map(gridKeys([]) as [string, string][])).toEqual(
      new Map([
        ['a', 'F1'],
        ['b', 'F2'],
        ['c', 'F3'],
      ]),
    );
    expect(gridKeys(['c'])).toEqual([
      ['c', 'F3'],
      ['a', 'F1'],
      ['b', 'F2'],
    ]);
    expect(gridKeys([], '20')).toEqual([['c', 'F3']]);
    expect(packageForKey(catalog, fkeyBindings(catalog), 'F3')?.id).toBe('c');
    expect(packageForKey(catalog, fkeyBindings(catalog), 'F5')).toBeNull();
  });

  it('knows every function key, bound or not, so none reaches the browser', () => {
    expect(isFunctionKey('F5')).toBe(true);
    expect(isFunctionKey('F12')).toBe(true);
    expect(isFunctionKey('F13')).toBe(false);
    expect(isFunctionKey('f')).toBe(false);
  });
});
