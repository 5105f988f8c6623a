import { AppError } from '../../core/app-error';
import type { CustomerInfo } from '../../core/contract/types/customers';
import { ApiClientError } from '../api-client/api-error';
import type { TerminalApiClient } from '../api-client/terminal-api-client';
import type { LocalLedger } from '../ledger/local-ledger';
import type { TerminalIdentityStore } from '../terminal/terminal-identity-store';

/** How long a look-up waits for the central API before answering `offline`. */
export const CUSTOMER_LOOKUP_TIMEOUT_MS = 1_500;

/** What the look-up needs. */
export interface CustomerLookupDeps {
  readonly ledger: LocalLedger;
  readonly identity: TerminalIdentityStore;
  /** The enrolled terminal's API client, or null before enrollment. */
  readonly api: () => TerminalApiClient | null;
  readonly timeoutMs?: number;
}

const offline = (): AppError =>
  new AppError('offline', 'The central API cannot be reached; customer look-up needs a connection.');

/**
 * Looks a customer up on the central API: null when the account is unknown, AppError `offline` at once when the
 * terminal is offline (last contact failed) and after a short timeout when the API does not answer.
 */
export async function lookupCustomer(
  deps: CustomerLookupDeps,
  account: string,
): Promise<CustomerInfo | null> {
  deps.identity.require();
  const api = deps.api();
  if (!api || !deps.ledger.syncState().lastContactOnline) throw offline();
  try {
    const c = await api.customer(account, deps.timeoutMs ?? CUSTOMER_LOOKUP_TIMEOUT_MS);
    return {
      account: c.account,
      name: c.name,
      lastTopUpAt: c.lastTopUpAt,
      walletBalance: c.walletBalance,
      currency: c.currency,
    };
  } catch (err) {
    if (err instanceof ApiClientError && err.httpStatus === 404 && err.code === 'not_found') return null;
    if (err instanceof ApiClientError && err.retryable) throw offline();
    throw err;
  }
}
