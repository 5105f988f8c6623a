import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../../core/money/parse-amount';
import { quickTenders, tenderText } from '../../../core/sales/quick-tender';

describe('quick tender', () => {
  it('offers the exact total, then the next round notes above it', () => {
    expect(quickTenders(1050, 'USD')).toEqual([1050, 1100, 1500, 2000]);
    expect(quickTenders(500, 'USD')).toEqual([500, 1000, 2000, 5000]);
    expect(quickTenders(2000, 'USD')).toEqual([2000, 5000, 10000]);
    expect(quickTenders(730, 'JPY')).toEqual([730, 800, 1000, 5000]);
    expect(quickTenders(1250, 'KWD')).toEqual([1250, 2000, 5000, 10000]);
    expect(quickTenders(0, 'USD')).toEqual([]);
  });

  it('always starts with the exact total and offers only larger, distinct amounts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.constantFrom('USD', 'JPY', 'KWD', 'EUR'),
        (t, c) => {
          const q = quickTenders(t, c);
          expect(q[0]).toBe(t);
          expect(new Set(q).size).toBe(q.length);
          for (const a of q.slice(1)) expect(a).toBeGreaterThan(t);
          expect(q.length).toBeLessThanOrEqual(4);
        },
      ),
    );
  });

  it("writes an amount the tendered field reads back exactly, in the till's locale", () => {
    for (const locale of ['en-US', 'de-DE', 'fr-FR', 'ja-JP']) {
      for (const [amount, currency] of [
        [1050, 'USD'],
        [7, 'EUR'],
        [730, 'JPY'],
        [1250, 'KWD'],
      ] as const) {
        const text = tenderText(amount, currency, locale);
        expect(parseAmount(text, currency, locale)).toEqual({ ok: true, amount });
      }
    }
    expect(tenderText(1050, 'USD', 'de-DE')).toBe('10,50');
    expect(tenderText(1050, 'USD', 'en-US')).toBe('10.50');
  });
});
