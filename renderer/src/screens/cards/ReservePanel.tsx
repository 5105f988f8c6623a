import { useEffect, useState, type FormEvent } from 'react';
import type { CardReserveState } from '../../../../core/contract/types/cards';
import { call, on } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { formatLocalTime } from '../../format/local-time';
import { useAppStore } from '../../store/app-store';
import '../../styles/cards.css';

/**
 * Settings' "PIN reserve" panel: server-minted serial + PIN pairs this terminal holds for series made offline. Shows
 * free/target/prefix; a manager sets the size (the next sync round fills it).
 */
export function ReservePanel() {
  const isManager = useAppStore((s) => s.session?.clerk?.role === 'manager');
  const toast = useAppStore((s) => s.toast);
  const [reserve, setReserve] = useState<CardReserveState | null>(null);
  const [size, setSize] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = (): void => {
      call('cards.reserve', {})
        .then((r) => {
          setReserve(r);
          setSize((s) => (s === '' ? String(r.target) : s));
        })
        .catch((err: unknown) => setError(errorText(err)));
    };
    load();
    let syncing = false;
    return on('app.status', (s) => {
      if (syncing && !s.syncing) load();
      syncing = s.syncing;
    });
  }, []);

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const n = Number(size);
    if (!/^\d+$/.test(size.trim()) || n > 10_000) {
      setError('The reserve size is 0 to 10,000 cards.');
      return;
    }
    setError(null);
    try {
      const r = await call('cards.setReserveSize', { size: n });
      setReserve(r);
      setSize(String(r.target));
      toast('ok', `PIN reserve size set to ${r.target.toLocaleString()}`);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <form className="card form reserve-panel" onSubmit={(e) => void save(e)} data-testid="reserve-panel">
      <h2>PIN reserve</h2>
      <p className="muted">
        Card serials and PINs made by the server in advance, so a manager can generate a series while offline
        (its cards are not yet valid until it syncs).
      </p>
      {reserve ? (
        <dl className="facts">
          <dt>Free</dt>
          <dd data-testid="reserve-free">{reserve.free.toLocaleString()}</dd>
          <dt>Target size</dt>
          <dd data-testid="reserve-target">{reserve.target.toLocaleString()}</dd>
          <dt>Series prefix</dt>
          <dd data-testid="reserve-prefix">{reserve.prefix ?? '— (empty)'}</dd>
          <dt>PIN length</dt>
          <dd>{reserve.pinLength ?? '—'}</dd>
          <dt>Last filled</dt>
          <dd>{reserve.lastFilledAt ? formatLocalTime(reserve.lastFilledAt) : 'never'}</dd>
        </dl>
      ) : null}
      {isManager ? (
        <div className="inline-form">
          <label>
            Keep this many cards ready (0 to 10,000)
            <input
              value={size}
              onChange={(e) => setSize(e.target.value.replace(/\D/g, '').slice(0, 5))}
              inputMode="numeric"
              data-testid="reserve-size"
            />
          </label>
          <button type="submit" className="btn btn-primary" data-testid="reserve-save">
            Save size
          </button>
        </div>
      ) : (
        <p className="muted">Only a manager can change the reserve size.</p>
      )}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
