import type { FastifyRequest } from 'fastify';
import { AppError } from '../../core/app-error';
import type { Database } from '../db/database';
import type { AuthContext, AuthKind } from '../http/auth-context';
import { rateLimited, type FailureLimiter } from '../http/failure-limiter';
import type { Authenticate, AuthenticateOptions } from '../http/zod-route';
import { KnownTerminalTokens } from './known-terminal-tokens';
import { bearerToken, hashSecret, secretsEqual } from './secret-token';
import { checkTerminalStanding, readTerminalTokenStanding } from './terminal-standing';

/** 401 code for a customer token past its `expires_at`. */
export const CUSTOMER_TOKEN_EXPIRED_CODE = 'token_expired';

/** 401 code for a customer token the operator revoked or replaced by a newer one. */
export const CUSTOMER_TOKEN_REVOKED_CODE = 'token_revoked';

/**
 * Builds the authenticator: operator key compare, terminal and customer tokens looked up by their SHA-256.
 * Failures (an `unauthorized` answer) are counted per source address in `failures`; past its limit they answer
 * 429 `rate_limited`. A valid credential always passes: a 256-bit secret cannot be guessed, so refusing it would
 * only let one noisy neighbour behind the same address stop a shop's tills. Terminal tokens it found standing are
 * remembered in `known` (their terminal only), for the routes that read the standing in their own transaction.
 */
export function createAuthenticator(
  db: Database,
  operatorKey: string,
  failures: FailureLimiter,
  known = new KnownTerminalTokens(),
): Authenticate {
  const check = checkCredential(db, operatorKey, known);
  return async (
    kind: AuthKind,
    request: FastifyRequest,
    options?: AuthenticateOptions,
  ): Promise<AuthContext> => {
    if (kind === 'none') return { kind: 'none' };
    try {
      return await check(kind, request, options);
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

/**
 * Establishes the caller from its bearer token, or throws `unauthorized` (or the terminal's standing). A terminal
 * token already known, on a route that reads the standing in its own transaction, is answered from `known` with its
 * hash as `standingTokenHash`, without a round trip.
 */
function checkCredential(db: Database, operatorKey: string, known: KnownTerminalTokens): Authenticate {
  return async (
    kind: AuthKind,
    request: FastifyRequest,
    options?: AuthenticateOptions,
  ): Promise<AuthContext> => {
    if (kind === 'none') return { kind: 'none' };
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new AppError('unauthorized', 'missing or malformed bearer token');
    if (kind === 'operator') {
      if (!secretsEqual(token, operatorKey)) throw new AppError('unauthorized', 'invalid operator key');
      return { kind: 'operator' };
    }
    const hash = hashSecret(token);
    if (kind === 'terminal') {
      const terminal = options?.standingInTransaction ? known.get(hash) : undefined;
      if (terminal) return { kind: 'terminal', ...terminal, standingTokenHash: hash };
      // One round trip on every other terminal request: the token, and the standing of its terminal and reseller,
      // read afresh each time (the standing is never cached: a revocation or suspension holds from the next request,
      // on every instance).
      const standing = await readTerminalTokenStanding(db, hash);
      if (!standing) throw new AppError('unauthorized', 'invalid terminal token');
      checkTerminalStanding(standing);
      // Only a token that stands is remembered: a revoked terminal's is looked up (and refused) on every request.
      const found = { resellerId: standing.resellerId, terminalId: standing.terminalId };
      known.remember(hash, found);
      // Read before the lock: the route's transaction reads it again under the lock, so a revocation or suspension
      // committed while the push waited for the lock is seen whichever process answers and whatever it remembers.
      return options?.standingInTransaction
        ? { kind: 'terminal', ...found, standingTokenHash: hash }
        : { kind: 'terminal', ...found };
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
