import { create } from 'zustand';
import { uuidv7 } from '../../../../core/uuidv7';

/** What a clerk typed into the Sell form and has not confirmed yet. */
export interface SaleDraft {
  readonly packageId: string | null;
  readonly account: string;
  readonly quantity: number;
  readonly tendered: string;
  /** The sale attempt's id: a retry after a lost answer replays it instead of selling twice. */
  readonly attemptId: string;
}

/** An empty form with a fresh attempt id. */
export function emptyDraft(): SaleDraft {
  return { packageId: null, account: '', quantity: 1, tendered: '', attemptId: uuidv7() };
}

/** The half-entered sale, kept in memory (never stored) for the clerk who entered it. */
export interface SaleDraftState {
  /** Whose draft it is: null before anyone typed. */
  readonly clerkId: string | null;
  readonly draft: SaleDraft;
  /** The draft for `clerkId`: theirs when they entered it (after an auto-lock, a screen change), else empty. */
  claim(clerkId: string): SaleDraft;
  /** Changes the current clerk's draft. */
  update(change: Partial<SaleDraft>): void;
  /** Empties the form (after a sale, or Cancel). */
  clear(): void;
}

/**
 * The Sell form's state outside the screen, so an auto-lock (which unmounts the screen) or a trip to another screen
 * does not lose a half-entered sale. Another clerk signing in starts from an empty form.
 */
export const useSaleDraft = create<SaleDraftState>()((set, get) => ({
  clerkId: null,
  draft: emptyDraft(),
  claim: (clerkId) => {
    if (get().clerkId !== clerkId) set({ clerkId, draft: emptyDraft() });
    return get().draft;
  },
  update: (change) => set({ draft: { ...get().draft, ...change } }),
  clear: () => set({ draft: emptyDraft() }),
}));
