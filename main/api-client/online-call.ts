import { AppError } from '../../core/app-error';
import { ApiClientError } from './api-error';
import type { TerminalApiClient } from './terminal-api-client';
import { notEnrolled } from '../terminal/terminal-identity-store';

/**
 * Runs a call that needs the central API (online-only operations: refunds' counter, card edits, the wallet):
 * `not_enrolled` before enrollment; when the API did not answer (network, timeout, 5xx, a garbled answer) an
 * `offline` error that says plainly `what` needs the central API; the API's own refusals (4xx) pass unchanged.
 */
export async function onlineCall<T>(
  api: () => TerminalApiClient | null,
  what: string,
  call: (api: TerminalApiClient) => Promise<T>,
): Promise<T> {
  const client = api();
  if (!client) throw notEnrolled();
  try {
    return await call(client);
  } catch (err) {
    if (err instanceof ApiClientError && err.kind !== 'client')
      throw new AppError(
        'offline',
        `${what} needs the central API, which did not answer; try again when online.`,
      );
    throw err;
  }
}
