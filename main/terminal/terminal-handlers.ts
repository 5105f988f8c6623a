import type { HandlerSlice } from '../contract/handlers';
import type { ApiAddressService } from './api-address-service';
import type { EnrollmentService } from './enrollment-service';

/** Default name of a terminal enrolled with the demo button. */
const DEMO_TERMINAL_NAME = 'Demo counter';

/** Handlers for enrollment and the terminal's identity. */
export function createTerminalHandlers(
  enrollment: EnrollmentService,
  address: ApiAddressService,
): HandlerSlice<'terminal.state' | 'terminal.enroll' | 'terminal.enrollDemo' | 'terminal.setApiUrl'> {
  return {
    'terminal.state': () => enrollment.state(),
    'terminal.enroll': async ({ apiUrl, code, terminalName }) => {
      await enrollment.enroll(apiUrl, code, terminalName);
      return enrollment.state();
    },
    'terminal.enrollDemo': async ({ terminalName }) => {
      await enrollment.enrollDemo(terminalName ?? DEMO_TERMINAL_NAME);
      return enrollment.state();
    },
    'terminal.setApiUrl': ({ apiUrl }) => {
      address.change(apiUrl);
      return enrollment.state();
    },
  };
}
