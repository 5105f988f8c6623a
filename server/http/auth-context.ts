/** Who is calling a route, as established by its bearer token. */
export type AuthContext =
  | { readonly kind: 'none' }
  | { readonly kind: 'operator' }
  | { readonly kind: 'terminal'; readonly resellerId: string; readonly terminalId: string }
  | { readonly kind: 'customer'; readonly resellerId: string; readonly customerId: string };

/** Which kind of caller a route admits. */
export type AuthKind = AuthContext['kind'];

/** Narrows an AuthContext to the kind a route declared (the route helper already checked it). */
export type AuthOf<K extends AuthKind> = Extract<AuthContext, { kind: K }>;
