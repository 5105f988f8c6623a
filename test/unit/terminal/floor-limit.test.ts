import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkOfflineSale,
  offlineAllowance,
  offlineLimitBreached,
  type OfflineSaleCheck,
} from '../../../core/offline/floor-limit';

const now = Date.parse('2030-01-01T12:00:00.000Z');
const base: OfflineSaleCheck = {
  retailAmount: 1_000,
  debitAmount: 950,
  limits: { perSaleMax: 5_000, totalOfflineMax: 20_000, maxHoursSinceSync: 24 },
  exposure: 0,
  availableBalance: 10_000,
  lastSyncAt: '2030-01-01T10:00:00.000Z',
  saleAtMs: now,
  clockOffsetMs: 0,
};

describe('offline floor limits', () => {
  it('accepts a sale within every limit', () => {
    expect(checkOfflineSale(base)).toEqual({ ok: true });
  });
  it('refuses above the per-sale limit (boundary is inclusive)', () => {
    expect(checkOfflineSale({ ...base, retailAmount: 5_000 }).ok).toBe(true);
    expect(checkOfflineSale({ ...base, retailAmount: 5_001 })).toMatchObject({
      ok: false,
      reason: 'offline_per_sale_limit',
    });
  });
  it('refuses when the stored offline total would pass its limit', () => {
    expect(checkOfflineSale({ ...base, exposure: 19_000 }).ok).toBe(true);
    expect(checkOfflineSale({ ...base, exposure: 19_001 })).toMatchObject({
      reason: 'offline_total_limit',
    });
  });
  it('refuses when the last sync is too old, or never happened', () => {
    expect(checkOfflineSale({ ...base, lastSyncAt: '2029-12-31T12:00:00.000Z' }).ok).toBe(true);
    expect(checkOfflineSale({ ...base, lastSyncAt: '2029-12-31T11:59:59.999Z' })).toMatchObject({
      reason: 'offline_sync_too_old',
    });
    expect(checkOfflineSale({ ...base, lastSyncAt: null })).toMatchObject({ reason: 'offline_never_synced' });
  });
  it('never exceeds the last known balance minus pending debits', () => {
    expect(checkOfflineSale({ ...base, availableBalance: 950 }).ok).toBe(true);
    expect(checkOfflineSale({ ...base, availableBalance: 949 })).toMatchObject({
      reason: 'insufficient_balance',
    });
    expect(checkOfflineSale({ ...base, availableBalance: -5 })).toMatchObject({
      reason: 'insufficient_balance',
    });
  });
  it('property: a sequence of accepted offline sales never breaks a limit (invariant 6)', () => {
    fc.assert(
      fc.property(
        fc.record({
          perSaleMax: fc.nat(10_000),
          totalOfflineMax: fc.nat(50_000),
          maxHoursSinceSync: fc.nat(48),
        }),
        fc.nat(100_000),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 12_000 }), fc.integer({ min: 0, max: 12_000 })), {
          maxLength: 40,
        }),
        (limits, startBalance, sales) => {
          let pendingRetail = 0;
          let pendingDebit = 0;
          for (const [retail, debit] of sales) {
            const d = checkOfflineSale({
              retailAmount: retail,
              debitAmount: debit,
              limits,
              exposure: pendingRetail,
              availableBalance: startBalance - pendingDebit,
              lastSyncAt: new Date(now - 3_600_000).toISOString(),
              saleAtMs: now,
              clockOffsetMs: null,
            });
            if (d.ok) {
              expect(retail).toBeLessThanOrEqual(limits.perSaleMax);
              pendingRetail += retail;
              pendingDebit += debit;
            }
          }
          expect(pendingRetail).toBeLessThanOrEqual(limits.totalOfflineMax);
          expect(pendingDebit).toBeLessThanOrEqual(startBalance);
        },
      ),
    );
  });
  // Was a bug: the allowance was min(per-sale max, total left), so with a per-sale max below the total it stayed put
  // ("Offline left" did not go down after offline sales). It is the total left now; the per-sale max is shown apart.
  it('reports the total offline allowance left, going down with every offline sale', () => {
    expect(offlineAllowance(base.limits, 0)).toBe(base.limits.totalOfflineMax);
    expect(offlineAllowance(base.limits, 1_000)).toBe(base.limits.totalOfflineMax - 1_000);
    expect(offlineAllowance(base.limits, 2_000)).toBe(base.limits.totalOfflineMax - 2_000);
    expect(offlineAllowance(base.limits, base.limits.totalOfflineMax + 5_000)).toBe(0);
  });

  it('names the offline limit a sale would break before it is confirmed, per sale first', () => {
    const headroom = { perSaleMax: base.limits.perSaleMax, totalLeft: 3_000 };
    expect(offlineLimitBreached(base.limits.perSaleMax + 1, headroom)).toBe('offline_per_sale_limit');
    expect(offlineLimitBreached(3_001, headroom)).toBe('offline_total_limit');
    expect(offlineLimitBreached(3_000, headroom)).toBeNull();
    // Both limits are inclusive: a sale of exactly the per-sale maximum fits when the total allows it.
    const roomy = { perSaleMax: base.limits.perSaleMax, totalLeft: base.limits.totalOfflineMax };
    expect(offlineLimitBreached(base.limits.perSaleMax, roomy)).toBeNull();
    expect(offlineLimitBreached(base.limits.perSaleMax + 1, roomy)).toBe('offline_per_sale_limit');
  });

  it('tells the clerk why in words, a different sentence for each refusal', () => {
    const refusals = [
      checkOfflineSale({ ...base, lastSyncAt: null }),
      checkOfflineSale({ ...base, clockOffsetMs: 600_000 }),
      checkOfflineSale({ ...base, lastSyncAt: '2029-12-30T12:00:00.000Z' }),
      checkOfflineSale({ ...base, retailAmount: 5_001 }),
      checkOfflineSale({ ...base, exposure: 19_500 }),
      checkOfflineSale({ ...base, availableBalance: 0 }),
      checkOfflineSale({ ...base, saleAtMs: Date.parse('2030-01-01T09:00:00.000Z') }),
    ];
    const messages = refusals.map((r) => (r.ok ? '' : r.message));
    expect(refusals.map((r) => (r.ok ? 'ok' : r.reason))).toEqual([
      'offline_never_synced',
      'offline_clock_wrong',
      'offline_sync_too_old',
      'offline_per_sale_limit',
      'offline_total_limit',
      'insufficient_balance',
      'offline_clock_behind',
    ]);
    for (const m of messages) expect(m.length).toBeGreaterThan(20);
    expect(new Set(messages).size).toBe(messages.length);
    // The sync-age refusal names the limit in force.
    expect(messages[2]).toContain(`${base.limits.maxHoursSinceSync} h`);
  });
});

