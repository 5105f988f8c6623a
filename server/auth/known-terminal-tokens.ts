/** The terminal a token belongs to: fixed for the token's life (terminal_tokens rows are only ever inserted). */
export interface TokenTerminal {
  readonly resellerId: string;
  readonly terminalId: string;
}

/**
 * The terminals of the tokens this process has already found standing, by the token's SHA-256, so a route that reads the
 * terminal's standing in its own transaction (the push: see `ZodRoute.standingInTransaction`) need not look the token
 * up first. Only the token's terminal is remembered, never its standing: whether the terminal is revoked or its
 * reseller suspended is read again by that transaction, and a token it refuses is forgotten (`forget`), so a revoked
 * terminal that keeps pushing costs one refused transaction, not one per push. At most `capacity` tokens, the least
 * recently used forgotten first; a forgotten token is simply checked in full again.
 */
export class KnownTerminalTokens {
  private readonly byHash = new Map<string, TokenTerminal>();

  constructor(private readonly capacity = 10_000) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`invalid capacity ${capacity}`);
  }

  /** The token's terminal, when this process has checked the token before. */
  get(hash: string): TokenTerminal | undefined {
    const known = this.byHash.get(hash);
    if (known) {
      // Most recently used last: a Map iterates in insertion order.
      this.byHash.delete(hash);
      this.byHash.set(hash, known);
    }
    return known;
  }

  /** Remembers a token found in terminal_tokens. */
  remember(hash: string, terminal: TokenTerminal): void {
    this.byHash.delete(hash);
    this.byHash.set(hash, { resellerId: terminal.resellerId, terminalId: terminal.terminalId });
    while (this.byHash.size > this.capacity) this.byHash.delete(this.byHash.keys().next().value!);
  }

  /** Forgets a token (its standing was refused): it is looked up in full again, and refused there, next time. */
  forget(hash: string): void {
    this.byHash.delete(hash);
  }

  /** How many tokens are remembered. */
  get size(): number {
    return this.byHash.size;
  }
}
