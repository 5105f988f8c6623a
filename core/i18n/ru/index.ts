import type { Catalog } from '../catalog';
import { common } from './common';
import { app } from './app';
import { gate } from './gate';
import { sell } from './sell';
import { errors } from './errors';
import { sales } from './sales';
import { shifts } from './shifts';
import { reports } from './reports';
import { clerks } from './clerks';
import { cards } from './cards';
import { redeem } from './redeem';
import { wallet } from './wallet';
import { settings } from './settings';
import { sync } from './sync';
import { receipt } from './receipt';
import { shiftReport } from './shift-report';
import { voucher } from './voucher';

/** The Russian catalog. */
export const ru: Catalog = {
  common,
  app,
  gate,
  sell,
  errors,
  sales,
  shifts,
  reports,
  clerks,
  cards,
  redeem,
  wallet,
  settings,
  sync,
  receipt,
  shiftReport,
  voucher,
};
