import { describe, expect, it } from 'vitest';
import type { LocalSaleStatus } from '../../../core/contract/types/sales';
import { canMarkDealtWith, needsLook, unseenOutcomeOf } from '../../../core/sales/outcome-not-shown';
import { isPrintable } from '../../../core/sales/sale-view';

const open = { shownAt: null, dealtWithAt: null };
const AT = '2026-01-02T03:04:05.000Z';

describe('which sales need a look after a restart', () => {
  it('lists a sale of an earlier run that nobody saw nor dealt with', () => {
    expect(needsLook({ run: 3, ...open }, 4)).toBe(true);
    expect(needsLook({ run: 1, ...open }, 9)).toBe(true);
  });

  it('never lists a sale of the current run: its Sell screen may still be waiting for the answer', () => {
    expect(needsLook({ run: 4, ...open }, 4)).toBe(false);
  });

  it('does not list a sale whose outcome was shown, or that was marked dealt with', () => {
    expect(needsLook({ run: 3, shownAt: AT, dealtWithAt: null }, 4)).toBe(false);
    expect(needsLook({ run: 3, shownAt: null, dealtWithAt: AT }, 4)).toBe(false);
  });

  it('does not list a sale with no recorded run (made before runs were recorded)', () => {
    expect(needsLook({ run: null, ...open }, 4)).toBe(false);
  });
});

describe('what became of a sale whose outcome was not shown', () => {
  const cases: readonly [LocalSaleStatus, ReturnType<typeof unseenOutcomeOf>][] = [
    ['confirmed', 'sold'],
    ['confirmed_after_refusal', 'sold'],
    ['reversed', 'not_sold'],
    ['pending', 'waiting'],
    ['queued', 'waiting'],
    ['in_doubt', 'waiting'],
  ];
  it.each(cases)('%s -> %s', (status, outcome) => {
    expect(unseenOutcomeOf(status)).toBe(outcome);
  });

  it('can be marked dealt with only once the server answered', () => {
    expect(canMarkDealtWith('sold')).toBe(true);
    expect(canMarkDealtWith('not_sold')).toBe(true);
    expect(canMarkDealtWith('waiting')).toBe(false);
  });

  it('a sold one always has a printable receipt, a not-sold one never', () => {
    for (const [status, outcome] of cases) {
      if (outcome === 'sold') expect(isPrintable(status)).toBe(true);
      if (outcome === 'not_sold') expect(isPrintable(status)).toBe(false);
    }
  });
});
