import { AppError } from '../../core/app-error';
import { checkTerminalStanding, readTerminalTokenStanding } from '../auth/terminal-standing';
import type { Queryable } from '../db/database';
import type { OnlineSaleGroupReads } from './online-sale-group-reads';
import type { PushingTerminal } from './push-batch';

/** The hashes of the pushing tokens whose standing the push reads under its lock (`PushingTerminal.standingTokenHash`). */
export function standingTokenHashes(terminals: readonly PushingTerminal[]): string[] {
  return [...new Set(terminals.flatMap((t) => (t.standingTokenHash ? [t.standingTokenHash] : [])))];
}

/**
 * Refuses a push whose token (`standingTokenHash`) no longer stands, exactly as the
 * authenticator would have: `unauthorized` when the token is not its terminal's, `terminal_revoked`,
 * `reseller_suspended`. Called under the reseller's lock, before anything is decided, so a refusal writes nothing
 * (the caller's transaction is rolled back; in a group, each push is then decided alone and only this one fails).
 * A group of online sales read the standing with its lock (`group`); any other push reads it here, one round trip
 * per token, the one the authenticator would otherwise have sent before the push.
 */
export async function verifyTerminalStanding(
  tx: Queryable,
  resellerId: string,
  terminals: readonly PushingTerminal[],
  group: OnlineSaleGroupReads | null,
): Promise<void> {
  for (const t of terminals) {
    const hash = t.standingTokenHash;
    if (!hash) continue;
    let standing: { resellerId: string; terminalId: string; revoked: boolean; active: boolean } | null;
    if (group) {
      const token = group.tokens.find((k) => k.token_hash === hash);
      standing = token
        ? { resellerId, terminalId: token.terminal_id, revoked: token.revoked, active: group.active }
        : null;
    } else {
      standing = await readTerminalTokenStanding(tx, hash);
    }
    if (standing?.resellerId !== resellerId || standing.terminalId !== t.terminalId)
      throw new AppError('unauthorized', 'invalid terminal token');
    checkTerminalStanding(standing);
  }
}
