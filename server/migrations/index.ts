import { sql as m0001 } from './0001-initial-schema';
import { sql as m0002 } from './0002-sales-received-at';
import { sql as m0003 } from './0003-catalog-lock';
import { sql as m0004 } from './0004-sale-voids';
import { sql as m0005 } from './0005-offline-promise';
import { sql as m0006 } from './0006-terminal-revocation';
import { sql as m0007 } from './0007-cards';
import { sql as m0008 } from './0008-customer-token-expiry';
import { sql as m0009 } from './0009-card-reserve';
import { sql as m0010 } from './0010-card-redeem-function';
import { sql as m0011 } from './0011-card-redeem-serialized';
import { sql as m0012 } from './0012-card-owner-moves';
import { sql as m0013 } from './0013-sale-refunds';
import { sql as m0014 } from './0014-paged-read-indexes';
import { sql as m0015 } from './0015-reseller-wallet';
import { sql as m0016 } from './0016-inventory-stock';
import { sql as m0017 } from './0017-shifts';
import { sql as m0018 } from './0018-cards-page-index';
import { sql as m0019 } from './0019-wallet-hardening';
import { sql as m0020 } from './0020-stock-lots';
import { sql as m0021 } from './0021-transfer-balance-seq';
import { sql as m0022 } from './0022-redeem-and-auth-plans';
import { sql as m0023 } from './0023-push-round-trips';
import { sql as m0024 } from './0024-push-standing-under-lock';

/** One numbered, one-way schema step. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every migration the code knows, in order. Append only; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '0001-initial-schema', sql: m0001 },
  { version: 2, name: '0002-sales-received-at', sql: m0002 },
  { version: 3, name: '0003-catalog-lock', sql: m0003 },
  { version: 4, name: '0004-sale-voids', sql: m0004 },
  { version: 5, name: '0005-offline-promise', sql: m0005 },
  { version: 6, name: '0006-terminal-revocation', sql: m0006 },
  { version: 7, name: '0007-cards', sql: m0007 },
  { version: 8, name: '0008-customer-token-expiry', sql: m0008 },
  { version: 9, name: '0009-card-reserve', sql: m0009 },
  { version: 10, name: '0010-card-redeem-function', sql: m0010 },
  { version: 11, name: '0011-card-redeem-serialized', sql: m0011 },
  { version: 12, name: '0012-card-owner-moves', sql: m0012 },
  { version: 13, name: '0013-sale-refunds', sql: m0013 },
  { version: 14, name: '0014-paged-read-indexes', sql: m0014 },
  { version: 15, name: '0015-reseller-wallet', sql: m0015 },
  { version: 16, name: '0016-inventory-stock', sql: m0016 },
  { version: 17, name: '0017-shifts', sql: m0017 },
  { version: 18, name: '0018-cards-page-index', sql: m0018 },
  { version: 19, name: '0019-wallet-hardening', sql: m0019 },
  { version: 20, name: '0020-stock-lots', sql: m0020 },
  { version: 21, name: '0021-transfer-balance-seq', sql: m0021 },
  { version: 22, name: '0022-redeem-and-auth-plans', sql: m0022 },
  { version: 23, name: '0023-push-round-trips', sql: m0023 },
  { version: 24, name: '0024-push-standing-under-lock', sql: m0024 },
];
