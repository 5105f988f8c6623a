import type { TerminalInfo } from '../../core/contract/types/terminal';
import type { SessionManager } from '../clerks/session-manager';
import { normalizeApiUrl } from './enrollment-service';
import type { TerminalIdentityStore } from './terminal-identity-store';

/** What changing the API address needs. */
export interface ApiAddressDeps {
  readonly identity: TerminalIdentityStore;
  readonly session: Pick<SessionManager, 'requireClerk'>;
  /** Called after every accepted change (start a sync round with the new address now). */
  readonly onChanged: (apiUrl: string) => void;
  readonly log?: (message: string) => void;
}

/**
 * The central API address a manager sets in Settings. It is stored with the terminal identity (the token stays as
 * it is: the same API under a new address), and the next sync round uses it at once, no restart needed.
 */
export class ApiAddressService {
  constructor(private readonly deps: ApiAddressDeps) {}

  /** Validates and stores a new address (managers only); saving the same address again just syncs now. */
  change(text: string): TerminalInfo {
    const manager = this.deps.session.requireClerk('manager');
    const terminal = this.deps.identity.require();
    const apiUrl = normalizeApiUrl(text);
    if (apiUrl !== terminal.apiUrl) {
      this.deps.identity.setApiUrl(apiUrl);
      this.deps.log?.(`API address changed by ${manager.name}: ${terminal.apiUrl} -> ${apiUrl}`);
    }
    this.deps.onChanged(apiUrl);
    return this.deps.identity.require();
  }
}
