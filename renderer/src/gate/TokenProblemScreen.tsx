import { hasSessionToken } from '../contract/http-bridge';
import { useL10n } from '../i18n/locale-store';

/** The command that starts browser mode, and how the address it prints ends: the same in every language. */
const WEB_COMMAND = 'npm run web';
const TOKEN_FRAGMENT = '#token=…';

/**
 * Browser mode without a valid session token (a bare address, a new tab, or the URL of an earlier start): says what
 * is wrong and what to do, instead of a service that seems to be down.
 */
export function TokenProblemScreen() {
  const t = useL10n().m.gate.token;
  const missing = !hasSessionToken();
  return (
    <section className="gate" aria-labelledby="gate-title">
      <div className="gate-card" role="alert" data-testid="token-problem">
        <h1 id="gate-title">{missing ? t.missingTitle : t.oldTitle}</h1>
        <p>{missing ? t.missingBody : t.oldBody}</p>
        <p>
          {t.openBefore} <code>{WEB_COMMAND}</code> {t.openMiddle} <code>{TOKEN_FRAGMENT}</code>
          {t.openAfter}
        </p>
      </div>
    </section>
  );
}
