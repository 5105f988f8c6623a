import { VoucherSheetError, type VoucherCard } from './voucher-sheet-types';

/** Serials are 1-32 characters a Code 128 reader returns verbatim and a clerk can read aloud. */
const SERIAL = /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/;
/** PINs are 5 to 20 digits. */
const PIN = /^\d{5,20}$/;
const CURRENCY = /^[A-Z]{3}$/;
/** ISO 8601 instant in UTC: `2027-11-30T23:59:59Z`, optional fraction. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

const knownCurrencies = new Set<string>();

function isCurrency(code: string): boolean {
  if (knownCurrencies.has(code)) return true;
  if (!CURRENCY.test(code)) return false;
  try {
    new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
  } catch {
    return false;
  }
  knownCurrencies.add(code);
  return true;
}

/**
 * Refuses a card whose fields cannot be printed faithfully. `index` is the card's position in the batch, used in
 * the message; the message never contains the PIN.
 */
export function checkVoucherCard(card: VoucherCard, index: number): void {
  const fail = (what: string): never => {
    const serial =
      typeof card?.serial === 'string' ? ` (serial ${JSON.stringify(card.serial.slice(0, 40))})` : '';
    throw new VoucherSheetError('invalid_card', `card ${index}${serial}: ${what}`);
  };
  if (card === null || typeof card !== 'object') fail('not an object');
  if (typeof card.serial !== 'string' || !SERIAL.test(card.serial)) {
    fail('serial must be 1-32 letters, digits or hyphens, starting with a letter or digit');
  }
  if (typeof card.pin !== 'string' || !PIN.test(card.pin)) fail('PIN must be 5 to 20 digits');
  if (card.pin === card.serial) fail('PIN equals the serial');
  if (!Number.isSafeInteger(card.amount) || card.amount <= 0) {
    fail('amount must be a positive integer number of minor units');
  }
  if (typeof card.currency !== 'string' || !isCurrency(card.currency)) {
    fail('currency must be an ISO 4217 code such as USD');
  }
  if (
    typeof card.expiresAt !== 'string' ||
    !ISO_UTC.test(card.expiresAt) ||
    Number.isNaN(Date.parse(card.expiresAt))
  ) {
    fail('expiresAt must be an ISO 8601 UTC instant such as 2027-11-30T23:59:59Z');
  }
}
