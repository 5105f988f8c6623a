import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { methods } from '../../../../core/contract/methods';
import { localization } from '../../../../core/i18n/catalog';
import type { CardFilter } from '../../../../renderer/src/screens/cards/card-filter-form';
import {
  NO_SELECTION,
  selectionTarget,
  targetText,
  type CardSelection,
} from '../../../../renderer/src/screens/cards/card-target';

const A = '0190a8f1-2c3d-7e4f-8a9b-0c1d2e3f4a5b';
const B = '0190a8f1-2c3d-7e4f-8a9b-0c1d2e3f4a5c';
const C = '0190a8f1-2c3d-7e4f-8a9b-0c1d2e3f4a5d';

const sel = (ids: string[], all = false): CardSelection => ({ all, ids: new Set(ids), anchor: null });

describe('selectionTarget', () => {
  it('is null when nothing is selected', () => {
    expect(selectionTarget(NO_SELECTION, {})).toBeNull();
    expect(selectionTarget(sel([]), { status: 'new' })).toBeNull();
    expect(NO_SELECTION.ids.size).toBe(0);
    expect(NO_SELECTION.all).toBe(false);
  });

  it('names the selected ids, in selection order', () => {
    expect(selectionTarget(sel([C, A, B]), {})).toEqual({ kind: 'ids', ids: [C, A, B] });
  });

  it('names the filter when every matching card is selected, whatever ids are also ticked', () => {
    const filter: CardFilter = { status: 'new', prefix: '101' };
    expect(selectionTarget(sel([], true), filter)).toEqual({ kind: 'filter', filter });
    expect(selectionTarget(sel([A], true), filter)).toEqual({ kind: 'filter', filter });
    expect(selectionTarget(sel([], true), {})).toEqual({ kind: 'filter', filter: {} });
  });

  it('answers targets the cards.edit and cards.delete contracts accept', () => {
    for (const target of [
      selectionTarget(sel([A, B]), {}),
      selectionTarget(sel([], true), { amount: 500 }),
    ]) {
      expect(methods['cards.edit'].input.safeParse({ target, expiresAt: { mode: 'preserve' } }).success).toBe(
        true,
      );
      expect(methods['cards.delete'].input.safeParse({ target, confirm: 'delete' }).success).toBe(true);
    }
  });

  it('property: an id target holds each selected id exactly once', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 50 }), (ids) => {
        const target = selectionTarget(sel(ids), {});
        expect(target).toEqual({ kind: 'ids', ids });
      }),
    );
  });
});

describe('targetText', () => {
  it('counts selected cards, singular for one', () => {
    expect(targetText({ kind: 'ids', ids: [A] }, 99)).toBe('1 selected card');
    expect(targetText({ kind: 'ids', ids: [A, B, C] }, null)).toBe('3 selected cards');
    const many = Array.from({ length: 1234 }, (_, i) => `id-${i}`);
    expect(targetText({ kind: 'ids', ids: many }, null)).toBe(`${(1234).toLocaleString()} selected cards`);
  });

  it('says "all matching cards", with the total when it is known', () => {
    expect(targetText({ kind: 'filter', filter: {} }, null)).toBe('all matching cards');
    expect(targetText({ kind: 'filter', filter: {} }, 0)).toBe('all 0 matching cards');
    expect(targetText({ kind: 'filter', filter: {} }, 1234)).toBe(
      `all ${(1234).toLocaleString()} matching cards`,
    );
  });

  it('never has double or stray spaces', () => {
    fc.assert(
      fc.property(fc.option(fc.nat({ max: 10_000_000 })), fc.nat({ max: 300 }), (total, n) => {
        const texts = [targetText({ kind: 'filter', filter: {} }, total)];
        if (n > 0) texts.push(targetText({ kind: 'ids', ids: Array.from({ length: n }, String) }, total));
        for (const t of texts) expect(t).toBe(t.trim().replace(/\s+/g, ' '));
      }),
    );
  });
});

describe('targetText in Russian', () => {
  const ru = localization('ru', 'ru-RU', undefined);
  const ids = (n: number) => ({ kind: 'ids' as const, ids: Array.from({ length: n }, String) });

  it('uses the Russian plural forms (one, few, many)', () => {
    expect(targetText(ids(1), null, ru)).toBe('1 выбранная карта');
    expect(targetText(ids(3), null, ru)).toBe('3 выбранные карты');
    expect(targetText(ids(5), null, ru)).toBe('5 выбранных карт');
    expect(targetText(ids(21), null, ru)).toBe('21 выбранная карта');
  });

  it('groups the total as the locale does', () => {
    expect(targetText({ kind: 'filter', filter: {} }, 1234, ru)).toBe(
      `все найденные карты (${new Intl.NumberFormat('ru-RU').format(1234)})`,
    );
    expect(targetText({ kind: 'filter', filter: {} }, null, ru)).toBe('все найденные карты');
  });
});
