/** One line of a journal entry: a signed amount on an account. Positive raises the account's balance. */
export interface PostingLine {
  readonly accountId: string;
  readonly amount: number;
  readonly currency: string;
}

/** True when the lines sum to zero in every currency and every amount is a non-zero safe integer. */
export function isBalancedEntry(lines: readonly PostingLine[]): boolean {
  if (lines.length < 2) return false;
  const sums = new Map<string, number>();
  for (const l of lines) {
    if (!Number.isSafeInteger(l.amount) || l.amount === 0) return false;
    sums.set(l.currency, (sums.get(l.currency) ?? 0) + l.amount);
  }
  return [...sums.values()].every((s) => s === 0);
}
