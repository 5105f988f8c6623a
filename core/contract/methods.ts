import { z } from 'zod';
import { method } from './define';
import type { AboutInfo } from './types/about';
import type { AppStatus } from './types/status';

const noInput = z.object({}).strict();

/**
 * The app contract: every call the renderer can make, with its input schema and result type.
 * Adding a method is one entry here plus one handler in main/ (the compiler lists what is missing).
 */
export const methods = {
  /** App, runtime, SQLite and schema versions for the About screen. */
  'app.about': method<AboutInfo>()(noInput),
  /** Connection, sync and session state for the status bar. */
  'app.status': method<AppStatus>()(noInput),
  /** Echoes its text: a round-trip check for both hosts (and the contract's validation tests). */
  'app.ping': method<{ readonly text: string; readonly at: string }>()(
    z.object({ text: z.string().min(1, 'text is required').max(200, 'text is at most 200 characters') }).strict(),
  ),
} as const;

/** The map's type. */
export type Methods = typeof methods;
/** Every method name. */
export type MethodName = keyof Methods;
/** What a caller passes for method K (before validation). */
export type MethodInput<K extends MethodName> = z.input<Methods[K]['input']>;
/** What a handler receives for method K (after validation). */
export type MethodParsedInput<K extends MethodName> = z.output<Methods[K]['input']>;
/** What method K resolves to. */
export type MethodResult<K extends MethodName> = NonNullable<Methods[K]['result']>;
/** The method names as a run-time list (the preload and the HTTP host accept only these). */
export const methodNames = Object.keys(methods) as MethodName[];

/** True when `name` is a method of the contract. */
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}
