import { describe, expect, it } from 'vitest';
import { eventNames, isEventName } from '../../../core/contract/events';

describe('isEventName', () => {
  it('knows every event of the contract', () => {
    expect(eventNames).toContain('app.status');
    for (const name of eventNames) expect(isEventName(name)).toBe(true);
  });

  it('refuses names outside the contract, inherited keys and anything that is not a string', () => {
    expect(isEventName('app.unknown')).toBe(false);
    expect(isEventName('toString')).toBe(false);
    expect(isEventName(undefined)).toBe(false);
    expect(isEventName(7)).toBe(false);
    // These would name an event once turned into a property key; a message must carry the name itself.
    expect(isEventName(['app.status'])).toBe(false);
    expect(isEventName({ toString: () => 'app.status' })).toBe(false);
  });
});
