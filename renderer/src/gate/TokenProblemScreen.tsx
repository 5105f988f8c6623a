import { hasSessionToken } from '../contract/http-bridge';

/**
 * Browser mode without a valid session token (a bare address, a new tab, or the URL of an earlier start): says what
 * is wrong and what to do, instead of a service that seems to be down.
 */
export function TokenProblemScreen() {
  const missing = !hasSessionToken();
  return (
    <section className="gate" aria-labelledby="gate-title">
      <div className="gate-card" role="alert" data-testid="token-problem">
        <h1 id="gate-title">{missing ? 'This page needs its session token' : 'This session token is old'}</h1>
        <p>
          {missing
            ? 'The address was opened without the token that lets this page use Refill Desk (a new tab, or a bookmark).'
            : 'The token in this page’s address is from an earlier start of Refill Desk, or mistyped.'}
        </p>
        <p>
          Open the address that <code>npm run web</code> printed when it started (it ends with{' '}
          <code>#token=…</code>). You can paste it into this tab.
        </p>
      </div>
    </section>
  );
}
