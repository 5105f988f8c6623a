import { describe, expect, it } from 'vitest';
import { KnownTerminalTokens } from '../../../server/auth/known-terminal-tokens';

const terminal = (n: number) => ({ resellerId: `r${n}`, terminalId: `t${n}` });

describe('KnownTerminalTokens', () => {
  it('answers the terminal of a remembered token, and nothing for another', () => {
    const known = new KnownTerminalTokens(3);
    known.remember('h1', terminal(1));
    expect(known.get('h1')).toEqual(terminal(1));
    expect(known.get('h2')).toBeUndefined();
    expect(known.size).toBe(1);
  });

  it('keeps at most its capacity, forgetting the least recently used first', () => {
    const known = new KnownTerminalTokens(3);
    for (const n of [1, 2, 3]) known.remember(`h${n}`, terminal(n));
    expect(known.get('h1')).toEqual(terminal(1)); // h2 is now the least recently used
    known.remember('h4', terminal(4));
    expect(known.size).toBe(3);
    expect(known.get('h2')).toBeUndefined();
    expect([known.get('h1'), known.get('h3'), known.get('h4')]).toEqual([
      terminal(1),
      terminal(3),
      terminal(4),
    ]);
    // Remembering a known token again refreshes it rather than adding a second entry.
    known.remember('h1', terminal(1));
    known.remember('h5', terminal(5));
    expect(known.size).toBe(3);
    expect(known.get('h3')).toBeUndefined();
    expect(known.get('h1')).toEqual(terminal(1));
  });

  it('forgets a token on request, and only that one', () => {
    const known = new KnownTerminalTokens(3);
    known.remember('h1', terminal(1));
    known.remember('h2', terminal(2));
    known.forget('h1');
    known.forget('h9');
    expect([known.get('h1'), known.get('h2'), known.size]).toEqual([undefined, terminal(2), 1]);
  });

  it('keeps its own copy: the caller changing what it passed changes nothing', () => {
    const known = new KnownTerminalTokens(2);
    const mutable = { resellerId: 'r1', terminalId: 't1' };
    known.remember('h1', mutable);
    mutable.terminalId = 'changed';
    expect(known.get('h1')).toEqual(terminal(1));
  });

  it('refuses a capacity that is not a positive whole number', () => {
    for (const bad of [0, -1, 1.5, Number.NaN])
      expect(() => new KnownTerminalTokens(bad)).toThrow(/capacity/);
  });
});
