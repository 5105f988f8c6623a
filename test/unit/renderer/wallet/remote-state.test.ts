import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  initialRemoteState,
  isOfflineCode,
  remoteReducer,
  type RemoteEvent,
  type RemoteState,
} from '../../../../renderer/src/hooks/credit/remote-state';

const run = (events: readonly RemoteEvent<number>[]): RemoteState<number> =>
  events.reduce(remoteReducer<number>, initialRemoteState<number>());

describe('stale-while-offline state of the credit hooks', () => {
  it('keeps the last good value through an offline failure, marked stale, with no error', () => {
    const s = run([
      { type: 'start' },
      { type: 'ok', value: 500, at: 1 },
      { type: 'start' },
      { type: 'fail', message: 'needs the central API', offline: true },
    ]);
    expect(s).toEqual({ value: 500, loading: false, error: null, stale: true, readAt: 1 });
  });

  it('shows the error when an offline failure has no value to fall back on', () => {
    const s = run([{ type: 'start' }, { type: 'fail', message: 'needs the central API', offline: true }]);
    expect(s).toMatchObject({ value: null, loading: false, error: 'needs the central API', stale: false });
  });

  it('shows a refusal (not offline) as an error and keeps the value, not stale', () => {
    const s = run([
      { type: 'ok', value: 7, at: 1 },
      { type: 'fail', message: 'Only a manager can do this.', offline: false },
    ]);
    expect(s).toMatchObject({ value: 7, error: 'Only a manager can do this.', stale: false });
  });

  it('marks the value stale when the terminal goes offline; only a new read makes it fresh', () => {
    let s = run([
      { type: 'ok', value: 7, at: 1 },
      { type: 'connection', online: false },
    ]);
    expect(s.stale).toBe(true);
    s = remoteReducer(s, { type: 'connection', online: true });
    expect(s.stale).toBe(true);
    s = remoteReducer(s, { type: 'ok', value: 8, at: 2 });
    expect(s).toEqual({ value: 8, loading: false, error: null, stale: false, readAt: 2 });
  });

  it('going offline with nothing read changes nothing', () => {
    expect(run([{ type: 'connection', online: false }])).toEqual(initialRemoteState());
  });

  it('keeps a value read as null (e.g. no rule yet) like any other, stale offline', () => {
    const events: RemoteEvent<null>[] = [
      { type: 'ok', value: null, at: 5 },
      { type: 'fail', message: 'needs the central API', offline: true },
    ];
    expect(events.reduce(remoteReducer<null>, initialRemoteState<null>())).toEqual({
      value: null,
      loading: false,
      error: null,
      stale: true,
      readAt: 5,
    });
  });

  it('a refusal after going offline keeps the value stale until a read succeeds', () => {
    const s = run([
      { type: 'ok', value: 7, at: 1 },
      { type: 'connection', online: false },
      { type: 'fail', message: 'Only a manager can do this.', offline: false },
    ]);
    expect(s).toMatchObject({ value: 7, stale: true, error: 'Only a manager can do this.' });
  });

  it('never loses a good value and is fresh right after a success, whatever happens (property)', () => {
    const event = fc.oneof(
      fc.constant<RemoteEvent<number>>({ type: 'start' }),
      fc.integer().map<RemoteEvent<number>>((value) => ({ type: 'ok', value, at: 0 })),
      fc.boolean().map<RemoteEvent<number>>((offline) => ({ type: 'fail', message: 'x', offline })),
      fc.boolean().map<RemoteEvent<number>>((online) => ({ type: 'connection', online })),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        let s = initialRemoteState<number>();
        let lastGood: number | null = null;
        for (const e of events) {
          s = remoteReducer(s, e);
          if (e.type === 'ok') {
            lastGood = e.value;
            expect(s.stale).toBe(false);
            expect(s.error).toBeNull();
          }
          expect(s.value).toBe(lastGood);
          // Stale only ever describes a value that was read.
          if (s.stale) expect(s.readAt).not.toBeNull();
        }
      }),
    );
  });

  it('treats only "did not answer" codes as offline', () => {
    expect(isOfflineCode('offline')).toBe(true);
    expect(isOfflineCode('host_unreachable')).toBe(true);
    expect(isOfflineCode('forbidden')).toBe(false);
    expect(isOfflineCode(null)).toBe(false);
  });
});
