import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../../../renderer/src/store/app-store';
import { MAX_TOASTS, pushToast, type Toast } from '../../../renderer/src/store/toast-stack';

const ok = (id: number, text: string): Toast => ({ id, tone: 'ok', text, kind: 'answer' });
const notice = (id: number, text: string): Toast => ({ id, tone: 'bad', text, kind: 'notice' });

describe('pushToast', () => {
  it('puts the newest first and keeps the ones already shown', () => {
    const shown = pushToast([ok(1, 'Moved USD 10.00')], notice(2, 'Credits are low'));
    expect(shown.map((t) => t.id)).toEqual([2, 1]);
  });
  it('lets a repeated text take the place of the one shown instead of stacking it', () => {
    const shown = pushToast([ok(2, 'Synced'), ok(1, 'Sale done')], ok(3, 'Synced'));
    expect(shown.map((t) => t.id)).toEqual([3, 1]);
  });
  it('lets the oldest notice go before the answer to what the clerk did, however many notices a sync brings', () => {
    let shown: readonly Toast[] = [ok(1, 'Moved USD 10.00')];
    for (let id = 2; id <= 6; id++) shown = pushToast(shown, notice(id, `Not accepted: sale ${id}`));
    expect(shown.map((t) => t.id)).toEqual([6, 5, 1]);
    // With only answers to go, the oldest answer goes, not the new notice.
    shown = pushToast([ok(3, 'c'), ok(2, 'b'), ok(1, 'a')], notice(4, 'Not accepted: sale 4'));
    expect(shown.map((t) => t.id)).toEqual([4, 3, 2]);
  });
  it('drops the oldest beyond the maximum', () => {
    let shown: readonly Toast[] = [];
    for (let id = 1; id <= MAX_TOASTS + 2; id++) shown = pushToast(shown, ok(id, `toast ${id}`));
    expect(shown).toHaveLength(MAX_TOASTS);
    expect(shown.map((t) => t.id)).toEqual([5, 4, 3]);
  });
});

describe('the store’s toasts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useAppStore.setState({ toasts: [] });
  });
  afterEach(() => vi.useRealTimers());

  it('keeps a confirmation in view when a notice follows it, and lets each go on its own timer', () => {
    const { toast } = useAppStore.getState();
    toast('ok', 'Moved USD 10.00');
    toast('bad', 'Sale refused by the server');
    expect(useAppStore.getState().toasts.map((t) => t.text)).toEqual([
      'Sale refused by the server',
      'Moved USD 10.00',
    ]);
    vi.advanceTimersByTime(4000);
    expect(useAppStore.getState().toasts.map((t) => t.text)).toEqual(['Sale refused by the server']);
    vi.advanceTimersByTime(4000);
    expect(useAppStore.getState().toasts).toEqual([]);
  });

  it('keeps the clerk’s answer when a sync round brings several notices', () => {
    const { toast } = useAppStore.getState();
    toast('ok', 'Moved USD 10.00 to Corner Shop');
    for (const sale of ['A', 'B', 'C']) useAppStore.getState().notice('bad', `Not accepted: sale ${sale}`);
    expect(useAppStore.getState().toasts.map((t) => t.text)).toEqual([
      'Not accepted: sale C',
      'Not accepted: sale B',
      'Moved USD 10.00 to Corner Shop',
    ]);
  });

  it('dismisses only the toast clicked', () => {
    const { toast } = useAppStore.getState();
    toast('ok', 'one');
    toast('ok', 'two');
    const [two] = useAppStore.getState().toasts;
    useAppStore.getState().dismissToast(two!.id);
    expect(useAppStore.getState().toasts.map((t) => t.text)).toEqual(['one']);
  });
});
