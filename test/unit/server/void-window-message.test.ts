import { describe, expect, it } from 'vitest';
import { decideSaleVoid, VOID_WINDOW_MS, type VoidableSale } from '../../../server/sync/sale-void-decision';

const T = Date.parse('2030-01-01T10:00:00.000Z');
const TERMINAL = '018f0000-0000-7000-8000-0000000000b1';
const sale: VoidableSale = {
  status: 'purchased',
  terminalId: TERMINAL,
  offline: false,
  createdAtMs: T,
  receivedAtMs: T + 1_000,
  grantAmount: 1_000,
  grantRemaining: 1_000,
};

/** A void dated after its sale's void window is refused with a message that sends the clerk to a refund. */
describe('the void window', () => {
  it('reverses a void at the end of the window and refuses one just after it, pointing to a refund', () => {
    const at = (ageMs: number) =>
      decideSaleVoid(sale, { terminalId: TERMINAL, createdAtMs: T + ageMs, nowMs: T + ageMs + 1_000 });
    expect(at(VOID_WINDOW_MS)).toEqual({ kind: 'reverse' });
    expect(at(VOID_WINDOW_MS + 1)).toEqual({
      kind: 'reject',
      reason: 'void_not_allowed',
      message: 'a void follows its sale within minutes; older sales need a refund',
    });
  });
});
