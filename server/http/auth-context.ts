/** Who is calling a route, as established by its bearer token. */
export type AuthContext =
  | { readonly kind: 'none' }
  | { readonly kind: 'operator' }
  | {
      readonly kind: 'terminal';
      readonly resellerId: string;
      readonly terminalId: string;
      /**
       * Set only on a route that reads the terminal's standing in its own transaction (`standingInTransaction`), when
       * the token was known to this process: the token's SHA-256, whose standing (terminal not revoked, reseller
       * active, token still the terminal's) this request has NOT read yet. That transaction must check it before it
       * acts (`verifyTerminalStanding`). Absent when the standing was read with the token.
       */
      readonly unverifiedTokenHash?: string;
    }
  | { readonly kind: 'customer'; readonly resellerId: string; readonly customerId: string };

/** Which kind of caller a route admits. */
export type AuthKind = AuthContext['kind'];

/** Narrows an AuthContext to the kind a route declared (the route helper already checked it). */
export type AuthOf<K extends AuthKind> = Extract<AuthContext, { kind: K }>;
