/** The IPC channel every contract call travels on (Electron host). */
export const RPC_CHANNEL = 'refill-desk:rpc';
/** The IPC channel main pushes contract events on. */
export const EVENT_CHANNEL = 'refill-desk:event';
