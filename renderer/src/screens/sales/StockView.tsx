import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { StockOverview } from '../../../../core/contract/types/stock';
import type { Package } from '../../../../core/sync/protocol';
import { uuidv7 } from '../../../../core/uuidv7';
import { call, on } from '../../contract/contract-client';
import { errorCode, errorText } from '../../errors/error-text';
import { moneyText } from '../../format/money-text';
import { useAppStore } from '../../store/app-store';
import '../sell/stock.css';

/**
 * The Stock view: per package, what the shop bought, what is allocated to this terminal, sold here and left here. A
 * manager buys more (online: the credits are debited at once, the stock allocated here), gives unsold stock back to
 * the shop (queued like a sale, so offline too) and sets the low-stock threshold the Sell screen warns at.
 */
export function StockView() {
  const isManager = useAppStore((s) => s.session?.clerk?.role === 'manager');
  const online = useAppStore((s) => s.status?.online ?? false);
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
      setError('Choose a package and a quantity of 1 to 100,000.');
      return;
    }
    void run(async () => {
      const r = await call('stock.purchase', { packageId: chosen.id, quantity, purchaseId }).catch(
        (err: unknown) => {
          if (errorCode(err) !== 'conflict') throw err;
          // The id went with another request, which the server took: that earlier purchase went through.
          setPurchaseId(uuidv7());
          throw new Error(
            'An earlier purchase with other details already went through (see the stock above); nothing more was bought. Press Buy stock again to buy this too.',
          );
        },
      );
      setPurchaseId(uuidv7());
      return `Bought ${r.quantity} × ${chosen.name} for ${moneyText(r.wholesaleAmount, r.currency)} in credits; ${r.item.left} left here.`;
    });
  };

  return (
    <section className="card stock-view" aria-labelledby="stock-title" data-testid="stock-view">
      <h2 id="stock-title">Stock</h2>
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
              <th>Package</th>
              <th className="num">Bought (shop)</th>
              <th className="num">Allocated here</th>
              <th className="num">Sold here</th>
              <th className="num">Left here</th>
              {isManager ? <th>Give back</th> : null}
            </tr>
          </thead>
          <tbody>
            {(overview?.items ?? []).map((i) => (
              <tr key={i.packageId} data-testid={`stock-row-${i.packageCode}`}>
                <td>{i.packageName}</td>
                <td className="num">{i.bought}</td>
                <td className="num">{i.allocated - i.released}</td>
                <td className="num">{i.sold}</td>
                <td
                  className={i.low || i.left === 0 ? 'num low' : 'num'}
                  data-testid={`stock-left-${i.packageCode}`}
                >
                  {i.left}
                  {i.low ? ' (low)' : ''}
                </td>
                {isManager ? (
                  <td>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={i.left === 0 || busy}
                      onClick={() => setGiveBack({ packageId: i.packageId, quantity: String(i.left) })}
                    >
                      Give back…
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
            {overview && overview.items.length === 0 ? (
              <tr>
                <td colSpan={isManager ? 6 : 5} className="muted">
                  No stock bought yet.{isManager ? ' Buy packages ahead below.' : ''}
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
              return `${n} given back to the shop: another terminal can be allocated them.`;
            });
          }}
        >
          <label>
            Give back how many
            <input
              value={giveBack.quantity}
              inputMode="numeric"
              autoFocus
              onChange={(e) => setGiveBack({ ...giveBack, quantity: e.target.value.replace(/\D/g, '') })}
              data-testid="stock-give-back-quantity"
            />
          </label>
          <button type="submit" className="btn" disabled={busy}>
            Give back
          </button>
          <button type="button" className="btn" onClick={() => setGiveBack(null)}>
            Cancel
          </button>
        </form>
      ) : null}
      {isManager ? (
        <form className="stock-actions" onSubmit={buy} aria-label="Buy stock">
          <label>
            Package
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
            Quantity
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
            {busy ? 'Working…' : 'Buy stock'}
          </button>
          <span className="muted">
            {chosen && validQuantity
              ? `Costs ${moneyText(chosen.wholesalePrice * quantity, chosen.currency)} in credits now.`
              : ''}
            {!online ? ' Buying needs the central API.' : ''}
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
              return n === 0
                ? 'Low-stock warning turned off.'
                : `The Sell screen warns at ${n} left or fewer.`;
            });
          }}
        >
          <label>
            Warn when this many are left (0: never)
            <input
              value={threshold}
              inputMode="numeric"
              onChange={(e) => setThreshold(e.target.value.replace(/\D/g, ''))}
              data-testid="stock-threshold"
            />
          </label>
          <button type="submit" className="btn" disabled={busy}>
            Save
          </button>
        </form>
      ) : (
        <p className="muted">
          Low-stock warning at {overview?.lowThreshold ?? '…'} left. A manager buys stock.
        </p>
      )}
    </section>
  );
}
