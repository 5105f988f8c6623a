/**
 * The digits of a customer account in groups a clerk reads back to the customer at a glance ("555 123 4567"), for
 * the confirm-the-number step. The rule, the same for every account the protocol accepts (4 to 20 digits, optionally
 * after a +):
 * - up to 4 digits: one group;
 * - otherwise the last 4 digits are one group, the digits before them are groups of 3 counted from the end, and the
 *   first group keeps what is left over (1 to 3 digits);
 * - a leading + stays on the first group.
 * So a 10-digit number reads 3-3-4 ("555 123 4567"), an 11-digit one 1-3-3-4 ("1 555 123 4567"), a 7-digit one 3-4
 * ("123 4567"). Grouping only spaces the digits: joined, the groups are the account again.
 */
export function accountGroups(account: string): string[] {
  const plus = account.startsWith('+') ? '+' : '';
  const digits = plus ? account.slice(1) : account;
  if (!/^[0-9]+$/.test(digits)) throw new Error('accountGroups: an account is digits, optionally after a +');
  if (digits.length <= 4) return [plus + digits];
  const head = digits.slice(0, -4);
  const groups: string[] = [];
  for (let end = head.length; end > 0; end -= 3) groups.unshift(head.slice(Math.max(0, end - 3), end));
  groups.push(digits.slice(-4));
  groups[0] = plus + groups[0]!;
  return groups;
}

/** The account as one string of grouped digits, groups separated by a space ("+1 555 123 4567"). */
export function groupedAccount(account: string): string {
  return accountGroups(account).join(' ');
}
