import type { Migration } from '../migration';
import { migration0001 } from './0001-app-settings';
import { migration0002 } from './0002-terminal-identity';
import { migration0003 } from './0003-server-mirror';
import { migration0004 } from './0004-journal-outbox';
import { migration0005 } from './0005-clerks';
import { migration0006 } from './0006-sales-views-receipt-prints';
import { migration0007 } from './0007-outbox-totals';
import { migration0008 } from './0008-offline-window';
import { migration0009 } from './0009-sale-outcomes-shown';
import { migration0010 } from './0010-terminal-block';
import { migration0011 } from './0011-clerk-lockouts';
import { migration0012 } from './0012-cards';
import { migration0013 } from './0013-card-prints';
import { migration0014 } from './0014-sales-customer-index';
import { migration0015 } from './0015-refunds';
import { migration0016 } from './0016-inventory-stock';
import { migration0017 } from './0017-shifts-clerk-audit';
import { migration0018 } from './0018-wallet';
import { migration0019 } from './0019-sale-write-pages';

/** Every migration this build knows, in order. Append only; never edit or reorder a released one. */
export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017,
  migration0018,
  migration0019,
];
