import { useOutcomesNotShown } from '../../hooks/use-outcomes-not-shown';
import { useL10n } from '../../i18n/locale-store';
import { useAppStore } from '../../store/app-store';
import '../../styles/outcomes.css';

/**
 * Tells the clerk, at the counter, that sales made before the app restarted never showed their outcome (the app was
 * closed or crashed while they waited for the server), and opens the Sales screen where they are listed.
 */
export function OutcomesNotShownBanner() {
  const setScreen = useAppStore((s) => s.setScreen);
  const { data } = useOutcomesNotShown(1);
  const { m, fmt } = useL10n();
  const t = m.sell.outcomesNotShown;
  if (!data || data.count === 0) return null;
  const n = data.count;
  return (
    <div className="outcome-banner" role="alert" data-testid="outcomes-banner">
      <span className="outcome-banner-text">
        <strong data-testid="outcomes-banner-count">{fmt.count(n)}</strong> {fmt.counted(n, t.needLook)}
      </span>
      <button
        type="button"
        className="btn"
        onClick={() => setScreen('sales')}
        data-testid="outcomes-banner-open"
      >
        {t.review}
      </button>
    </div>
  );
}
