import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { StockOverview } from '../../../../core/contract/types/stock';
import type { Package } from '../../../../core/sync/protocol';
import { uuidv7 } from '../../../../core/uuidv7';
import { call, on } from '../../contract/contract-client';
import { errorCode, errorText } from '../../errors/error-text';
import { moneyText } from '../../format/money-text';
import { useAppStore } from '../../store/app-store';
import { currentL10n, useL10n } from '../../i18n/locale-store';
import '../sell/stock.css';

/**
 * The Stock view: per package, what the shop bought, what is allocated to this terminal, sold here and left here. A
 * manager buys more (online: the credits are debited at once, the stock allocated here), gives unsold stock back to
 * the shop (queued like a sale, so offline too) and sets the low-stock threshold the Sell screen warns at.
 */
export function StockView() {
  const isManager = useAppStore((s) => s.session?.clerk?.role === 'manager');
  const online = useAppStore((s) => s.status?.online ?? false);
  const { m, fmt } = useL10n();
  const t = m.sales.stock;
  const [overview, setOverview] = useState<StockOverview | null>(null);
  const [packages, setPackages] = useState<readonly Package[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [buyPackage, setBuyPackage] = useState('');
  const [buyQuantity, setBuyQuantity] = useState('10');
  // One purchase id per purchase the manager means: a retry after no answer reuses it, so it is debited once; another
  // package or quantity is another purchase, so it gets a new id.
  const [purchaseId, setPurchaseId] = useState(uuidv7());
  const [giveBack, setGiveBack] = useState<{ packageId: string; quantity: string } | null>(null);
  const [threshold, setThreshold] = useState('');

  const reload = useCallback(() => {
    call('stock.levels', {})
      .then((o) => {
        setOverview(o);
        setThreshold((t) => (t === '' ? String(o.lowThreshold) : t));
      })
      .catch((err: unknown) => setError(errorText(err)));
  }, []);
  useEffect(() => {
    reload();
    call('catalog.packages', {})
      .then((p) => {
        setPackages(p);
        setBuyPackage((id) => id || p.find((x) => x.active)?.id || '');
      })
      .catch(() => setPackages([]));
    return on('app.status', (s) => {
      if (!s.syncing) reload();
    });
  }, [reload]);

  const run = async (what: () => Promise<string>): Promise<void> => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await what());
      reload();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const chosen = packages.find((p) => p.id === buyPackage) ?? null;
  const quantity = Number(buyQuantity);
  const validQuantity = Number.isInteger(quantity) && quantity >= 1 && quantity <= 100_000;

  const buy = (e: FormEvent): void => {
    e.preventDefault();
    if (!chosen || !validQuantity) {
      setError(t.chooseQuantity({ max: fmt.count(100_000) }));
      return;
    }
    void run(async () => {
      const r = await call('stock.purchase', { packageId: chosen.id, quantity, purchaseId }).catch(
        (err: unknown) => {
          if (errorCode(err) !== 'conflict') throw err;
          // The id went with another request, which the server took: that earlier purchase went through.
          setPurchaseId(uuidv7());
          throw new Error(currentL10n().m.sales.stock.earlierPurchase);
        },
      );
      setPurchaseId(uuidv7());
      const l10n = currentL10n();
      return l10n.m.sales.stock.bought({
        quantity: l10n.fmt.count(r.quantity),
        name: chosen.name,
        amount: moneyText(r.wholesaleAmount, r.currency),
        left: l10n.fmt.count(r.item.left),
      });
    });
  };

  return (
    <section className="card stock-view" aria-labelledby="stock-title" data-testid="stock-view">
      <h2 id="stock-title">{t.title}</h2>
      {error ? (
        <p className="error" role="alert" data-testid="stock-error">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p className="ok" role="status" data-testid="stock-notice">
          {notice}
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="table" data-testid="stock-table">
          <thead>
            <tr>
              <th>{t.columns.package}</th>
              <th className="num">{t.columns.bought}</th>
              <th className="num">{t.columns.allocated}</th>
              <th className="num">{t.columns.sold}</th>
              <th className="num">{t.columns.left}</th>
              {isManager ? <th>{t.columns.giveBack}</th> : null}
            </tr>
          </thead>
          <tbody>
            {(overview?.items ?? []).map((i) => (
              <tr key={i.packageId} data-testid={`stock-row-${i.packageCode}`}>
                <td>{i.packageName}</td>
                <td className="num">{fmt.count(i.bought)}</td>
                <td className="num">{fmt.count(i.allocated - i.released)}</td>
                <td className="num">{fmt.count(i.sold)}</td>
                <td
                  className={i.low || i.left === 0 ? 'num low' : 'num'}
                  data-testid={`stock-left-${i.packageCode}`}
                >
                  {fmt.count(i.left)}
                  {i.low ? t.lowTag : ''}
                </td>
                {isManager ? (
                  <td>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={i.left === 0 || busy}
                      onClick={() => setGiveBack({ packageId: i.packageId, quantity: String(i.left) })}
                    >
                      {t.giveBackStart}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
            {overview && overview.items.length === 0 ? (
              <tr>
                <td colSpan={isManager ? 6 : 5} className="muted">
                  {t.noneYet}
                  {isManager ? t.buyAheadBelow : ''}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {isManager && giveBack ? (
        <form
          className="stock-actions"
          onSubmit={(e) => {
            e.preventDefault();
            const n = Number(giveBack.quantity);
            void run(async () => {
              await call('stock.release', { packageId: giveBack.packageId, quantity: n });
              setGiveBack(null);
              const l10n = currentL10n();
              return l10n.m.sales.stock.gaveBack({ count: l10n.fmt.count(n) });
            });
          }}
        >
          <label>
            {t.giveBackHowMany}
            <input
              value={giveBack.quantity}
              inputMode="numeric"
              autoFocus
              onChange={(e) => setGiveBack({ ...giveBack, quantity: e.target.value.replace(/\D/g, '') })}
              data-testid="stock-give-back-quantity"
            />
          </label>
          <button type="submit" className="btn" disabled={busy}>
            {t.giveBack}
          </button>
          <button type="button" className="btn" onClick={() => setGiveBack(null)}>
            {m.common.cancel}
          </button>
        </form>
      ) : null}
      {isManager ? (
        <form className="stock-actions" onSubmit={buy} aria-label={t.buyLabel}>
          <label>
            {t.package}
            <select
              value={buyPackage}
              onChange={(e) => {
                setBuyPackage(e.target.value);
                setPurchaseId(uuidv7());
              }}
              data-testid="stock-buy-package"
            >
              {packages
                .filter((p) => p.active)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t.quantity}
            <input
              value={buyQuantity}
              inputMode="numeric"
              onChange={(e) => {
                const next = e.target.value.replace(/\D/g, '');
                if (next !== buyQuantity) setPurchaseId(uuidv7());
                setBuyQuantity(next);
              }}
              data-testid="stock-buy-quantity"
            />
          </label>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy || !online}
            data-testid="stock-buy"
          >
            {busy ? t.working : t.buy}
          </button>
          <span className="muted">
            {chosen && validQuantity
              ? t.costs({ amount: moneyText(chosen.wholesalePrice * quantity, chosen.currency) })
              : ''}
            {!online ? t.needsApi : ''}
          </span>
        </form>
      ) : null}
      {isManager ? (
        <form
          className="stock-actions"
          onSubmit={(e) => {
            e.preventDefault();
            const n = Number(threshold);
            void run(async () => {
              await call('stock.setLowThreshold', { threshold: n });
              const l10n = currentL10n();
              return n === 0
                ? l10n.m.sales.stock.thresholdOff
                : l10n.m.sales.stock.thresholdSet({ count: l10n.fmt.count(n) });
            });
          }}
        >
          <label>
            {t.thresholdLabel}
            <input
              value={threshold}
              inputMode="numeric"
              onChange={(e) => setThreshold(e.target.value.replace(/\D/g, ''))}
              data-testid="stock-threshold"
            />
          </label>
          <button type="submit" className="btn" disabled={busy}>
            {m.common.save}
          </button>
        </form>
      ) : (
        <p className="muted">{t.clerkNote({ count: overview ? fmt.count(overview.lowThreshold) : '…' })}</p>
      )}
    </section>
  );
}
