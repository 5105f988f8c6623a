import { useCallback, useEffect } from 'react';
import { call, on } from '../../contract/contract-client';
import { formatShortLocalTime } from '../../format/local-time';
import { useRemoteValue } from '../../hooks/credit/use-remote-value';
import { useL10n } from '../../i18n/locale-store';
import { noticeText } from './notice-text';

/** Wallet notices this terminal received (balance alerts, auto top-ups), newest first; kept across restarts. */
export function NoticesPanel() {
  const { m } = useL10n();
  const read = useCallback(() => call('wallet.notices', { limit: 10 }), []);
  const notices = useRemoteValue(read);
  const { reload } = notices;
  useEffect(() => on('wallet.notice', () => reload()), [reload]);
  const list = notices.value ?? [];
  return (
    <section
      className="card wallet-notices"
      aria-labelledby="wallet-notices-title"
      data-testid="wallet-notices"
    >
      <h2 id="wallet-notices-title">{m.wallet.notices.title}</h2>
      {list.length === 0 ? <p className="muted">{m.wallet.notices.none}</p> : null}
      <ul className="wallet-notice-list">
        {list.map((n) => (
          <li key={n.noticeId} data-testid="wallet-notice" data-type={n.type}>
            <span className="muted nowrap">{formatShortLocalTime(n.createdAt)}</span> {noticeText(n)}
          </li>
        ))}
      </ul>
    </section>
  );
}
