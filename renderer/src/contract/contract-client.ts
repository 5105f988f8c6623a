import { BRIDGE_GLOBAL, type RefillDeskBridge } from '../../../core/contract/bridge';
import type { EventName, EventPayload } from '../../../core/contract/events';
import type { MethodInput, MethodName, MethodResult } from '../../../core/contract/methods';
import { createHttpBridge } from './http-bridge';

/** A contract call that failed: the error shape, thrown so screens can `try/catch` and show `message`. */
export class ContractError extends Error {
  readonly code: string;
  readonly details?: unknown;
  constructor(code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ContractError';
    this.code = code;
    this.details = details;
  }
}

/** The Electron preload's bridge when present, else the browser-mode HTTP bridge. */
function selectBridge(): RefillDeskBridge {
  const injected = (window as unknown as Record<string, RefillDeskBridge | undefined>)[BRIDGE_GLOBAL];
  return injected ?? createHttpBridge();
}

const bridge = selectBridge();

/** Calls a contract method; resolves with its typed result or throws a ContractError. */
export async function call<K extends MethodName>(name: K, input: MethodInput<K>): Promise<MethodResult<K>> {
  const res = await bridge.call(name, input);
  if (res.ok) return res.value;
  throw new ContractError(res.error.code, res.error.message, res.error.details);
}

/** Subscribes to a contract event; returns the unsubscribe function. */
export function on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void {
  return bridge.on(name, listener);
}
