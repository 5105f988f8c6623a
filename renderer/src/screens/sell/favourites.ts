import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/** Packages the clerk starred: shown first on the Sell screen (kept in this window's local storage). */
export interface FavouritesState {
  readonly ids: readonly string[];
  toggle(id: string): void;
}

/** The favourites store, persisted per terminal window. */
export const useFavourites = create<FavouritesState>()(
  persist(
    (set, get) => ({
      ids: [],
      toggle: (id) =>
        set({ ids: get().ids.includes(id) ? get().ids.filter((x) => x !== id) : [...get().ids, id] }),
    }),
    { name: 'refill-desk.favourite-packages' },
  ),
);
