import { describe, expect, it } from 'vitest';
import type { RenderedShiftReport, ShiftState } from '../../../core/contract/types/shifts';
import type { SaleCreateOutcome } from '../../../core/contract/types/sales';
import { uuidv7 } from '../../../core/uuidv7';
import { call } from '../terminal/support/terminal-harness';
import { allocate, closeTillsAfterEach, codeOf, localTill, outboxState } from './support';

/**
 * Every counter sale belongs to a shift (ShiftService): a direct sale and a sale from stock open one at float 0 when
 * none is open, or are refused with `shift_required`, writing nothing, while the manager requires a counted float. The
 * shift is opened inside the sale's own transaction, once its checks passed, so a sale refused for its input opens none.
 */

closeTillsAfterEach();

describe('a sale from stock and the shift rule', () => {
  it('is refused with shift_required, writing nothing, while an open shift is required and none is open', async () => {
    const t = await localTill();
    allocate(t.s, t.pkg.id, 5);
    await call(t.s, 'shifts.setRequireOpen', { requireOpenShift: true });
    const before = outboxState(t.s);
    expect(
      await codeOf(call(t.s, 'stock.sell', { packageId: t.pkg.id, customerAccount: '+15550001234' })),
    ).toBe('shift_required');
    expect(outboxState(t.s)).toEqual(before);
    expect((await call<ShiftState>(t.s, 'shifts.current')).current).toBeNull();
  });

  it('opens a shift at float 0 when none is open, and the sale is counted in it', async () => {
    const t = await localTill();
    allocate(t.s, t.pkg.id, 5);
    const sold = await call<SaleCreateOutcome>(t.s, 'stock.sell', {
      packageId: t.pkg.id,
      customerAccount: '+15550001234',
    });
    expect(sold.outcome).toBe('queued');
    const { current } = await call<ShiftState>(t.s, 'shifts.current');
    expect(current).toMatchObject({ state: 'open', implicit: true, float: 0 });
    const { report } = await call<RenderedShiftReport>(t.s, 'shifts.report', { kind: 'X' });
    expect(report.salesCount).toBe(1);
    expect(report.salesAmount).toBe(sold.sale?.retailAmount);
  });
});

describe('a direct sale refused for its input', () => {
  it('opens no shift', async () => {
    const t = await localTill();
    expect(
      await codeOf(
        call(t.s, 'sales.create', { packageId: uuidv7(), customerAccount: '+15550001234', quantity: 1 }),
      ),
    ).toBe('package_not_found');
    expect((await call<ShiftState>(t.s, 'shifts.current')).current).toBeNull();
  });
});
