import { AppError } from '../../core/app-error';
import type { RpcResponse } from '../../core/contract/define';
import { isMethodName, methods, type MethodName, type MethodResult } from '../../core/contract/methods';
import type { CallContext, Handlers } from './handlers';

/** Calls a contract method by name with untrusted input; never throws. */
export type Dispatch = (name: unknown, input: unknown, ctx: CallContext) => Promise<RpcResponse<unknown>>;

/** Formats zod issues as "field: message; ..." for a human, keeping the raw issues in details. */
function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * Builds the one entry point both hosts use: checks the method exists, validates input against its schema, runs
 * the handler, and turns every failure into the error shape. Unexpected errors are logged and answered generically.
 */
export function createDispatcher(
  handlers: Handlers,
  log: (msg: string, err: unknown) => void = console.error,
): Dispatch {
  return async (name, input, ctx) => {
    if (!isMethodName(name)) {
      return {
        ok: false,
        error: { code: 'unknown_method', message: `Unknown method: ${String(name).slice(0, 80)}` },
      };
    }
    const parsed = methods[name].input.safeParse(input ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `Invalid input for ${name}: ${describeIssues(parsed.error.issues)}`,
          details: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
        },
      };
    }
    try {
      const handler = handlers[name] as (
        input: unknown,
        ctx: CallContext,
      ) => Promise<MethodResult<MethodName>>;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toShape() };
      log(`contract method ${name} failed`, err);
      return {
        ok: false,
        error: { code: 'internal', message: 'Something went wrong. The error was logged.' },
      };
    }
  };
}
