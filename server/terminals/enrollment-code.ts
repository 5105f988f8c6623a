import { randomInt } from 'node:crypto';

/** Letters and digits a person can read aloud without confusion (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A new one-time enrollment code, e.g. "K7QM-2XPT-9HRC" (CSPRNG, ~59 bits). */
export function newEnrollmentCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]!);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

/** The canonical form a code is hashed in: upper case, no spaces. */
export function normalizeEnrollmentCode(code: string): string {
  return code.trim().toUpperCase().replace(/\s+/g, '');
}

/** A random terminal sale prefix: 4 characters of [A-Z0-9] ("T7K2"). */
export function newSalePrefix(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return Array.from({ length: 4 }, () => chars[randomInt(chars.length)]!).join('');
}
