/**
 * When the central API stops serving a terminal: its token was revoked by the operator, refused for another reason,
 * or its reseller is suspended. Pure rules shared by the server (the codes it answers) and the terminal (what it
 * makes of them).
 */

/** The stable API error code of a revoked terminal's token (HTTP 401). */
export const TERMINAL_REVOKED_CODE = 'terminal_revoked';
/** The stable API error code for a suspended reseller's terminals and enrollment codes (HTTP 403). */
export const RESELLER_SUSPENDED_CODE = 'reseller_suspended';

/** Why a terminal is blocked. */
export type TerminalBlockReason = 'revoked' | 'suspended' | 'token_refused';

/** A terminal's blocked state as the UI and the sales guard see it. */
export interface TerminalBlock {
  readonly reason: TerminalBlockReason;
  /** The reason in plain words for the clerk. */
  readonly message: string;
  /** ISO time (UTC) the terminal first saw it. */
  readonly since: string;
}

/** What the clerk reads for each reason. */
export const TERMINAL_BLOCK_MESSAGES: Readonly<Record<TerminalBlockReason, string>> = {
  revoked: 'This terminal was revoked by the operator; enroll it again.',
  suspended: 'Your reseller account is suspended; contact the operator.',
  token_refused:
    'The central API refuses this terminal’s token; check the API address in Settings or enroll the terminal again.',
};

/**
 * The block an API failure means: any 401 on the terminal's token (revoked when the API says so), or a 403 for a
 * suspended reseller. Null for everything else (network trouble, other refusals), which says nothing about it.
 */
export function blockForApiFailure(httpStatus: number | null, code: string): TerminalBlockReason | null {
  if (httpStatus === 401) return code === TERMINAL_REVOKED_CODE ? 'revoked' : 'token_refused';
  if (httpStatus === 403 && code === RESELLER_SUSPENDED_CODE) return 'suspended';
  return null;
}

/**
 * The block to keep when the API reports `next` while the terminal holds `current`: a revocation is permanent and
 * outranks anything reported later (only re-enrollment ends it); otherwise the latest report wins.
 */
export function mergeBlock(
  current: TerminalBlockReason | null,
  next: TerminalBlockReason,
): TerminalBlockReason {
  return current === 'revoked' ? 'revoked' : next;
}

/**
 * Whether a successful call with the terminal's token lifts a block: a suspension (or a token refused by what was
 * the wrong address) ends as soon as the API serves the terminal again; a revocation never does.
 */
export function liftedBySuccess(reason: TerminalBlockReason): boolean {
  return reason !== 'revoked';
}
