import { blockForApiFailure, liftedBySuccess } from '../../core/terminal/terminal-block';
import type { ApiClientError } from '../api-client/api-error';
import type { ApiCallObserver } from '../api-client/terminal-api-client';
import type { Clock } from '../ledger/ledger-types';
import type { TerminalIdentityStore } from './terminal-identity-store';

/** What the standing monitor needs. */
export interface TerminalStandingDeps {
  readonly identity: TerminalIdentityStore;
  readonly clock: Clock;
  /** Called after the blocked state changed (publish the status). */
  readonly onChange: () => void;
  readonly log?: (message: string) => void;
}

/**
 * Watches every answer the central API gives to this terminal's token and keeps the blocked state (stored with the
 * identity, so it survives restarts) in step: a 401 blocks (revoked, or the token refused), a 403
 * `reseller_suspended` blocks until a later call succeeds; a revocation lasts until the terminal is enrolled again.
 */
export function createTerminalStanding(deps: TerminalStandingDeps): ApiCallObserver {
  return {
    succeeded() {
      const block = deps.identity.block();
      if (!block || !liftedBySuccess(block.reason)) return;
      if (deps.identity.clearBlock()) {
        deps.log?.(`terminal unblocked: the central API serves it again (was ${block.reason})`);
        deps.onChange();
      }
    },
    failed(err: ApiClientError) {
      const reason = blockForApiFailure(err.httpStatus, err.code);
      if (!reason) return;
      if (deps.identity.setBlock(reason, new Date(deps.clock()).toISOString())) {
        deps.log?.(`terminal blocked (${reason}): the central API answered ${err.httpStatus} ${err.code}`);
        deps.onChange();
      }
    },
  };
}
