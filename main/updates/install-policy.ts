import type { ClerkRole } from '../../core/contract/types/clerks';
import type { InstallVerdict, UpdatePhase } from '../../core/contract/types/updates';

/** What the install decision looks at. */
export interface InstallContext {
  readonly phase: UpdatePhase;
  /** The signed-in clerk's role, or null when nobody is signed in. */
  readonly clerkRole: ClerkRole | null;
  /** Outbox commands (sales, refunds, ...) not yet acknowledged by the server. */
  readonly pendingCount: number;
  /** A sync round is under way. */
  readonly syncing: boolean;
}

/**
 * May an update be installed now? Only a verified update, only by a signed-in manager (so never in the middle of a
 * clerk's shift: the clerk signs out and a manager signs in), and only once every sale has reached the server.
 * Installing restarts the app; the outbox would survive that, but a sale waiting for its online answer would turn
 * into an "outcome not shown" and queued offline sales would wait longer for the server. Syncing first is cheap.
 */
export function installVerdict(ctx: InstallContext): InstallVerdict {
  if (ctx.phase.kind !== 'ready') {
    return { ok: false, reason: 'not_ready', message: 'No verified update is ready to install.' };
  }
  if (ctx.clerkRole === null) {
    return { ok: false, reason: 'signed_out', message: 'A manager must sign in to install the update.' };
  }
  if (ctx.clerkRole !== 'manager') {
    return {
      ok: false,
      reason: 'not_manager',
      message:
        'Only a manager can install updates. Sign out, and let a manager sign in at the end of the shift.',
    };
  }
  if (ctx.pendingCount > 0) {
    const n = ctx.pendingCount;
    return {
      ok: false,
      reason: 'pending_commands',
      message: `${n} ${n === 1 ? 'command is' : 'commands are'} waiting to sync. Sync first (Sync screen), then install.`,
    };
  }
  if (ctx.syncing) {
    return { ok: false, reason: 'syncing', message: 'A sync is under way. Install when it has finished.' };
  }
  return { ok: true };
}
