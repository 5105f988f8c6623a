import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, expect } from 'vitest';
import type { Package } from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import type { AppServices } from '../../../main/app/app-services';
import { createKeyFileSecretBox } from '../../../main/terminal/key-file-secret-box';
import { fakeEnrollAndPull } from '../terminal/support/local-terminal';
import { call, openTerminal, tempDir } from '../terminal/support/terminal-harness';

/** The injected clock starts here (the fake enrollment stamps its sync with the real time) and moves only when set. */
export const START = Date.now();

/** A terminal enrolled and synced without a server (its API address answers nothing), a manager signed in. */
export interface LocalTill {
  readonly s: AppServices;
  readonly pkg: Package;
  readonly managerId: string;
  setNow(ms: number): void;
}

const opened: { s: AppServices; dir: string }[] = [];

/** Closes and removes every terminal a test opened (call once per test file). */
export function closeTillsAfterEach(): void {
  afterEach(async () => {
    for (const o of opened.splice(0)) {
      await o.s.close().catch(() => undefined);
      rmSync(o.dir, { recursive: true, force: true });
    }
  });
}

/** Opens a terminal on an injected clock, fakes its enrollment and first pull, and signs in its first manager. */
export async function localTill(
  balance = 10_000,
  limits = { perSaleMax: 1_000, totalOfflineMax: 5_000, maxHoursSinceSync: 24 },
): Promise<LocalTill> {
  const dir = tempDir('coverage-main');
  let now = START;
  const s = await openTerminal(dir, { clock: () => now });
  opened.push({ s, dir });
  const pkg = fakeEnrollAndPull(s, balance, limits);
  const manager = await call<{ id: string }>(s, 'clerks.create', {
    name: 'Manager',
    pin: '123456',
    role: 'manager',
  });
  return { s, pkg, managerId: manager.id, setNow: (ms) => (now = ms) };
}

/** Opens a terminal that is not enrolled (no identity, no clerk). */
export async function bareTerminal(): Promise<AppServices> {
  const dir = tempDir('coverage-main-bare');
  const s = await openTerminal(dir, { clock: () => START });
  opened.push({ s, dir });
  return s;
}

/** Adds a clerk (not a manager) and signs them in instead of the manager. */
export async function signInClerk(s: AppServices): Promise<string> {
  const clerk = await call<{ id: string }>(s, 'clerks.create', { name: 'Clerk', pin: '5678', role: 'clerk' });
  await call(s, 'session.signOut');
  await call(s, 'session.signIn', { clerkId: clerk.id, pin: '5678' });
  return clerk.id;
}

/** The error code a contract call fails with (fails the test when it succeeds). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
  expect.unreachable('the call succeeded');
  return '';
}

/** How many outbox commands wait, and the pending debits: what a refused call must leave unchanged. */
export function outboxState(s: AppServices): {
  commands: number;
  pendingDebits: number;
  pendingCount: number;
} {
  const { ledger } = s.terminal;
  const view = ledger.balanceView();
  return {
    commands: ledger.peekOutbox(1000).length,
    pendingDebits: view.pendingDebits,
    pendingCount: view.pendingCount,
  };
}

/** Puts `n` serial + PIN pairs in the PIN reserve, as a sync round's top-up stores what the server answered. */
export function fillReserve(
  s: AppServices,
  n: number,
  from = 1,
): { id: string; serial: string; pin: string }[] {
  const pairs = Array.from({ length: n }, (_, i) => ({
    id: uuidv7(),
    serial: `9-${String(from + i).padStart(7, '0')}`,
    pinLength: 12,
    pin: String(100_000_000_000 + from + i),
  }));
  const { ledger, cards } = s.terminal;
  // The terminal's own key-file box (same key file, so what it seals the terminal opens).
  const box = createKeyFileSecretBox(dirname(ledger.db.name));
  ledger.transaction(() =>
    cards.addReservePairs(pairs, (pin) => box.encrypt(pin), new Date(START).toISOString()),
  );
  return pairs;
}

/** Brings this terminal's allocation of `packageId` through the change feed, as a pull does. */
export function allocate(s: AppServices, packageId: string, allocated: number, seq = 10): void {
  const { ledger, identity } = s.terminal;
  ledger.applyChanges(
    [
      {
        seq: String(seq),
        kind: 'stock',
        data: {
          packageId,
          bought: allocated + 5,
          unallocated: 5,
          terminalId: identity.require().terminalId,
          allocated,
          released: 0,
          sold: 0,
        },
      },
    ],
    String(seq),
    false,
    ledger.ackWatermark(),
    new Date(START).toISOString(),
  );
  ledger.recordContact(false, 'test: offline');
}