describe('offline rule and the clock', () => {
  it('refuses when the clock reads well before the last sync (set back), allows small drift', () => {
    const base = {
      retailAmount: 100,
      debitAmount: 90,
      limits: { perSaleMax: 1_000, totalOfflineMax: 10_000, maxHoursSinceSync: 24 },
      exposure: 0,
      availableBalance: 10_000,
      lastSyncAt: '2026-01-02T12:00:00.000Z',
      clockOffsetMs: 0,
    };
    const at = (iso: string) => checkOfflineSale({ ...base, saleAtMs: Date.parse(iso) });
    expect(at('2026-01-02T11:58:00.000Z')).toEqual({ ok: true });
    expect(at('2026-01-02T11:55:00.000Z')).toEqual({ ok: true });
    expect(at('2026-01-02T11:54:59.999Z')).toMatchObject({ ok: false, reason: 'offline_clock_behind' });
    expect(at('2026-01-01T12:00:00.000Z')).toMatchObject({ ok: false, reason: 'offline_clock_behind' });
  });
  it('stops offline sales when the clock is more than 5 minutes off the server, either way', () => {
    expect(checkOfflineSale({ ...base, clockOffsetMs: 300_000 }).ok).toBe(true);
    expect(checkOfflineSale({ ...base, clockOffsetMs: -300_000 }).ok).toBe(true);
    expect(checkOfflineSale({ ...base, clockOffsetMs: 300_001 })).toMatchObject({
      reason: 'offline_clock_wrong',
    });
    expect(checkOfflineSale({ ...base, clockOffsetMs: -300_001 })).toMatchObject({
      reason: 'offline_clock_wrong',
      message: expect.stringContaining('ahead'),
    });
    // The clerk is told how far off the clock is, and which way.
    expect(checkOfflineSale({ ...base, clockOffsetMs: 12 * 60_000 })).toMatchObject({
      message: expect.stringMatching(/\b12 min behind\b/),
    });
    expect(checkOfflineSale({ ...base, clockOffsetMs: -(90 * 60_000 + 20_000) })).toMatchObject({
      message: expect.stringMatching(/\b90 min ahead of\b/),
    });
    // Never measured (no answer from the server yet): the other rules decide.
    expect(checkOfflineSale({ ...base, clockOffsetMs: null }).ok).toBe(true);
  });
});
