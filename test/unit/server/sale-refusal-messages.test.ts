import { describe, expect, it } from 'vitest';
import type { FloorLimits, OfflineClaim, Package } from '../../../core/sync/protocol';
import {
  decideSaleCreate,
  type PackageVersion,
  type SaleCreateContext,
} from '../../../server/sync/sale-create-decision';

const SYNC = Date.parse('2030-01-01T10:00:00.000Z');
const HOUR = 3_600_000;
const limits: FloorLimits = { perSaleMax: 5_000, totalOfflineMax: 20_000, maxHoursSinceSync: 24 };
const PACKAGE_ID = '018f0000-0000-7000-8000-0000000000a1';
const claim: OfflineClaim = {
  seq: 1,
  windowStart: 1,
  limitsVersion: 1,
  lastSyncAt: new Date(SYNC).toISOString(),
};
const payload = {
  saleId: '018f0000-0000-7000-8000-0000000000a2',
  saleNumber: 'T1-000001',
  packageId: PACKAGE_ID,
  packageVersion: 2,
  customerAccount: '5551234567',
  quantity: 1,
  currency: 'USD',
  retailAmount: 100,
};

/** The refusal messages of `sale.create` name what went wrong: the manager reads them on the Sync screen. */
describe('sale.create refusal messages', () => {
  it('an online sale of a package taken off sale names the package code', () => {
    const current: Package = {
      id: PACKAGE_ID,
      code: 'T10_WITHDRAWN',
      name: 'Top-up 10',
      kind: 'topup',
      faceValue: 100,
      wholesalePrice: 90,
      retailPrice: 100,
      currency: 'USD',
      validityDays: null,
      active: false,
      version: 2,
      updatedAt: new Date(SYNC).toISOString(),
    };
    const c: SaleCreateContext = {
      payload,
      createdAtMs: SYNC,
      nowMs: SYNC + 1_000,
      current,
      sold: null,
      resellerCurrency: 'USD',
      balance: 10_000,
      offline: null,
    };
    expect(decideSaleCreate(c)).toEqual({
      ok: false,
      reason: 'package_inactive',
      message: 'package T10_WITHDRAWN is not on sale',
    });
  });

  it('an offline sale at a version replaced before the sync it names says which version and why', () => {
    const sold: PackageVersion = {
      packageId: PACKAGE_ID,
      version: 2,
      faceValue: 100,
      wholesalePrice: 90,
      retailPrice: 100,
      currency: 'USD',
      validityDays: null,
      active: true,
      // Replaced an hour before the sync the claim names: the terminal had version 3 by then.
      supersededAtMs: SYNC - HOUR,
    };
    const c: SaleCreateContext = {
      payload,
      createdAtMs: SYNC + 60_000,
      nowMs: SYNC + 120_000,
      current: null,
      sold,
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
    expect(decideSaleCreate(c)).toEqual({
      ok: false,
      reason: 'unknown_version',
      message: 'package version 2 was replaced before the sync the sale names',
    });
  });
});
