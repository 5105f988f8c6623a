import type { voucher as en } from '../en/voucher';

export const voucher: typeof en = {
  pin: 'PIN-код',
  serial: 'Серийный №',
  validUntil: 'Действует до',
  serialShort: '№',
  expiryShort: 'До',
  copy: 'КОПИЯ',
  notYetValid: 'ЕЩЁ НЕ ДЕЙСТВУЕТ',
};
