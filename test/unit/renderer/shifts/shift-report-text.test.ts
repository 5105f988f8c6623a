import { describe, expect, it } from 'vitest';
import { localization } from '../../../../core/i18n/catalog';
import { toCsv } from '../../../../renderer/src/screens/reports/report-csv';

describe('shift and report texts follow the language', () => {
  it('declines the counts of a clerk line in a shift report (one, few, many)', () => {
    const { m, fmt } = localization('ru', null, undefined);
    const f = m.shifts.figures;
    const line = (sales: number) =>
      f.clerkSales({ name: 'Анна', sales: fmt.counted(sales, f.salesCount), amount: fmt.money(1050, 'USD') });
    expect(line(1)).toBe('Анна: 1 продажа, 10,50 USD');
    expect(line(3)).toBe('Анна: 3 продажи, 10,50 USD');
    expect(line(5)).toBe('Анна: 5 продаж, 10,50 USD');
    expect(f.clerkRefunds({ refunds: fmt.counted(21, f.refundsCount), amount: '1' })).toBe(', 21 возврат −1');
  });

  it('keeps the English clerk line as it was', () => {
    const { m, fmt } = localization('en', null, undefined);
    const f = m.shifts.figures;
    expect(
      f.clerkSales({ name: 'Ann', sales: fmt.counted(2, f.salesCount), amount: fmt.money(1050, 'USD') }),
    ).toBe('Ann: 2 sales, USD 10.50');
  });

  it('writes CSV headers in the language and keeps the values machine-readable', () => {
    for (const language of ['en', 'ru'] as const) {
      const { m } = localization(language, null, undefined);
      const h = m.reports.byPackage.header;
      const csv = toCsv([h.package, h.sales, h.quantity, h.amount], [['Top-up 10', 2, 3, '30.00']]);
      const [head, row] = csv.split('\r\n');
      expect(head).toBe([h.package, h.sales, h.quantity, h.amount].join(','));
      expect(row).toBe('Top-up 10,2,3,30.00');
    }
    expect(localization('ru', null, undefined).m.reports.byPackage.header.package).toBe('Пакет');
  });
});
