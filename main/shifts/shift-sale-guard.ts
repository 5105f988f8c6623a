import type { SessionManager } from '../clerks/session-manager';
import type { Handlers } from '../contract/handlers';
import type { ShiftService } from './shift-service';

/**
 * Puts every counter sale in a shift: before `sales.create` runs, the shift service opens one at float 0 when none is
 * open, or refuses with `shift_required` when the terminal's setting asks for a counted float first (see
 * ShiftService). The rest of the handler map is unchanged.
 */
export function guardSalesWithShift(
  shifts: ShiftService,
  session: SessionManager,
  handlers: Handlers,
): Handlers {
  const sell = handlers['sales.create'];
  return {
    ...handlers,
    'sales.create': (input, ctx) => {
      const clerk = session.requireClerk();
      shifts.ensureOpenForSale(clerk);
      return sell(input, ctx);
    },
  };
}
