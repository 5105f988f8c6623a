import { beforeEach, describe, expect, it } from 'vitest';
import { useSaleDraft } from '../../../renderer/src/screens/sell/sale-draft';

describe('the half-entered sale', () => {
  beforeEach(() => useSaleDraft.getState().clear());

  it('is kept for the clerk who entered it (auto-lock, then the same clerk signs in again)', () => {
    const store = useSaleDraft.getState();
    store.claim('clerk-a');
    store.update({ packageId: 'p1', account: '+15550001111', tendered: '20' });
    const attemptId = useSaleDraft.getState().draft.attemptId;
    expect(useSaleDraft.getState().claim('clerk-a')).toMatchObject({
      packageId: 'p1',
      account: '+15550001111',
      tendered: '20',
      attemptId,
    });
  });

  it('is not shown to another clerk, and empties with a fresh attempt id after a sale', () => {
    const store = useSaleDraft.getState();
    store.claim('clerk-a');
    store.update({ account: '+15550001111' });
    expect(useSaleDraft.getState().claim('clerk-b')).toMatchObject({ account: '', packageId: null });
    const before = useSaleDraft.getState().draft.attemptId;
    useSaleDraft.getState().update({ account: '+15550002222' });
    useSaleDraft.getState().clear();
    expect(useSaleDraft.getState().draft.account).toBe('');
    expect(useSaleDraft.getState().draft.attemptId).not.toBe(before);
  });
});
