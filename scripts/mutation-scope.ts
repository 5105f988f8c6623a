/**
 * Which folders `npm run test:mutation` mutates: the money, sync, ledger, sales, clerk and card rules (issue 16),
 * or the folders named on its command line.
 */

/** Every folder the full mutation run covers (ones not present yet, e.g. a future one, are skipped). */
export const MUTATION_FOLDERS = [
  'core',
  'server/sync',
  'server/wallet',
  'server/ledger',
  'server/cards',
  'main/ledger',
  'main/sales',
  'main/clerks',
  'main/sync',
] as const;

/** A resolved scope: the folders to mutate, a name for its files, and whether unit tests alone cover it. */
export interface MutationScope {
  readonly folders: readonly string[];
  /** Names the scope in the summary line and in its report and incremental file names. */
  readonly name: string;
  /** core/ is pure and tested without a database: its runs use the unit tests only. */
  readonly unitTestsOnly: boolean;
}

/**
 * Resolves the command line's folders (none or `all`: every present folder of MUTATION_FOLDERS). A named folder
 * must exist and lie in core/, main/ or server/.
 */
export function resolveMutationScope(
  args: readonly string[],
  folderExists: (folder: string) => boolean,
): MutationScope {
  const asked = args.map((a) => a.replace(/\/+$/, '')).filter((a) => a.length > 0);
  if (asked.length === 0 || (asked.length === 1 && asked[0] === 'all')) {
    const folders = MUTATION_FOLDERS.filter(folderExists);
    return { folders, name: 'all', unitTestsOnly: false };
  }
  for (const folder of asked) {
    if (!/^(core|main|server)(\/[\w.-]+)*$/.test(folder) || folder.split('/').includes('..')) {
      throw new Error(`mutation scope must be a folder in core/, main/ or server/ (or "all"): ${folder}`);
    }
    if (!folderExists(folder)) throw new Error(`no such folder: ${folder}`);
  }
  const folders = [...new Set(asked)];
  return {
    folders,
    name: folders.join('+'),
    unitTestsOnly: folders.every((f) => f === 'core' || f.startsWith('core/')),
  };
}

/** A file-name-safe form of a scope name (`server/sync+core` → `server-sync+core`). */
export function scopeFileName(name: string): string {
  return name.replace(/\//g, '-');
}
