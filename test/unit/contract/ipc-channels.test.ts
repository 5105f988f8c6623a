import { describe, expect, it } from 'vitest';
import { EVENT_CHANNEL, RPC_CHANNEL } from '../../../core/contract/ipc-channels';

describe('the IPC channels', () => {
  it('are two distinct channels in the app’s own namespace', () => {
    // Electron routes by channel name: an empty or shared name would mix calls and events (or other apps' traffic).
    expect(RPC_CHANNEL).toMatch(/^refill-desk:[a-z]+$/);
    expect(EVENT_CHANNEL).toMatch(/^refill-desk:[a-z]+$/);
    expect(RPC_CHANNEL).not.toBe(EVENT_CHANNEL);
  });
});
