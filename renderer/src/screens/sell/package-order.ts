import type { Package } from '../../../../core/sync/protocol';

/** Orders packages for the grid: favourites first (in starring order), then by retail price, then name. */
export function orderPackages(packages: readonly Package[], favourites: readonly string[]): Package[] {
  const rank = (p: Package): number => {
    const i = favourites.indexOf(p.id);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...packages].sort(
    (a, b) => rank(a) - rank(b) || a.retailPrice - b.retailPrice || a.name.localeCompare(b.name),
  );
}

/** Keeps packages whose name or code contains every typed word (case-insensitive). */
export function filterPackages(packages: readonly Package[], text: string): Package[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...packages];
  return packages.filter((p) => {
    const hay = `${p.name} ${p.code}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
