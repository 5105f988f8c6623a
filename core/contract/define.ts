import type { z } from 'zod';

/** One contract method: the schema its input must pass, and (as a phantom type) what it resolves to. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, R = unknown> {
  readonly input: I;
  /** Phantom: never set at run time, only carries the result type. */
  readonly result?: R;
}

/** Declares a method: `method<Result>()(inputSchema)`. */
export function method<R>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, R> => ({ input });
}

/** One event from main to the renderer; the payload type is phantom. */
export interface EventSpec<P = unknown> {
  readonly payload?: P;
}

/** Declares an event: `event<Payload>()`. */
export function event<P>(): EventSpec<P> {
  return {};
}

/** The outcome of a contract call as it crosses IPC or HTTP: a value or the one error shape. */
export type RpcResponse<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly error: { readonly code: string; readonly message: string; readonly details?: unknown };
    };
