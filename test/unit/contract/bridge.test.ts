import { describe, expect, it } from 'vitest';
import { BRIDGE_GLOBAL } from '../../../core/contract/bridge';

describe('the bridge global', () => {
  it('is window.refillDesk, the name the renderer, the e2e flows and the docs read the bridge from', () => {
    expect(BRIDGE_GLOBAL).toBe('refillDesk');
  });
});
