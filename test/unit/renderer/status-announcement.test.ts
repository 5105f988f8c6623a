import { describe, expect, it } from 'vitest';
import type { AppStatus } from '../../../core/contract/types/status';
import type { TerminalBlock } from '../../../core/terminal/terminal-block';
import { statusAnnouncement, type AnnouncedConnection } from '../../../renderer/src/app/status-announcement';

const base: AppStatus = {
  online: true,
  pendingCount: 0,
  lastSyncAt: '2026-11-30T08:00:00.000Z',
  lastError: null,
  blocked: null,
  clockWarning: null,
  syncing: false,
  terminalName: 'Counter 1',
  clerkName: 'Maya',
  enrolled: true,
  currency: 'USD',
  availableBalance: 100_000,
  offlineAllowance: null,
};

/** Feeds statuses one after the other, as the status bar receives them; answers what was said. */
function said(statuses: readonly Partial<AppStatus>[]): (string | null)[] {
  let known: AnnouncedConnection = { online: null, blocked: false };
  return statuses.map((s) => {
    const r = statusAnnouncement(known, { ...base, ...s });
    known = r.now;
    return r.text;
  });
}

describe('status bar announcements', () => {
  it('says nothing on sync ticks: pending, last sync, credits, syncing', () => {
    expect(
      said([
        {},
        { syncing: true },
        { pendingCount: 3, availableBalance: 99_000 },
        { lastSyncAt: '2026-11-30T08:00:05.000Z', syncing: false },
      ]),
    ).toEqual([null, null, null, null]);
  });

  it('says going offline once, with the reason as a sentence, and coming back once', () => {
    expect(
      said([
        {},
        { online: false, lastError: 'cannot reach http://127.0.0.1:1' },
        { online: false, lastError: 'cannot reach http://127.0.0.1:1', pendingCount: 2 },
        { online: true },
        { online: true, pendingCount: 0 },
      ]),
    ).toEqual([null, 'Offline: Cannot reach http://127.0.0.1:1.', null, 'Back online.', null]);
  });

  it('is quiet about being offline at start, before the first sync answered', () => {
    expect(said([{ online: false }, { online: false }, { online: true }, { online: false }])).toEqual([
      null,
      null,
      null,
      'Offline.',
    ]);
  });

  it('says when the terminal is blocked and when that is lifted', () => {
    const blocked: TerminalBlock = {
      reason: 'revoked',
      message: 'revoked by the operator',
      since: '2026-11-30T08:00:00.000Z',
    };
    expect(said([{}, { blocked }, { blocked }, {}])).toEqual([
      null,
      'Blocked: Revoked by the operator. No sales until this is resolved.',
      null,
      'No longer blocked.',
    ]);
  });
});
