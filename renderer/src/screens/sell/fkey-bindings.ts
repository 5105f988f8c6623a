import type { Package } from '../../../../core/sync/protocol';

/** The function keys that pick packages, in order. */
export const FKEYS = ['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12'] as const;

/** True for F1 to F12 (bound or not: none of them may reach the browser, F5 would reload the page). */
export function isFunctionKey(key: string): boolean {
  return (FKEYS as readonly string[]).includes(key);
}

/**
 * Which F-key picks which package: by the package's place in the catalog (price, then name), never by starring or
 * filtering, so a clerk's fingers learn them once. Packages beyond the twelfth have none.
 */
export function fkeyBindings(packages: readonly Package[]): ReadonlyMap<string, string> {
  const inCatalogOrder = [...packages].sort(
    (a, b) => a.retailPrice - b.retailPrice || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
  return new Map(inCatalogOrder.slice(0, FKEYS.length).map((p, i) => [p.id, FKEYS[i]!]));
}

/** The package an F-key picks, or null when the key is not bound. */
export function packageForKey(
  packages: readonly Package[],
  bindings: ReadonlyMap<string, string>,
  key: string,
): Package | null {
  return packages.find((p) => bindings.get(p.id) === key) ?? null;
}
