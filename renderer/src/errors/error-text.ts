import { ContractError } from '../contract/contract-client';

/** Human text for error codes whose server message is not meant for a clerk. */
const TEXT: Readonly<Record<string, string>> = {
  host_unreachable: 'The Refill Desk service is not answering. Restart the app.',
  signed_out: 'You were signed out. Sign in again to continue.',
  invalid_credentials: 'Wrong PIN. Try again.',
  internal: 'Something went wrong. The error was logged.',
};

/** The message to show a clerk for any thrown value. */
export function errorText(err: unknown): string {
  if (err instanceof ContractError) return TEXT[err.code] ?? err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

/** The stable code of a contract error, or null. */
export function errorCode(err: unknown): string | null {
  return err instanceof ContractError ? err.code : null;
}
