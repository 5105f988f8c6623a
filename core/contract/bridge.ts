import type { EventName, EventPayload } from './events';
import type { MethodInput, MethodName, MethodResult } from './methods';
import type { RpcResponse } from './define';

/**
 * What the preload exposes on `window.refillDesk` (and what browser mode's HTTP transport implements):
 * a typed call per contract method and a subscription per event. No raw IPC.
 */
export interface RefillDeskBridge {
  call<K extends MethodName>(name: K, input: MethodInput<K>): Promise<RpcResponse<MethodResult<K>>>;
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}

/** The global name the preload exposes the bridge under. */
export const BRIDGE_GLOBAL = 'refillDesk';
