import type { RefillDeskBridge } from '../../../core/contract/bridge';
import type { RpcResponse } from '../../../core/contract/define';
import type { EventName } from '../../../core/contract/events';

const TOKEN_KEY = 'refill-desk.session-token';
const TOKEN_HEADER = 'x-refill-session';

/** The token in a URL fragment ("#token=…"), or null. */
function tokenInFragment(hash: string): string | null {
  return /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(hash)?.[1] ?? null;
}

/** Drops the fragment from the address bar (the token must not stay visible or in the history). */
function clearFragment(): void {
  history.replaceState(null, '', window.location.pathname + window.location.search);
}

/**
 * Reads the browser-mode session token: from the URL fragment on first load (then removed from the address bar),
 * afterwards from sessionStorage so a reload keeps working.
 */
function sessionToken(): string {
  const fromUrl = tokenInFragment(window.location.hash);
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    clearFragment();
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/**
 * Pasting the printed URL into a tab that is already open changes only the fragment, and browsers do not reload for
 * that: take the new token and start again with it.
 */
function reloadOnNewToken(): void {
  window.addEventListener('hashchange', () => {
    const token = tokenInFragment(window.location.hash);
    if (!token) return;
    sessionStorage.setItem(TOKEN_KEY, token);
    clearFragment();
    window.location.reload();
  });
}

/** True when this browser tab has a session token at all (false: opened without the printed URL's fragment). */
export function hasSessionToken(): boolean {
  return Boolean(sessionStorage.getItem(TOKEN_KEY));
}

/** The contract over HTTP on loopback: POST /rpc/<method>, events from GET /events (server-sent events). */
export function createHttpBridge(): RefillDeskBridge {
  const token = sessionToken();
  reloadOnNewToken();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  function ensureSource(name: string): void {
    if (!source) source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
    if (listeners.has(name)) return;
    listeners.set(name, new Set());
    source.addEventListener(name, (e) => {
      const payload: unknown = JSON.parse((e as MessageEvent<string>).data);
      for (const l of listeners.get(name) ?? []) l(payload);
    });
  }

  return {
    async call(name, input) {
      try {
        const res = await fetch(`/rpc/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(input ?? {}),
        });
        return (await res.json()) as RpcResponse<never>;
      } catch {
        return {
          ok: false,
          error: { code: 'host_unreachable', message: 'The Refill Desk service is not answering.' },
        };
      }
    },
    on(name: EventName, listener) {
      ensureSource(name);
      const set = listeners.get(name)!;
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
  };
}
