import type { MethodName, MethodParsedInput, MethodResult } from '../../core/contract/methods';

/** Who is calling: which host carried the call. Services may use it for auditing. */
export interface CallContext {
  readonly host: 'electron' | 'browser';
}

/** The handler for one method: validated input in, its result out. */
export type Handler<K extends MethodName> = (
  input: MethodParsedInput<K>,
  ctx: CallContext,
) => Promise<MethodResult<K>> | MethodResult<K>;

/** One handler per contract method; a missing or extra one is a compile error where the map is built. */
export type Handlers = { readonly [K in MethodName]: Handler<K> };

/** A slice of the handler map that one service provides. */
export type HandlerSlice<K extends MethodName> = { readonly [P in K]: Handler<P> };
