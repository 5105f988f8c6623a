import { ContractError } from '../contract/contract-client';
import { asSentence } from './sentence';

/** Human text for error codes whose server message is not meant for a clerk. */
const TEXT: Readonly<Record<string, string>> = {
  host_unreachable: 'The Refill Desk service is not answering. Restart the app.',
  unauthorized:
    'This page’s session token is missing or from an earlier start. Open the address that `npm run web` printed (it ends with #token=…).',
  signed_out: 'You were signed out. Sign in again to continue.',
  invalid_credentials: 'Wrong PIN. Try again.',
  internal: 'Something went wrong. The error was logged.',
  card_redeem_failed:
    'This card cannot be redeemed. Check the PIN (and the serial, if scanned) and try again, or ask for another card.',
  card_redeem_locked: 'Too many failed attempts: redeeming is paused for a while.',
  too_many_pending:
    'Too many redemptions are already waiting for the server for this customer or terminal. Wait until the terminal is back online.',
  reserve_too_small:
    'Offline, and the PIN reserve holds fewer cards than asked. Ask for fewer cards, or wait until the terminal is online.',
  pin_not_held: 'This terminal does not hold this card’s PIN (it was made elsewhere).',
};

/** The message to show a clerk for any thrown value, as a sentence (server messages come terse and lower-case). */
export function errorText(err: unknown): string {
  if (err instanceof ContractError) return TEXT[err.code] ?? asSentence(err.message);
  if (err instanceof Error) return asSentence(err.message);
  return asSentence(String(err));
}

/** The stable code of a contract error, or null. */
export function errorCode(err: unknown): string | null {
  return err instanceof ContractError ? err.code : null;
}
