import type { FastifyRequest } from 'fastify';
import { AppError } from '../../core/app-error';
import type { Database } from '../db/database';
import type { AuthContext, AuthKind } from '../http/auth-context';
import type { Authenticate } from '../http/zod-route';
import { bearerToken, hashSecret, secretsEqual } from './secret-token';

/** Builds the authenticator: operator key compare, terminal and customer tokens looked up by their SHA-256. */
export function createAuthenticator(db: Database, operatorKey: string): Authenticate {
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
      const rows = await db.query<{ reseller_id: string; terminal_id: string }>(
        'SELECT reseller_id, terminal_id FROM terminal_tokens WHERE token_hash = $1',
        [hash],
      );
      const row = rows[0];
      if (!row) throw new AppError('unauthorized', 'invalid terminal token');
      return { kind: 'terminal', resellerId: row.reseller_id, terminalId: row.terminal_id };
    }
    const rows = await db.query<{ reseller_id: string; customer_id: string }>(
      'SELECT reseller_id, customer_id FROM customer_tokens WHERE token_hash = $1',
      [hash],
    );
    const row = rows[0];
    if (!row) throw new AppError('unauthorized', 'invalid customer token');
    return { kind: 'customer', resellerId: row.reseller_id, customerId: row.customer_id };
  };
}
