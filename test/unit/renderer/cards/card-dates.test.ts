import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  localDateAndTime,
  localDayFromToday,
  localDayLastSecond,
} from '../../../../renderer/src/screens/cards/card-dates';
import { localDayEnd } from '../../../../renderer/src/format/local-day';
import { LocaleFormat } from '../../../../core/i18n/locale-format';

const savedTz = process.env.TZ;
afterEach(() => {
  vi.useRealTimers();
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('localDayLastSecond', () => {
  it('is 23:59:59 local of that day, as a UTC instant', () => {
    process.env.TZ = 'UTC';
    expect(localDayLastSecond('2026-11-30')).toBe('2026-11-30T23:59:59.000Z');
    process.env.TZ = 'Asia/Tokyo';
    expect(localDayLastSecond('2026-11-30')).toBe('2026-11-30T14:59:59.000Z');
    process.env.TZ = 'America/New_York';
    expect(localDayLastSecond('2026-12-31')).toBe('2027-01-01T04:59:59.000Z');
    // Leap day.
    process.env.TZ = 'UTC';
    expect(localDayLastSecond('2028-02-29')).toBe('2028-02-29T23:59:59.000Z');
  });

  it('is null for anything but YYYY-MM-DD', () => {
    for (const bad of [
      '',
      '2026-1-5',
      '30/11/2026',
      ' 2026-11-30',
      '2026-11-30 ',
      '2026-11-30T00:00',
      '20261130',
    ]) {
      expect(localDayLastSecond(bad), bad).toBeNull();
    }
  });

  // Was a bug (fixed): the NaN guard can never fire (regex digits always give a finite Date), so days that do
  // not exist roll over instead of being refused: '2026-02-30' is 2 March, '2026-13-01' is January 2027.
  it('refuses days that do not exist in the calendar', () => {
    expect(localDayLastSecond('2026-02-30')).toBeNull();
    expect(localDayLastSecond('2026-13-01')).toBeNull();
  });

  it('property: one second before the exclusive end of the same day (DST days included)', () => {
    // Zones whose DST changes are not at midnight (see the Santiago case below for those).
    for (const tz of ['UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe']) {
      process.env.TZ = tz;
      fc.assert(
        fc.property(
          fc.date({
            min: new Date('1971-01-01T00:00:00Z'),
            max: new Date('2099-12-31T00:00:00Z'),
            noInvalidDate: true,
          }),
          (d) => {
            const pad = (n: number) => String(n).padStart(2, '0');
            const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
            const last = localDayLastSecond(day)!;
            expect(Date.parse(localDayEnd(day)!) - Date.parse(last)).toBe(1_000);
            const back = new Date(last);
            expect([back.getDate(), back.getHours(), back.getMinutes(), back.getSeconds()]).toEqual([
              d.getDate(),
              23,
              59,
              59,
            ]);
          },
        ),
        { numRuns: 50 },
      );
    }
  });
});

// Was a bug (fixed): where clocks fall back at midnight (Chile: 24:00 -> 23:00 on the first Saturday of April),
// 23:59:59 happens twice and the first one was picked, so a card "expiring on" that day expired an hour early.
it('localDayLastSecond is the real last second of a day whose last hour repeats', () => {
  process.env.TZ = 'America/Santiago';
  expect(localDayEnd('2026-04-04')).toBe('2026-04-05T04:00:00.000Z');
  expect(localDayLastSecond('2026-04-04')).toBe('2026-04-05T03:59:59.000Z'); // is 02:59:59Z
});

describe('localDayFromToday', () => {
  const at = (local: Date) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(local);
  };

  it('is today for 0 days', () => {
    at(new Date(2026, 5, 15, 12, 0));
    expect(localDayFromToday(0)).toBe('2026-06-15');
  });

  it('crosses month and year ends, both ways', () => {
    at(new Date(2026, 0, 31, 12, 0));
    expect(localDayFromToday(1)).toBe('2026-02-01');
    expect(localDayFromToday(29)).toBe('2026-03-01');
    expect(localDayFromToday(-31)).toBe('2025-12-31');
    expect(localDayFromToday(365)).toBe('2027-01-31');
  });

  it('knows leap years', () => {
    at(new Date(2028, 1, 28, 9, 0));
    expect(localDayFromToday(1)).toBe('2028-02-29');
    expect(localDayFromToday(2)).toBe('2028-03-01');
  });

  it('uses the local day, not the UTC one', () => {
    process.env.TZ = 'Pacific/Auckland';
    // 2026-06-30 20:00 UTC is already 1 July 08:00 in Auckland.
    at(new Date('2026-06-30T20:00:00Z'));
    expect(localDayFromToday(0)).toBe('2026-07-01');
    expect(localDayFromToday(1)).toBe('2026-07-02');
  });

  it('lands on the right day when the target midnight does not exist (DST at midnight)', () => {
    process.env.TZ = 'America/Santiago'; // 2024-09-08 00:00 does not exist
    at(new Date(2024, 8, 7, 0, 30));
    expect(localDayFromToday(1)).toBe('2024-09-08');
    expect(localDayFromToday(2)).toBe('2024-09-09');
  });

  it('pads month and day', () => {
    at(new Date(2026, 2, 3, 12, 0));
    expect(localDayFromToday(0)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(localDayFromToday(0)).toBe('2026-03-03');
  });
});

describe('localDateAndTime', () => {
  it('gives back the text and no time when it is not a date', () => {
    expect(localDateAndTime('not a date')).toEqual({ date: 'not a date', time: '' });
    expect(localDateAndTime('')).toEqual({ date: '', time: '' });
  });

  // The formats read the zone when they are made (the window makes them once): each zone gets its own here.
  it('formats the local date and time of the instant', () => {
    process.env.TZ = 'UTC';
    const utc = localDateAndTime('2026-11-30T14:05:00.000Z', new LocaleFormat('en-US'));
    expect(utc.date).toContain('2026');
    expect(utc.date).toContain('30');
    expect(utc.time).toContain('05');
    expect(utc.time).not.toMatch(/:\d{2}:\d{2}/); // no seconds

    // The same instant is already 1 December in Tokyo.
    process.env.TZ = 'Asia/Tokyo';
    const tokyo = localDateAndTime('2026-11-30T20:05:00.000Z', new LocaleFormat('en-US'));
    expect(tokyo.date).toContain('01');
    expect(tokyo.date).toContain('2026');
    expect(tokyo.date).not.toBe(localDateAndTimeIn('UTC', '2026-11-30T20:05:00.000Z').date);
  });
});

it('localDateAndTime writes the date and time as the locale does', () => {
  process.env.TZ = 'UTC';
  const iso = '2026-11-30T14:05:00.000Z';
  for (const locale of ['en-US', 'ru-RU', 'de-DE']) {
    const fmt = new LocaleFormat(locale);
    expect(localDateAndTime(iso, fmt)).toEqual({ date: fmt.date(iso), time: fmt.shortTime(iso) });
  }
  expect(localDateAndTime(iso, new LocaleFormat('ru-RU')).date).not.toBe(
    localDateAndTime(iso, new LocaleFormat('en-US')).date,
  );
});

function localDateAndTimeIn(tz: string, iso: string) {
  const saved = process.env.TZ;
  process.env.TZ = tz;
  try {
    return localDateAndTime(iso, new LocaleFormat('en-US'));
  } finally {
    process.env.TZ = saved;
  }
}
