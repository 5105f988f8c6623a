/** The masking character printed for hidden digits (the embedded DejaVu font has the bullet). */
export const MASK_CHAR = '\u2022';

/**
 * Masks a customer account number for print: keeps the last 4 characters (at most half of them, so a short
 * number is never shown whole), replaces the rest with bullets. Spaces and dashes are dropped first.
 */
export function maskAccount(account: string, maskChar: string = MASK_CHAR): string {
  const compact = account.replace(/[\s\-().]/g, '');
  if (compact.length === 0) return '';
  const visible = Math.min(4, Math.floor(compact.length / 2));
  return maskChar.repeat(compact.length - visible) + compact.slice(compact.length - visible);
}
