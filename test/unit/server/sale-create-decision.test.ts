import { describe, expect, it } from 'vitest';
import type { FloorLimits, OfflineClaim } from '../../../core/sync/protocol';
import {
  decideSaleCreate,
  type PackageVersion,
  type SaleCreateContext,
} from '../../../server/sync/sale-create-decision';

const SYNC = Date.parse('2030-01-01T10:00:00.000Z');
const HOUR = 3_600_000;
const limits: FloorLimits = { perSaleMax: 5_000, totalOfflineMax: 20_000, maxHoursSinceSync: 24 };
const version: PackageVersion = {
  packageId: '018f0000-0000-7000-8000-000000000001',
  version: 2,
  faceValue: 100,
  wholesalePrice: 90,
  retailPrice: 100,
  currency: 'USD',
  validityDays: null,
  active: true,
  supersededAtMs: null,
};
const claim: OfflineClaim = {
  seq: 1,
  windowStart: 1,
  limitsVersion: 1,
  lastSyncAt: new Date(SYNC).toISOString(),
};

/** An offline sale of one package made `sinceSyncMs` after the sync it names, judged `lagMs` later by the server. */
function offlineSale(sinceSyncMs: number, lagMs = 60_000): SaleCreateContext {
  const createdAtMs = SYNC + sinceSyncMs;
  return {
    payload: {
      saleId: '018f0000-0000-7000-8000-000000000002',
      saleNumber: 'T1-000001',
      packageId: version.packageId,
      packageVersion: version.version,
      customerAccount: '5551234567',
      quantity: 1,
      currency: 'USD',
      retailAmount: 100,
    },
    createdAtMs,
    nowMs: createdAtMs + lagMs,
    current: null,
    sold: version,
    resellerCurrency: 'USD',
    balance: 10_000,
    offline: {
      claim,
      limits,
      limitsSupersededAtMs: null,
      enrolledAtMs: SYNC - 24 * HOUR,
      exposure: 0,
      lastSyncStampMs: SYNC,
      hardCap: limits.totalOfflineMax,
    },
  };
}

describe('server decision for an offline sale.create', () => {
  it('applies a sale made up to maxHoursSinceSync after the sync it names, and refuses one a moment later', () => {
    expect(decideSaleCreate(offlineSale(24 * HOUR))).toMatchObject({ ok: true, wholesaleAmount: 90 });
    expect(decideSaleCreate(offlineSale(24 * HOUR + 1))).toEqual({
      ok: false,
      reason: 'floor_limit_exceeded',
      message: 'Last sync was more than 24 h ago; offline sales are blocked until the terminal syncs.',
    });
    // Days later, not just at the boundary.
    expect(decideSaleCreate(offlineSale(72 * HOUR))).toMatchObject({
      ok: false,
      reason: 'floor_limit_exceeded',
    });
  });

  it('tolerates a sale dated up to 5 minutes ahead of the server clock, not more', () => {
    expect(decideSaleCreate(offlineSale(HOUR, -5 * 60_000)).ok).toBe(true);
    expect(decideSaleCreate(offlineSale(HOUR, -5 * 60_000 - 1))).toMatchObject({
      ok: false,
      reason: 'invalid_command',
      message: expect.stringContaining('future'),
    });
    expect(decideSaleCreate(offlineSale(HOUR, -HOUR))).toMatchObject({
      ok: false,
      reason: 'invalid_command',
    });
  });
});
