import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, type RefillDeskBridge } from '../../../core/contract/bridge';
import type { SessionState } from '../../../core/contract/types/clerks';
import { en } from '../../../core/i18n/en';
import { useAppStore } from '../../../renderer/src/store/app-store';

const LOCKED: SessionState = {
  clerk: null,
  lockedClerkId: '01930000-0000-7000-8000-000000000001',
  bootstrapNeeded: false,
  autoLockMinutes: 5,
  managerPinTooShort: false,
};

// The renderer reaches the main process through the bridge the host injects (Electron's preload; browser mode's is
// HTTP): this one answers session.lock and records what was called.
const calls: string[] = [];
const bridge: RefillDeskBridge = {
  call: (name) => {
    calls.push(name);
    return Promise.resolve({ ok: true, value: LOCKED });
  },
  on: () => () => undefined,
} as RefillDeskBridge;

let lockTill: () => void;
beforeAll(async () => {
  vi.stubGlobal('window', { [BRIDGE_GLOBAL]: bridge });
  ({ lockTill } = await import('../../../renderer/src/app/lock-till'));
});
afterAll(() => vi.unstubAllGlobals());

describe('lockTill', () => {
  beforeEach(() => {
    calls.length = 0;
    useAppStore.setState({ toasts: [], saleInFlight: false, session: null });
  });

  it('does not lock while a sale waits for its answer, and says to lock once it shows', () => {
    useAppStore.getState().setSaleInFlight(true);
    lockTill();
    expect(calls).toEqual([]);
    expect(useAppStore.getState().toasts.map((t) => t.text)).toEqual([en.app.nav.lockWaitsForSale]);
  });

  it('locks otherwise, and the window follows the session it answers', async () => {
    lockTill();
    expect(calls).toEqual(['session.lock']);
    await vi.waitFor(() => expect(useAppStore.getState().session).toEqual(LOCKED));
    expect(useAppStore.getState().toasts).toEqual([]);
  });
});
