import { z } from 'zod';
import { method } from '../contract/define';
import type { ClerkAdminView, ManagedClerk } from '../contract/types/clerk-admin';
import { CLERK_PIN_PATTERN } from './pin-rules';

/** Clerk management methods of the app contract (manager only; spread into core/contract/methods.ts). */
export const clerkAdminMethods = {
  /** Every clerk, active or not, and the latest audited changes. Errors: forbidden. */
  'clerks.manage': method<ClerkAdminView>()(z.object({}).strict()),
  /**
   * Changes a clerk's name, role or whether they may sign in; each change audited. The last active manager can be
   * neither deactivated nor made a clerk. A clerk made manager with a PIN shorter than a manager's is asked to change it
   * at sign-in (as today). Errors: forbidden, not_found, clerk_name_taken, last_manager.
   */
  'clerks.update': method<ManagedClerk>()(
    z
      .object({
        clerkId: z.uuid(),
        name: z
          .string()
          .trim()
          .min(1, 'name is required')
          .max(60, 'name is at most 60 characters')
          .optional(),
        role: z.enum(['clerk', 'manager']).optional(),
        active: z.boolean().optional(),
      })
      .strict(),
  ),
  /** Sets a new PIN for a clerk (its lockout cleared); audited, never the PIN. Errors: forbidden, not_found, invalid_pin. */
  'clerks.resetPin': method<ManagedClerk>()(
    z
      .object({ clerkId: z.uuid(), pin: z.string().regex(CLERK_PIN_PATTERN, 'PIN must be 4 to 8 digits') })
      .strict(),
  ),
} as const;
