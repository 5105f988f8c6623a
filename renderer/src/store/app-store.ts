import { create } from 'zustand';
import type { AppStatus } from '../../../core/contract/types/status';
import type { ScreenId } from '../app/screens';

/** The renderer's shared state: which screen is open and the status bar's data. */
export interface AppState {
  readonly screen: ScreenId;
  readonly status: AppStatus | null;
  /** False when the local service (IPC or browser-mode HTTP host) stopped answering. */
  readonly hostReachable: boolean;
  setScreen(screen: ScreenId): void;
  setStatus(status: AppStatus): void;
  setHostReachable(reachable: boolean): void;
}

/** The app store (zustand). */
export const useAppStore = create<AppState>((set) => ({
  screen: 'sell',
  status: null,
  hostReachable: true,
  setScreen: (screen) => set({ screen }),
  setStatus: (status) => set({ status, hostReachable: true }),
  setHostReachable: (hostReachable) => set({ hostReachable }),
}));
