/**
 * The state of a value read from the central API through the contract, kept while offline: loading, the last good
 * value, an error, and `stale` once the terminal went offline after the value was read (or a read failed because
 * it did). Pure, so the rules are unit-tested without React.
 */
export interface RemoteState<T> {
  /** The last good value (kept across failures); null before the first read, or when the value read is null. */
  readonly value: T | null;
  readonly loading: boolean;
  /** What went wrong with the last read, when there is no value to show instead (or the failure was not offline). */
  readonly error: string | null;
  /** True when the value shown may be out of date: the terminal is offline (the last read or the status said so). */
  readonly stale: boolean;
  /** When the value was read (ms since the epoch), or null. */
  readonly readAt: number | null;
}

/** What happens to a remote value. */
export type RemoteEvent<T> =
  | { readonly type: 'start' }
  | { readonly type: 'ok'; readonly value: T; readonly at: number }
  | { readonly type: 'fail'; readonly message: string; readonly offline: boolean }
  | { readonly type: 'connection'; readonly online: boolean };

/** Nothing read yet. */
export function initialRemoteState<T>(): RemoteState<T> {
  return { value: null, loading: false, error: null, stale: false, readAt: null };
}

/** The next state: stale-while-offline (an offline failure keeps the last value, marked stale, with no error). */
export function remoteReducer<T>(state: RemoteState<T>, event: RemoteEvent<T>): RemoteState<T> {
  switch (event.type) {
    case 'start':
      return { ...state, loading: true };
    case 'ok':
      return { value: event.value, loading: false, error: null, stale: false, readAt: event.at };
    case 'fail':
      if (event.offline && read(state)) return { ...state, loading: false, error: null, stale: true };
      return { ...state, loading: false, error: event.message };
    case 'connection':
      // Going offline makes what is shown stale; coming back does not make it fresh: only a new read does.
      return !event.online && read(state) && !state.stale ? { ...state, stale: true } : state;
  }
}

/** True once a value was read (a value read may itself be null, e.g. "no rule yet"). */
function read<T>(state: RemoteState<T>): boolean {
  return state.readAt !== null;
}

/** True for a contract error code that means "the central API did not answer" (not a refusal). */
export function isOfflineCode(code: string | null): boolean {
  return code === 'offline' || code === 'host_unreachable';
}
