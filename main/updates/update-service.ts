/**
 * The app's own updates as a state machine the Settings panel can show: a platform updater (electron-updater in the
 * desktop app, none in browser mode) reports what it does; a downloaded Linux artifact is verified against the
 * pinned key before it is "ready"; a manager installs it (install-policy.ts decides when). Runs under plain Node:
 * the Electron-only part is the driver (main/electron/auto-updates.ts).
 */
import { AppError } from '../../core/app-error';
import type { ClerkRole } from '../../core/contract/types/clerks';
import type { UpdatePhase, UpdateState } from '../../core/contract/types/updates';
import type { HandlerSlice } from '../contract/handlers';
import type { Clock } from '../ledger/ledger-types';
import { installVerdict } from './install-policy';
import type { SignatureCheck } from './update-signature';

/** A downloaded artifact, as the platform updater reports it. */
export interface DownloadedUpdate {
  readonly version: string;
  /** Where the artifact was saved. */
  readonly filePath: string;
  /** Its published file name (what the signature names). */
  readonly fileName: string;
  /** Where its detached signature is published (`<artifact url>.sig`). */
  readonly signatureUrl: string;
}

/** What the platform updater reports. */
export type UpdaterEvent =
  | { readonly type: 'checking' }
  | { readonly type: 'not-available' }
  | { readonly type: 'progress'; readonly version: string; readonly percent: number }
  | ({ readonly type: 'downloaded' } & DownloadedUpdate)
  | { readonly type: 'error'; readonly message: string };

/** The platform updater (electron-updater under Electron). It checks and downloads; it never installs on its own. */
export interface UpdaterDriver {
  /** Starts checking and downloading in the background, reporting to `report`. */
  start(report: (event: UpdaterEvent) => void): void;
  /** Whether a downloaded artifact must carry a valid detached signature before it may be installed. */
  readonly requiresSignature: boolean;
  /** Quits the app and runs the verified installer. */
  install(): void;
}

/** What the service reads from the rest of the app. */
export interface UpdateServiceDeps {
  /** The platform updater, or null in browser mode (updates managed elsewhere). */
  readonly driver: UpdaterDriver | null;
  readonly currentVersion: string;
  /** Which host runs the services (says why there is no updater). */
  readonly host: 'browser' | 'electron';
  /** Checks a download's detached signature (update-signature.ts with the pinned key). */
  readonly verify: (download: DownloadedUpdate) => Promise<SignatureCheck>;
  /** The signed-in clerk's role, or null; throws `signed_out`/`forbidden` via `requireManager`. */
  readonly clerkRole: () => ClerkRole | null;
  readonly requireManager: () => void;
  readonly pendingCount: () => number;
  readonly syncing: () => boolean;
  readonly clock: Clock;
  /** Called with every new state (the host forwards it as the `updates.state` event). */
  readonly onChange: (state: UpdateState) => void;
  readonly log?: (message: string) => void;
}

/** Holds the update phase and answers `updates.state` / `updates.install`. */
export class UpdateService {
  private phase: UpdatePhase;
  /** Bumped per download, so a slow verification of an older download cannot overwrite a newer state. */
  private generation = 0;

  constructor(private readonly deps: UpdateServiceDeps) {
    this.phase = deps.driver ? { kind: 'idle', lastCheckedAt: null } : { kind: 'unmanaged', host: deps.host };
  }

  /** Starts the platform updater (no-op in browser mode). */
  start(): void {
    this.deps.driver?.start((event) => void this.report(event));
  }

  /** The state as the panel shows it. */
  state(): UpdateState {
    return {
      currentVersion: this.deps.currentVersion,
      phase: this.phase,
      install: installVerdict({
        phase: this.phase,
        clerkRole: this.deps.clerkRole(),
        pendingCount: this.deps.pendingCount(),
        syncing: this.deps.syncing(),
      }),
    };
  }

  /** Takes one report from the platform updater; resolves once the state it leads to is set (tests wait on it). */
  async report(event: UpdaterEvent): Promise<void> {
    if (this.phase.kind === 'installing' || this.phase.kind === 'unmanaged') return;
    switch (event.type) {
      case 'checking':
        // A verified update stays ready while the updater looks again.
        if (this.phase.kind !== 'ready') this.set({ kind: 'checking' });
        return;
      case 'not-available':
        if (this.phase.kind !== 'ready') this.set({ kind: 'idle', lastCheckedAt: this.now() });
        return;
      case 'progress':
        this.set({ kind: 'downloading', version: event.version, percent: clampPercent(event.percent) });
        return;
      case 'error':
        this.deps.log?.(`update check failed: ${event.message}`);
        if (this.phase.kind !== 'ready') this.set({ kind: 'failed', message: event.message });
        return;
      case 'downloaded': {
        const { version, filePath, fileName, signatureUrl } = event;
        return this.verifyDownload({ version, filePath, fileName, signatureUrl });
      }
    }
  }

  /** A manager installs the ready update now; refused (AppError) unless install-policy.ts allows it. */
  install(): UpdateState {
    if (this.phase.kind === 'unmanaged' || !this.deps.driver) {
      throw new AppError('updates_unmanaged', 'Updates are managed by the desktop app.');
    }
    this.deps.requireManager();
    const { install } = this.state();
    if (!install.ok)
      throw new AppError('update_not_installable', install.message, { reason: install.reason });
    const version = (this.phase as Extract<UpdatePhase, { kind: 'ready' }>).version;
    this.set({ kind: 'installing', version });
    this.deps.driver.install();
    return this.state();
  }

  private async verifyDownload(download: DownloadedUpdate): Promise<void> {
    const generation = ++this.generation;
    const { version } = download;
    if (!this.deps.driver?.requiresSignature) {
      // Windows: electron-updater has already checked the installer's Authenticode signature against publisherName.
      this.set({ kind: 'ready', version, verifiedAt: this.now() });
      return;
    }
    this.set({ kind: 'verifying', version });
    let check: SignatureCheck;
    try {
      check = await this.deps.verify(download);
    } catch (err) {
      check = {
        ok: false,
        reason: 'signature_invalid',
        message: `The update's signature could not be checked: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
    if (generation !== this.generation || this.phase.kind === 'installing') return;
    if (check.ok) this.set({ kind: 'ready', version, verifiedAt: this.now() });
    else {
      this.deps.log?.(`update ${version} refused: ${check.message}`);
      this.set({ kind: 'refused', version, reason: check.reason, message: check.message });
    }
  }

  private set(phase: UpdatePhase): void {
    this.phase = phase;
    this.deps.onChange(this.state());
  }

  private now(): string {
    return new Date(this.deps.clock()).toISOString();
  }
}

function clampPercent(p: number): number {
  return Number.isFinite(p) ? Math.min(100, Math.max(0, Math.round(p))) : 0;
}

/** The contract's update methods. */
export function createUpdateHandlers(
  service: UpdateService,
): HandlerSlice<'updates.state' | 'updates.install'> {
  return {
    'updates.state': () => service.state(),
    'updates.install': () => service.install(),
  };
}
