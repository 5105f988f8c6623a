/** Why an update was downloaded but will not be installed. */
export type UpdateRefusalReason = 'signature_missing' | 'signature_invalid' | 'artifact_unreadable';

/** Where the app's own update stands. */
export type UpdatePhase =
  /**
   * No updater here: in browser mode the desktop app (or whoever runs this Node process) manages updates; an
   * unpackaged desktop app is a development build.
   */
  | { readonly kind: 'unmanaged'; readonly host: 'browser' | 'electron' }
  /** Nothing to do: no check yet, or the last check found nothing newer. */
  | { readonly kind: 'idle'; readonly lastCheckedAt: string | null }
  | { readonly kind: 'checking' }
  | { readonly kind: 'downloading'; readonly version: string; readonly percent: number }
  /** Downloading finished; the detached signature is being checked. */
  | { readonly kind: 'verifying'; readonly version: string }
  /** Downloaded and verified: a manager may install it (see `install`). */
  | { readonly kind: 'ready'; readonly version: string; readonly verifiedAt: string }
  /** Downloaded but refused (never installed): the reason and what was wrong. */
  | {
      readonly kind: 'refused';
      readonly version: string;
      readonly reason: UpdateRefusalReason;
      readonly message: string;
    }
  /** The check or the download failed (network, host); retried at the next check. */
  | { readonly kind: 'failed'; readonly message: string }
  /** A manager started the install: the app quits and the installer runs. */
  | { readonly kind: 'installing'; readonly version: string };

/** Whether `updates.install` would go ahead now, and if not, why (shown beside the button). */
export type InstallVerdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: 'not_ready' | 'signed_out' | 'not_manager' | 'pending_commands' | 'syncing';
      readonly message: string;
    };

/** The Settings panel's view of updates (`updates.state`, event `updates.state`). */
export interface UpdateState {
  /** The running version. */
  readonly currentVersion: string;
  readonly phase: UpdatePhase;
  /** May the signed-in clerk install now? */
  readonly install: InstallVerdict;
}
