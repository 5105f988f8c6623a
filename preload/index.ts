import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, type RefillDeskBridge } from '../core/contract/bridge';
import { isEventName, type EventMessage } from '../core/contract/events';
import { isMethodName } from '../core/contract/methods';
import { EVENT_CHANNEL, RPC_CHANNEL } from '../core/contract/ipc-channels';

/**
 * The preload bridge, derived from the contract: one `call` accepting only contract method names, one `on` per
 * contract event. The renderer never sees ipcRenderer.
 */
const bridge = {
  call: (name, input) => {
    if (!isMethodName(name)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_method', message: `Unknown method: ${String(name)}` },
      });
    }
    return ipcRenderer.invoke(RPC_CHANNEL, name, input);
  },
  on: (name, listener) => {
    if (!isEventName(name)) throw new Error(`Unknown event: ${String(name)}`);
    const wrapped = (_e: IpcRendererEvent, message: EventMessage): void => {
      if (message.name === name) (listener as (p: unknown) => void)(message.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
} satisfies RefillDeskBridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
