import type { Localization } from '../../../core/i18n/catalog';
import { ContractError } from '../contract/contract-client';
import { currentL10n } from '../i18n/locale-store';
import { codeText } from './code-text';
import { asSentence } from './sentence';

/** The message to show a clerk for any thrown value, as a sentence (server messages come terse and lower-case). */
export function errorText(err: unknown, l10n: Localization = currentL10n()): string {
  if (err instanceof ContractError) return codeText(err.code, err.message, l10n);
  if (err instanceof Error) return asSentence(err.message);
  return asSentence(String(err));
}

/** The stable code of a contract error, or null. */
export function errorCode(err: unknown): string | null {
  return err instanceof ContractError ? err.code : null;
}
