import { z } from 'zod';
import { method } from './define';
import { CLERK_PIN_PATTERN } from '../clerks/pin-rules';
import { accountNumberSchema, positiveMinorSchema, uuidSchema, type Package } from '../sync/protocol';
import type { AboutInfo } from './types/about';
import type { ClerkSummary, SessionState } from './types/clerks';
import type { SaleCreateOutcome } from './types/sales';
import type { AppStatus } from './types/status';
import type { CommandPage, LocalBalance, SyncReport } from './types/sync';
import type { TerminalState } from './types/terminal';

const noInput = z.object({}).strict();
const terminalName = z
  .string()
  .trim()
  .min(1, 'terminal name is required')
  .max(80, 'terminal name is at most 80 characters');

/**
 * The app contract: every call the renderer can make, with its input schema and result type.
 * Adding a method is one entry here plus one handler in main/ (the compiler lists what is missing).
 */
export const methods = {
  /** App, runtime, SQLite and schema versions for the About screen. */
  'app.about': method<AboutInfo>()(noInput),
  /** Connection, sync and session state for the status bar. */
  'app.status': method<AppStatus>()(noInput),
  /** Echoes its text: a round-trip check for both hosts (and the contract's validation tests). */
  'app.ping': method<{ readonly text: string; readonly at: string }>()(
    z
      .object({ text: z.string().min(1, 'text is required').max(200, 'text is at most 200 characters') })
      .strict(),
  ),

  /** Enrolled or not, the terminal's identity (never its token), and whether one-click demo enrollment is offered. */
  'terminal.state': method<TerminalState>()(noInput),
  /** Enrolls this installation with a central API using a reseller's enrollment code; answers the new state. */
  'terminal.enroll': method<TerminalState>()(
    z
      .object({
        apiUrl: z.string().trim().min(1, 'API address is required').max(500),
        code: z.string().trim().min(6, 'enrollment code is at least 6 characters').max(64),
        terminalName,
      })
      .strict(),
  ),
  /** Enrolls with the launcher's demo central API in one click. */
  'terminal.enrollDemo': method<TerminalState>()(
    z.object({ terminalName: terminalName.optional() }).strict(),
  ),

  /** Active clerks for the sign-in screen. */
  'clerks.list': method<readonly ClerkSummary[]>()(noInput),
  /** Adds a clerk (signed-in manager only; the first clerk after enrollment becomes manager and is signed in). */
  'clerks.create': method<ClerkSummary>()(
    z
      .object({
        name: z.string().trim().min(1, 'name is required').max(60, 'name is at most 60 characters'),
        pin: z.string().regex(CLERK_PIN_PATTERN, 'PIN must be 4 to 8 digits'),
        role: z.enum(['clerk', 'manager']).default('clerk'),
      })
      .strict(),
  ),
  /** Who is signed in (null after sign-out or auto-lock) and whether the first clerk must be created. */
  'session.current': method<SessionState>()(noInput),
  /** Signs a clerk in by id and PIN. Errors: invalid_credentials, clerk_locked (details.lockedUntil). */
  'session.signIn': method<SessionState>()(
    z.object({ clerkId: uuidSchema, pin: z.string().min(1, 'PIN is required').max(16) }).strict(),
  ),
  /** Signs the current clerk out. */
  'session.signOut': method<SessionState>()(noInput),

  /** Runs a sync round now (after any in progress) and answers what it did. */
  'sync.now': method<SyncReport>()(noInput),
  /** Commands for the Sync screen: pending ones, or acknowledged ones (applied / rejected with reason), paged. */
  'sync.commands': method<CommandPage>()(
    z
      .object({
        filter: z.enum(['pending', 'rejected', 'applied']).default('pending'),
        limit: z.number().int().min(1).max(200).default(50),
        before: z
          .string()
          .regex(/^[0-9]+$/)
          .nullable()
          .default(null),
      })
      .strict(),
  ),
  /** The local balance view: last pulled server balance minus pending debits. */
  'ledger.balance': method<LocalBalance>()(noInput),
  /** Active packages of the terminal's currency from the local catalog mirror. */
  'catalog.packages': method<readonly Package[]>()(noInput),
  /**
   * Sells a package to a customer's wallet (direct top-up). Print only when the outcome is `confirmed` or
   * `queued`. Errors: signed_out, not_enrolled, package_not_found, package_inactive, insufficient_tender.
   */
  'sales.create': method<SaleCreateOutcome>()(
    z
      .object({
        packageId: uuidSchema,
        customerAccount: accountNumberSchema,
        quantity: z
          .number()
          .int()
          .min(1, 'quantity is at least 1')
          .max(100, 'quantity is at most 100')
          .default(1),
        tenderedAmount: positiveMinorSchema.optional(),
      })
      .strict(),
  ),
} as const;

/** The map's type. */
export type Methods = typeof methods;
/** Every method name. */
export type MethodName = keyof Methods;
/** What a caller passes for method K (before validation). */
export type MethodInput<K extends MethodName> = z.input<Methods[K]['input']>;
/** What a handler receives for method K (after validation). */
export type MethodParsedInput<K extends MethodName> = z.output<Methods[K]['input']>;
/** What method K resolves to. */
export type MethodResult<K extends MethodName> = NonNullable<Methods[K]['result']>;
/** The method names as a run-time list (the preload and the HTTP host accept only these). */
export const methodNames = Object.keys(methods) as MethodName[];

/** True when `name` is a method of the contract. */
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}
