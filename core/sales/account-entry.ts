/** The longest and shortest customer account the protocol accepts (digits, after an optional +). */
const ACCOUNT_PATTERN = /^\+?[0-9]{4,20}$/;

/** Characters people and scanners put between the digits of a phone number: spaces, dashes, dots, parentheses. */
const SEPARATORS = /[\s\u00a0\u202f\-\u2010-\u2015.()/]/g;

/** The one message a clerk sees for an account number that is not one. */
export const ACCOUNT_FORMAT_MESSAGE =
  'The account number must be 4 to 20 digits, optionally starting with +.';

/** A typed account as the protocol wants it, or why it is not one (`empty` before anything was typed). */
export type AccountEntry =
  | { readonly ok: true; readonly account: string }
  | { readonly ok: false; readonly problem: 'empty' | 'format'; readonly message: string };

/**
 * Normalises what a clerk typed or scanned as a customer account ("555 123 4567", "555-123-4567",
 * "+44 (0)7700 900123" read as "+4407700900123") to the digits the protocol carries, and checks it.
 */
export function readAccount(text: string): AccountEntry {
  const compact = text.replace(SEPARATORS, '');
  if (compact === '') {
    return { ok: false, problem: 'empty', message: 'Enter the customer’s account number.' };
  }
  if (!ACCOUNT_PATTERN.test(compact))
    return { ok: false, problem: 'format', message: ACCOUNT_FORMAT_MESSAGE };
  return { ok: true, account: compact };
}
