import { describe, expect, it } from 'vitest';
import { asSentence } from '../../../renderer/src/errors/sentence';

describe('messages reach the clerk as sentences', () => {
  it('capitalises and ends a raw server message', () => {
    expect(asSentence('insufficient credits')).toBe('Insufficient credits.');
    expect(asSentence('  account number must be 4 to 20 digits ')).toBe(
      'Account number must be 4 to 20 digits.',
    );
    expect(asSentence('Not enough credit left.')).toBe('Not enough credit left.');
    expect(asSentence('Are you sure?')).toBe('Are you sure?');
    expect(asSentence('')).toBe('');
  });
});
