import type { Catalog, Localization } from '../../../core/i18n/catalog';
import type { Language } from '../../../core/i18n/languages';
import { currentL10n } from '../i18n/locale-store';
import { asSentence } from './sentence';

/** The language the local service and the central API write their messages in. */
const SERVICE_LANGUAGE: Language = 'en';

type ReplacedKey = keyof Catalog['errors']['replaced'];
type ByCodeKey = keyof Catalog['errors']['byCode'];

/** `host_unreachable` -> `hostUnreachable`: an error code as a catalog key. */
function catalogKey(code: string): string {
  return code.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * The clerk's text for an error code and the message that came with it, as a sentence. Codes whose message is not
 * meant for a clerk always get the catalog's text; the codes a clerk commonly meets get it when the window speaks
 * another language than the service's (in English the service's message, which names the details, is shown); any
 * other code keeps the service's message (written in English).
 */
export function codeText(code: string, message: string, l10n: Localization = currentL10n()): string {
  const key = catalogKey(code);
  const { replaced, byCode } = l10n.m.errors;
  if (Object.hasOwn(replaced, key)) return replaced[key as ReplacedKey];
  if (l10n.language !== SERVICE_LANGUAGE && Object.hasOwn(byCode, key)) return byCode[key as ByCodeKey];
  return asSentence(message);
}
