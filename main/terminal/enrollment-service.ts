import { AppError } from '../../core/app-error';
import type { TerminalInfo, TerminalState } from '../../core/contract/types/terminal';
import { checkApiUrl } from '../../core/terminal/api-url';
import { TerminalApiClient } from '../api-client/terminal-api-client';
import type { Clock } from '../ledger/ledger-types';
import type { TerminalIdentityStore } from './terminal-identity-store';

/** Builds an API client for a base URL (tests inject timeouts or fetch). */
export type ApiClientFactory = (baseUrl: string, token?: string) => TerminalApiClient;

/** What enrollment needs. */
export interface EnrollmentDeps {
  readonly identity: TerminalIdentityStore;
  readonly clientFor: ApiClientFactory;
  readonly clock: Clock;
  /** The launcher's local central API, if any (demo enrollment). */
  readonly defaultApiUrl: string | null;
  /** Called after a successful enrollment (e.g. start the sync loop). */
  readonly onEnrolled: (terminal: TerminalInfo) => void;
}

/** Checks a central API address (core/terminal/api-url.ts) and returns it normalized, or throws `invalid_api_url`. */
export function normalizeApiUrl(text: string): string {
  const check = checkApiUrl(text);
  if (!check.ok) throw new AppError('invalid_api_url', check.message);
  return check.url;
}

/** Enrollment of this installation with the central API, and the terminal state for the UI. */
export class EnrollmentService {
  private demoCache: { at: number; resellerName: string | null; code: string | null } | null = null;

  constructor(private readonly deps: EnrollmentDeps) {}

  /** Trades `code` for a terminal identity at `apiUrl`, storing the token encrypted. */
  async enroll(apiUrl: string, code: string, terminalName: string): Promise<TerminalInfo> {
    if (this.deps.identity.get())
      throw new AppError('already_enrolled', 'This terminal is already enrolled.');
    const base = normalizeApiUrl(apiUrl);
    const response = await this.deps.clientFor(base).enroll({ code, terminalName });
    this.deps.identity.save(base, response, new Date(this.deps.clock()).toISOString());
    const terminal = this.deps.identity.require();
    this.deps.onEnrolled(terminal);
    return terminal;
  }

  /** One-click demo enrollment with the code the launcher's demo API publishes. */
  async enrollDemo(terminalName: string): Promise<TerminalInfo> {
    if (this.deps.identity.get())
      throw new AppError('already_enrolled', 'This terminal is already enrolled.');
    const base = this.deps.defaultApiUrl;
    if (!base) throw new AppError('demo_unavailable', 'No demo central API was started with this app.');
    const demo = await this.lookupDemo(true);
    if (!demo.code) throw new AppError('demo_unavailable', 'The central API offers no demo enrollment.');
    return this.enroll(base, demo.code, terminalName);
  }

  /** Enrolled or not, plus demo availability (looked up at most every 30 s). */
  async state(): Promise<TerminalState> {
    const terminal = this.deps.identity.get();
    const demo = terminal ? { resellerName: null, code: null } : await this.lookupDemo(false);
    return {
      enrolled: terminal !== null,
      terminal,
      defaultApiUrl: this.deps.defaultApiUrl,
      demo: { available: demo.code !== null, resellerName: demo.resellerName },
    };
  }

  private async lookupDemo(fresh: boolean): Promise<{ resellerName: string | null; code: string | null }> {
    const base = this.deps.defaultApiUrl;
    if (!base) return { resellerName: null, code: null };
    const now = this.deps.clock();
    if (!fresh && this.demoCache && now - this.demoCache.at < 30_000) return this.demoCache;
    try {
      const info = await this.deps.clientFor(base).demo();
      this.demoCache = { at: now, resellerName: info.resellerName, code: info.enrollmentCode };
    } catch {
      this.demoCache = { at: now, resellerName: null, code: null };
    }
    return this.demoCache;
  }
}
