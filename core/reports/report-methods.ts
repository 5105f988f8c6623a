import { z } from 'zod';
import { method } from '../contract/define';
import type { SalesReport } from '../contract/types/reports';

/** The longest range one report covers (a year and a day: a leap year of local days). */
export const MAX_REPORT_RANGE_MS = 367 * 86_400_000;

const instant = z.iso.datetime({ offset: true }).transform((t) => new Date(t).toISOString());

/** The report methods of the app contract (spread into core/contract/methods.ts). */
export const reportMethods = {
  /**
   * The Reports screen's figures for this terminal's sales made in [from, to) (the screen passes local midnights):
   * by package, clerk and hour, offline share, top customers, refunds (manager). Errors: forbidden.
   */
  'reports.sales': method<SalesReport>()(
    z
      .object({ from: instant, to: instant })
      .strict()
      .refine((r) => r.from < r.to, { message: 'the range ends after it starts', path: ['to'] })
      .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= MAX_REPORT_RANGE_MS, {
        message: 'a report covers at most a year',
        path: ['from'],
      }),
  ),
} as const;
