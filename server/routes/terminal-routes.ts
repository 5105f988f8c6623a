import { z } from 'zod';
import { journalKindSchema } from '../../core/wallet/wallet-history-filter';
import { AppError } from '../../core/app-error';
import {
  accountNumberSchema,
  currencySchema,
  customerLookupSchema,
  enrollRequestSchema,
  enrollResponseSchema,
  isoTimeSchema,
  minorUnitsSchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  saleStatusSchema,
  uuidSchema,
  saleViewSchema,
} from '../../core/sync/protocol';
import { STANDING_REFUSALS } from '../auth/terminal-standing';
import { rateLimited } from '../http/failure-limiter';
import { registerZodRoute } from '../http/zod-route';
import { enrollTerminal } from '../terminals/enrollment-service';
import {
  getTerminalBalance,
  listJournal,
  listSales,
  lookupCustomer,
  resolveVisibleReseller,
} from '../terminals/terminal-queries';
import { PULL_DEFAULT_LIMIT, PULL_MAX_LIMIT, pullChanges } from '../sync/pull-service';
import { PushGroupCommitter } from '../sync/push-group-commit';
import type { RouteDeps } from './route-deps';

const pageLimit = (def: number, max: number) => z.coerce.number().int().min(1).max(max).default(def);

/** Terminal API: enrollment, sync push/pull, balance, journal, sales, customer lookup. */
export function registerTerminalRoutes(d: RouteDeps): void {
  // Concurrent pushes of one reseller are decided in groups: one lock and one commit for many counters' sales.
  const pushes = new PushGroupCommitter(d.db);
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/terminal/enroll',
    summary: 'Exchange a one-time enrollment code for a terminal token',
    tag: 'terminal',
    auth: 'none',
    status: 201,
    body: enrollRequestSchema,
    response: enrollResponseSchema,
    handler: async ({ body, ip }) => {
      // Checked before the code is tried: once an address used up its guesses, none is even looked at. The attempt
      // is counted up front, in the same tick as the check, so a burst of concurrent guesses cannot all pass the check
      // before any has failed; an attempt that was not a wrong code is taken back.
      const keys = [`enroll:${ip}`];
      const wait = d.enrollmentFailures.blockedFor(keys);
      if (wait > 0) throw rateLimited(wait);
      d.enrollmentFailures.fail(keys);
      try {
        const enrolled = await enrollTerminal(d.db, body);
        d.enrollmentFailures.refund(keys);
        return enrolled;
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'enrollment_code_invalid'))
          d.enrollmentFailures.refund(keys);
        throw err;
      }
    },
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/terminal/sync/push',
    summary: 'Apply outbox commands exactly once, in order, in one transaction',
    tag: 'terminal',
    auth: 'terminal',
    // The terminal's standing is read under the reseller's lock, with the push's other reads (migration 0024).
    standingInTransaction: true,
    body: pushRequestSchema,
    response: pushResponseSchema,
    handler: async ({ body, auth, ip }) => {
      let pushed;
      try {
        pushed = await pushes.push(auth, body.commands, { cardKeys: d.cardKeys, ip });
      } catch (err) {
        // Its standing was refused under the lock: the next request of that token is looked up, and refused, in full.
        if (auth.standingTokenHash && err instanceof AppError && STANDING_REFUSALS.has(err.code))
          d.knownTerminalTokens.forget(auth.standingTokenHash);
        throw err;
      }
      // Committed: a push that moved money runs the auto top-up rule in the background (never waited for here).
      if (pushed.balance) d.wallet.afterDebit(auth.resellerId);
      return { ...pushed, serverTime: new Date().toISOString() };
    },
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/terminal/sync/pull',
    summary: "Changes of the terminal's reseller after a cursor",
    tag: 'terminal',
    auth: 'terminal',
    query: z
      .object({
        cursor: z
          .string()
          .regex(/^[0-9]{1,18}$/)
          .default('0'),
        limit: pageLimit(PULL_DEFAULT_LIMIT, PULL_MAX_LIMIT),
      })
      .strict(),
    response: pullResponseSchema,
    handler: ({ query, auth }) => pullChanges(d.db, auth, query.cursor, query.limit),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/terminal/balance',
    summary: "The reseller's credit balance (or an affiliate's with resellerId)",
    tag: 'terminal',
    auth: 'terminal',
    query: z.object({ resellerId: uuidSchema.optional() }).strict(),
    response: z.object({ resellerId: uuidSchema, currency: currencySchema, balance: minorUnitsSchema }),
    handler: async ({ query, auth }) =>
      getTerminalBalance(d.db, await resolveVisibleReseller(d.db, auth.resellerId, query.resellerId)),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/terminal/journal',
    summary: "Movements of the reseller's credit account, newest first",
    tag: 'terminal',
    auth: 'terminal',
    query: z
      .object({
        resellerId: uuidSchema.optional(),
        cursor: uuidSchema.optional(),
        limit: pageLimit(50, 500),
        kind: journalKindSchema.optional(),
        from: isoTimeSchema.optional(),
        to: isoTimeSchema.optional(),
      })
      .strict(),
    response: z.object({
      entries: z.array(
        z.object({
          entryId: uuidSchema,
          kind: z.string(),
          memo: z.string().nullable(),
          commandId: uuidSchema.nullable(),
          amount: minorUnitsSchema,
          currency: currencySchema,
          createdAt: isoTimeSchema,
        }),
      ),
      cursor: uuidSchema.nullable(),
      hasMore: z.boolean(),
    }),
    handler: async ({ query, auth }) =>
      listJournal(
        d.db,
        await resolveVisibleReseller(d.db, auth.resellerId, query.resellerId),
        query.cursor,
        query.limit,
        { kind: query.kind, from: query.from, to: query.to },
      ),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/terminal/sales',
    summary: 'Sales of the reseller and its affiliates, newest first, filtered',
    tag: 'terminal',
    auth: 'terminal',
    query: z
      .object({
        resellerId: uuidSchema.optional(),
        status: saleStatusSchema.optional(),
        customer: accountNumberSchema.optional(),
        terminalId: uuidSchema.optional(),
        from: isoTimeSchema.optional(),
        to: isoTimeSchema.optional(),
        cursor: uuidSchema.optional(),
        limit: pageLimit(50, 500),
      })
      .strict(),
    response: z.object({
      sales: z.array(saleViewSchema.extend({ resellerId: uuidSchema, offline: z.boolean() })),
      cursor: uuidSchema.nullable(),
      hasMore: z.boolean(),
    }),
    handler: ({ query, auth }) => listSales(d.db, auth.resellerId, query),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/terminal/customers/:account',
    summary: 'Look a customer up by account number',
    tag: 'terminal',
    auth: 'terminal',
    params: z.object({ account: accountNumberSchema }).strict(),
    response: customerLookupSchema,
    handler: ({ params, auth }) => lookupCustomer(d.db, auth.resellerId, params.account),
  });
}
