// @ts-check
/**
 * The entry Stryker loads for the refill-sample checker (see mutation-sample-checker.ts): Stryker imports every
 * plugin in each of its processes, most of which cannot load TypeScript, so this plain module loads the TypeScript
 * one through tsx's API.
 */
import { tsImport } from 'tsx/esm/api';

/** @type {{ strykerPlugins: unknown[] }} */
const checker = await tsImport('./mutation-sample-checker.ts', import.meta.url);

export const strykerPlugins = checker.strykerPlugins;
