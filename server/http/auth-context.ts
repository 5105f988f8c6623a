/** Who is calling a route, as established by its bearer token. */
export type AuthContext =
  | { readonly kind: 'none' }
  | { readonly kind: 'operator' }
  | {
      readonly kind: 'terminal';
      readonly resellerId: string;
      readonly terminalId: string;
      /**
       * Set on every request of a route that reads the terminal's standing in its own transaction
       * (`standingInTransaction`): the token's SHA-256, whose standing (terminal not revoked, reseller active, token
       * still the terminal's) that transaction must read under its lock before it acts (`verifyTerminalStanding`).
       * When the token was known to this process the standing was not read at all before; otherwise it was read
       * before the lock, and is read again. Absent on every other route.
       */
      readonly standingTokenHash?: string;
    }
  | { readonly kind: 'customer'; readonly resellerId: string; readonly customerId: string };

/** Which kind of caller a route admits. */
export type AuthKind = AuthContext['kind'];

/** Narrows an AuthContext to the kind a route declared (the route helper already checked it). */
export type AuthOf<K extends AuthKind> = Extract<AuthContext, { kind: K }>;
