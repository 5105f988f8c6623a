import type { FastifyRequest } from 'fastify';
import { AppError } from '../../core/app-error';
import { RESELLER_SUSPENDED_CODE, TERMINAL_REVOKED_CODE } from '../../core/terminal/terminal-block';
import type { Database } from '../db/database';
import type { AuthContext, AuthKind } from '../http/auth-context';
import { rateLimited, type FailureLimiter } from '../http/failure-limiter';
import type { Authenticate } from '../http/zod-route';
import { bearerToken, hashSecret, secretsEqual } from './secret-token';

/** 401 code for a customer token past its `expires_at`. */
export const CUSTOMER_TOKEN_EXPIRED_CODE = 'token_expired';

/** 401 code for a customer token the operator revoked or replaced by a newer one. */
export const CUSTOMER_TOKEN_REVOKED_CODE = 'token_revoked';

/**
 * Whether a known terminal token may still be used: 401 `terminal_revoked` once the operator revoked the terminal
 * (for good), 403 `reseller_suspended` while its reseller is suspended. The standing lives on the terminal's and
 * reseller's own rows, so suspending a reseller is one row update; it is read in the same query as the token.
 */
function checkTerminalStanding(row: { revoked: boolean; active: boolean }): void {
  if (row.revoked) {
    throw new AppError(TERMINAL_REVOKED_CODE, 'This terminal was revoked by the operator; enroll it again.');
  }
  if (!row.active) {
    throw new AppError(RESELLER_SUSPENDED_CODE, 'This reseller is suspended; contact the operator.');
  }
}

/**
 * Builds the authenticator: operator key compare, terminal and customer tokens looked up by their SHA-256.
 * Failures (an `unauthorized` answer) are counted per source address in `failures`; past its limit they answer
 * 429 `rate_limited`. A valid credential always passes: a 256-bit secret cannot be guessed, so refusing it would
 * only let one noisy neighbour behind the same address stop a shop's tills.
 */
export function createAuthenticator(
  db: Database,
  operatorKey: string,
  failures: FailureLimiter,
): Authenticate {
  const check = checkCredential(db, operatorKey);
  return async (kind: AuthKind, request: FastifyRequest): Promise<AuthContext> => {
    if (kind === 'none') return { kind: 'none' };
    try {
      return await check(kind, request);
    } catch (err) {
      // Revoked terminals and suspended resellers hold genuine tokens: not guesses, not counted.
      if (err instanceof AppError && err.code === 'unauthorized') {
        const wait = failures.fail([`auth:${request.ip}`]);
        if (wait > 0) throw rateLimited(wait);
      }
      throw err;
    }
  };
}

/** Establishes the caller from its bearer token, or throws `unauthorized` (or the terminal's standing). */
function checkCredential(db: Database, operatorKey: string): Authenticate {
  return async (kind: AuthKind, request: FastifyRequest): Promise<AuthContext> => {
    if (kind === 'none') return { kind: 'none' };
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new AppError('unauthorized', 'missing or malformed bearer token');
    if (kind === 'operator') {
      if (!secretsEqual(token, operatorKey)) throw new AppError('unauthorized', 'invalid operator key');
      return { kind: 'operator' };
    }
    const hash = hashSecret(token);
    if (kind === 'terminal') {
      // One round trip on every terminal request: the token, and the standing of its terminal and reseller, read
      // afresh each time (no cache: a revocation or suspension holds from the next request, on every instance). The
      // lookup is a database function (migration 0022) so each connection plans its join once, not per request, and
      // the call itself is prepared on each connection (its columns named: a function that gains a column in a
      // later migration leaves the prepared statement's result as it was).
      const rows = await db.query<{
        r_reseller_id: string;
        r_terminal_id: string;
        r_revoked: boolean;
        r_active: boolean;
      }>(
        'SELECT r_reseller_id, r_terminal_id, r_revoked, r_active FROM terminal_token_standing($1::text)',
        [hash],
        { prepare: true },
      );
      const row = rows[0];
      if (!row) throw new AppError('unauthorized', 'invalid terminal token');
      checkTerminalStanding({ revoked: row.r_revoked, active: row.r_active });
      return { kind: 'terminal', resellerId: row.r_reseller_id, terminalId: row.r_terminal_id };
    }
    const rows = await db.query<{
      r_reseller_id: string;
      r_customer_id: string;
      r_revoked: boolean;
      r_expired: boolean;
    }>(
      'SELECT r_reseller_id, r_customer_id, r_revoked, r_expired FROM customer_token_standing($1::text)',
      [hash],
      { prepare: true },
    );
    const row = rows[0];
    if (!row) throw new AppError('unauthorized', 'invalid customer token');
    // Genuine but no longer valid: a distinct code (not counted as a guess) so the customer's app can say why.
    if (row.r_revoked) throw new AppError(CUSTOMER_TOKEN_REVOKED_CODE, 'This customer token was revoked.');
    if (row.r_expired) throw new AppError(CUSTOMER_TOKEN_EXPIRED_CODE, 'This customer token has expired.');
    return { kind: 'customer', resellerId: row.r_reseller_id, customerId: row.r_customer_id };
  };
}
