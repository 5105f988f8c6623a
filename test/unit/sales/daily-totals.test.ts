import { afterEach, describe, expect, it } from 'vitest';
import type { LocalSaleStatus } from '../../../core/contract/types/sales';
import { computeSalesTotals, localDayStart, type TotalsSale } from '../../../core/sales/daily-totals';
import { businessStatusOf, isPrintable, syncStateOf } from '../../../core/sales/sale-view';

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const sale = (over: Partial<TotalsSale>): TotalsSale => ({
  status: 'confirmed',
  retailAmount: 100,
  clerkId: 'a',
  createdAt: '2025-03-10T12:00:00.000Z',
  ...over,
});

describe('localDayStart', () => {
  it('is local midnight in the machine time zone, as a UTC instant', () => {
    process.env.TZ = 'America/New_York';
    // 02:30 UTC on the 10th is 22:30 on the 9th in New York (EDT, UTC-4).
    expect(localDayStart(new Date('2025-03-10T02:30:00Z')).toISOString()).toBe('2025-03-09T05:00:00.000Z');
    // After the DST change on the 9th, midnight of the 10th is 04:00 UTC.
    expect(localDayStart(new Date('2025-03-10T15:00:00Z')).toISOString()).toBe('2025-03-10T04:00:00.000Z');
    process.env.TZ = 'Asia/Tokyo';
    expect(localDayStart(new Date('2025-03-10T15:00:00Z')).toISOString()).toBe('2025-03-10T15:00:00.000Z');
    expect(localDayStart(new Date('2025-03-10T14:59:59Z')).toISOString()).toBe('2025-03-09T15:00:00.000Z');
  });

  it('handles a day whose midnight is skipped by DST (the first instant of that day)', () => {
    process.env.TZ = 'America/Santiago'; // clocks jump from 00:00 to 01:00 on 2024-09-08
    const start = localDayStart(new Date('2024-09-08T18:00:00Z'));
    expect(start.getDate()).toBe(8);
    expect(start.getHours()).toBe(1);
    expect(start.toISOString()).toBe('2024-09-08T04:00:00.000Z');
  });

  it('is UTC midnight under UTC', () => {
    process.env.TZ = 'UTC';
    expect(localDayStart(new Date('2025-01-01T23:59:59.999Z')).toISOString()).toBe(
      '2025-01-01T00:00:00.000Z',
    );
  });
});

describe('computeSalesTotals', () => {
  const window = {
    currency: 'USD',
    dayStart: '2025-03-10T04:00:00.000Z',
    shift: { clerkId: 'a', since: '2025-03-10T10:00:00.000Z' },
  };

  it('counts today and the shift, leaving out reversed and refused sales', () => {
    const sales: TotalsSale[] = [
      sale({ createdAt: '2025-03-10T03:59:59.999Z', retailAmount: 1 }), // yesterday
      sale({ createdAt: '2025-03-10T04:00:00.000Z', retailAmount: 10 }), // today, before the shift
      sale({ createdAt: '2025-03-10T10:00:00.000Z', retailAmount: 100, status: 'queued' }),
      sale({ createdAt: '2025-03-10T11:00:00.000Z', retailAmount: 1_000, status: 'reversed' }),
      sale({ createdAt: '2025-03-10T11:30:00.000Z', retailAmount: 10_000, status: 'in_doubt' }),
      sale({ createdAt: '2025-03-10T12:00:00.000Z', retailAmount: 100_000, clerkId: 'b' }),
      sale({
        createdAt: '2025-03-10T12:30:00.000Z',
        retailAmount: 1_000_000,
        status: 'confirmed_after_refusal',
      }),
    ];
    expect(computeSalesTotals(sales, window)).toEqual({
      currency: 'USD',
      today: { from: window.dayStart, count: 4, amount: 1_100_110, refunds: { count: 0, amount: 0 } },
      shift: { clerkId: 'a', since: window.shift.since, count: 2, cashTaken: 1_000_100, cashRefunded: 0 },
    });
  });

  it('answers zeros and no shift when nobody is signed in', () => {
    expect(
      computeSalesTotals([sale({})], { currency: null, dayStart: window.dayStart, shift: null }),
    ).toEqual({
      currency: null,
      today: { from: window.dayStart, count: 1, amount: 100, refunds: { count: 0, amount: 0 } },
      shift: { clerkId: null, since: null, count: 0, cashTaken: 0, cashRefunded: 0 },
    });
  });

  it("counts refunds on their own day, and the shift's cash handed back by its clerk only", () => {
    const refunds = [
      { cashBack: 7, clerkId: 'a', refundedAt: '2025-03-10T03:00:00.000Z' }, // yesterday
      { cashBack: 50, clerkId: 'b', refundedAt: '2025-03-10T09:00:00.000Z' }, // today, another clerk
      { cashBack: 300, clerkId: 'a', refundedAt: '2025-03-10T10:30:00.000Z' }, // today, in the shift
    ];
    const totals = computeSalesTotals([], window, refunds);
    expect(totals.today.refunds).toEqual({ count: 2, amount: 350 });
    expect(totals.shift.cashRefunded).toBe(300);
    expect(() =>
      computeSalesTotals([], window, [{ cashBack: 0.5, clerkId: 'a', refundedAt: window.dayStart }]),
    ).toThrow(RangeError);
  });

  it("leaves another clerk's refund during the shift out of the shift's cash refunded", () => {
    const refunds = [
      { cashBack: 40, clerkId: 'b', refundedAt: '2025-03-10T11:00:00.000Z' }, // in the shift's time, clerk b
      { cashBack: 300, clerkId: 'a', refundedAt: '2025-03-10T10:30:00.000Z' },
    ];
    const totals = computeSalesTotals([], window, refunds);
    expect(totals.today.refunds).toEqual({ count: 2, amount: 340 });
    expect(totals.shift.cashRefunded).toBe(300);
  });

  it('refuses non-integer amounts', () => {
    expect(() => computeSalesTotals([sale({ retailAmount: 1.5 })], window)).toThrow(RangeError);
  });
});

describe('sale view rules', () => {
  it('maps local statuses to sync states and printability', () => {
    const all: LocalSaleStatus[] = [
      'pending',
      'queued',
      'confirmed',
      'reversed',
      'in_doubt',
      'confirmed_after_refusal',
    ];
    expect(all.map(syncStateOf)).toEqual(['queued', 'queued', 'synced', 'rejected', 'queued', 'synced']);
    expect(all.filter(isPrintable)).toEqual(['queued', 'confirmed', 'confirmed_after_refusal']);
  });

  it('takes the server status when known, else purchased', () => {
    expect(businessStatusOf('confirmed', null)).toBe('purchased');
    expect(businessStatusOf('confirmed', 'refunded')).toBe('refunded');
    expect(businessStatusOf('confirmed', 'activated')).toBe('activated');
    expect(businessStatusOf('queued', 'purchased')).toBe('purchased');
  });

  // Was a bug: a sale the server rejected (reversed here) was listed as "purchased" beside Sync "Rejected".
  it('calls a sale the server rejected, or the counter refused, not sold', () => {
    expect(businessStatusOf('reversed', null)).toBe('not_sold');
    expect(businessStatusOf('reversed', 'purchased')).toBe('not_sold');
    expect(businessStatusOf('in_doubt', null)).toBe('not_sold');
    expect(businessStatusOf('confirmed_after_refusal', 'purchased')).toBe('purchased');
  });
});
