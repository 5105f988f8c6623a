import type { RedeemOutcome } from '../../../../core/contract/types/cards';
import { moneyText } from '../../format/money-text';
import { useL10n } from '../../i18n/locale-store';

/** What the last attempt came to, as the Redeem screen shows it. */
export type RedeemView =
  | {
      readonly kind: 'redeemed';
      readonly outcome: Extract<RedeemOutcome, { status: 'redeemed' }>;
      readonly account: string;
    }
  | { readonly kind: 'pending'; readonly account: string }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'locked'; readonly secondsLeft: number }
  | { readonly kind: 'error'; readonly message: string };

/** "1:05" for a wait in seconds. */
export function waitText(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** The result panel: redeemed (amount, card, wallet balance), queued, failed (one generic text), or locked. */
export function RedeemResult({ view }: { view: RedeemView }) {
  const t = useL10n().m.redeem.result;
  switch (view.kind) {
    case 'redeemed': {
      const o = view.outcome;
      return (
        <div
          className="redeem-result redeemed"
          role="status"
          data-testid="redeem-result"
          data-kind="redeemed"
        >
          <div className="redeem-result-title">{t.redeemed({ amount: moneyText(o.amount, o.currency) })}</div>
          <div>
            {t.card} <strong className="mono">{o.serial}</strong> {t.creditedTo}{' '}
            <strong>{view.account}</strong>.
          </div>
          <div className="redeem-balance">
            {t.walletNow}{' '}
            <strong data-testid="redeem-wallet">{moneyText(o.walletBalance, o.currency)}</strong>
          </div>
        </div>
      );
    }
    case 'pending':
      return (
        <div className="redeem-result pending" role="status" data-testid="redeem-result" data-kind="pending">
          <div className="redeem-result-title">{t.queued}</div>
          <div>{t.queuedBody({ account: view.account })}</div>
        </div>
      );
    case 'failed':
      return (
        <div className="redeem-result failed" role="alert" data-testid="redeem-result" data-kind="failed">
          <div className="redeem-result-title">{t.notRedeemed}</div>
          <div>{view.message}</div>
        </div>
      );
    case 'locked':
      return (
        <div className="redeem-result locked" role="alert" data-testid="redeem-result" data-kind="locked">
          <div className="redeem-result-title">{t.lockedTitle}</div>
          <div>
            {t.lockedBody}{' '}
            <strong className="redeem-countdown" data-testid="redeem-wait">
              {waitText(view.secondsLeft)}
            </strong>
            .
          </div>
        </div>
      );
    case 'error':
      return (
        <div className="redeem-result failed" role="alert" data-testid="redeem-result" data-kind="error">
          <div className="redeem-result-title">{t.notRedeemed}</div>
          <div>{view.message}</div>
        </div>
      );
  }
}
