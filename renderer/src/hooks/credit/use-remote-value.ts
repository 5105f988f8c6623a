import { useCallback, useEffect, useReducer, useRef } from 'react';
import { on } from '../../contract/contract-client';
import { errorCode, errorText } from '../../errors/error-text';
import { initialRemoteState, isOfflineCode, remoteReducer, type RemoteState } from './remote-state';

/** A remote value and a way to read it again. */
export interface RemoteValue<T> extends RemoteState<T> {
  reload(): void;
}

/**
 * Reads a value through the contract when `read` changes (its inputs), again when the terminal comes back online
 * and, with `reloadAfterSync`, after each sync round; keeps the last good value while offline, marked stale.
 */
export function useRemoteValue<T>(read: () => Promise<T>, reloadAfterSync = false): RemoteValue<T> {
  const [state, dispatch] = useReducer(remoteReducer<T>, undefined, () => initialRemoteState<T>());
  // Only the newest read may change the state (an old, slow answer never overwrites a newer one).
  const latest = useRef(0);
  const load = useCallback(() => {
    const ticket = ++latest.current;
    dispatch({ type: 'start' });
    read()
      .then((value) => {
        if (ticket === latest.current) dispatch({ type: 'ok', value, at: Date.now() });
      })
      .catch((err: unknown) => {
        if (ticket === latest.current)
          dispatch({ type: 'fail', message: errorText(err), offline: isOfflineCode(errorCode(err)) });
      });
  }, [read]);

  useEffect(() => {
    load();
    let online: boolean | null = null;
    let syncing = false;
    return on('app.status', (s) => {
      const cameBack = online === false && s.online;
      const roundEnded = syncing && !s.syncing;
      if (online !== s.online) dispatch({ type: 'connection', online: s.online });
      online = s.online;
      syncing = s.syncing;
      if (cameBack || (reloadAfterSync && roundEnded && s.online)) load();
    });
  }, [load, reloadAfterSync]);

  return { ...state, reload: load };
}
