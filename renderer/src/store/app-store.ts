import { create } from 'zustand';
import type { SessionState } from '../../../core/contract/types/clerks';
import type { AppStatus } from '../../../core/contract/types/status';
import type { TerminalState } from '../../../core/contract/types/terminal';
import type { ScreenId } from '../app/screens';
import { pushToast, toastLifetimeMs, type Toast } from './toast-stack';

/** The renderer's shared state: which screen is open, the terminal and session, the status bar's data. */
export interface AppState {
  readonly screen: ScreenId;
  readonly status: AppStatus | null;
  readonly terminal: TerminalState | null;
  readonly session: SessionState | null;
  /** The toasts shown, newest first (at most a few: see `pushToast`). */
  readonly toasts: readonly Toast[];
  /** False when the local service (IPC or browser-mode HTTP host) stopped answering. */
  readonly hostReachable: boolean;
  /** True when browser mode's host refused this page's session token (missing, or from an earlier start). */
  readonly tokenRejected: boolean;
  setScreen(screen: ScreenId): void;
  setStatus(status: AppStatus): void;
  setTerminal(terminal: TerminalState): void;
  setSession(session: SessionState): void;
  setHostReachable(reachable: boolean): void;
  setTokenRejected(rejected: boolean): void;
  /** Shows a toast answering what the clerk just did. */
  toast(tone: Toast['tone'], text: string): void;
  /** Shows a toast of news a sync brought (a rejection, a wallet notice): it leaves the stack before answers. */
  notice(tone: Toast['tone'], text: string): void;
  /** True while the Sell screen waits for a sale's answer (the till does not lock then: see `lockTill`). */
  readonly saleInFlight: boolean;
  setSaleInFlight(inFlight: boolean): void;
  dismissToast(id: number): void;
}

let toastSeq = 0;

/** The app store (zustand). */
export const useAppStore = create<AppState>((set, get) => {
  const showToast = (tone: Toast['tone'], text: string, kind: Toast['kind']): void => {
    const id = ++toastSeq;
    // The newest goes first; the answer to what the clerk just did stays in view when a sync notice follows it.
    set({ toasts: pushToast(get().toasts, { id, tone, text, kind }) });
    setTimeout(() => get().dismissToast(id), toastLifetimeMs(tone));
  };
  return {
    screen: 'sell',
    status: null,
    terminal: null,
    session: null,
    toasts: [],
    hostReachable: true,
    tokenRejected: false,
    setScreen: (screen) => set({ screen }),
    setStatus: (status) => set({ status, hostReachable: true }),
    setTerminal: (terminal) => set({ terminal }),
    // A different clerk (or none) starts at the Sell screen, not where the last one left off.
    setSession: (session) =>
      set(session.clerk?.id === get().session?.clerk?.id ? { session } : { session, screen: 'sell' }),
    setHostReachable: (hostReachable) => set({ hostReachable }),
    setTokenRejected: (tokenRejected) => set({ tokenRejected }),
    toast: (tone, text) => showToast(tone, text, 'answer'),
    notice: (tone, text) => showToast(tone, text, 'notice'),
    saleInFlight: false,
    setSaleInFlight: (saleInFlight) => set({ saleInFlight }),
    dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  };
});
