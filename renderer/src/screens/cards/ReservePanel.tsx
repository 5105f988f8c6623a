import { useEffect, useState, type FormEvent } from 'react';
import type { CardReserveState } from '../../../../core/contract/types/cards';
import { call, on } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { formatLocalTime } from '../../format/local-time';
import { currentL10n, useL10n } from '../../i18n/locale-store';
import { useAppStore } from '../../store/app-store';
import '../../styles/cards.css';

/** Most cards the reserve may be asked to keep. */
const MAX_RESERVE_SIZE = 10_000;

/**
 * Settings' "PIN reserve" panel: server-minted serial + PIN pairs this terminal holds for series made offline. Shows
 * free/target/prefix; a manager sets the size (the next sync round fills it).
 */
export function ReservePanel() {
  const { m, fmt } = useL10n();
  const t = m.cards.reserve;
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
    if (!/^\d+$/.test(size.trim()) || n > MAX_RESERVE_SIZE) {
      setError(t.badSize({ max: fmt.count(MAX_RESERVE_SIZE) }));
      return;
    }
    setError(null);
    try {
      const r = await call('cards.setReserveSize', { size: n });
      setReserve(r);
      setSize(String(r.target));
      const now = currentL10n();
      toast('ok', now.m.cards.reserve.sizeSet({ size: now.fmt.count(r.target) }));
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <form className="card form reserve-panel" onSubmit={(e) => void save(e)} data-testid="reserve-panel">
      <h2>{t.title}</h2>
      <p className="muted">{t.intro}</p>
      {reserve ? (
        <dl className="facts">
          <dt>{t.free}</dt>
          <dd data-testid="reserve-free">{fmt.count(reserve.free)}</dd>
          <dt>{t.target}</dt>
          <dd data-testid="reserve-target">{fmt.count(reserve.target)}</dd>
          <dt>{t.prefix}</dt>
          <dd data-testid="reserve-prefix">{reserve.prefix ?? t.emptyPrefix}</dd>
          <dt>{t.pinLength}</dt>
          <dd>{reserve.pinLength ?? '—'}</dd>
          <dt>{t.lastFilled}</dt>
          <dd>{reserve.lastFilledAt ? formatLocalTime(reserve.lastFilledAt) : t.never}</dd>
        </dl>
      ) : null}
      {isManager ? (
        <div className="inline-form">
          <label>
            {t.size({ max: fmt.count(MAX_RESERVE_SIZE) })}
            <input
              value={size}
              onChange={(e) => setSize(e.target.value.replace(/\D/g, '').slice(0, 5))}
              inputMode="numeric"
              data-testid="reserve-size"
            />
          </label>
          <button type="submit" className="btn btn-primary" data-testid="reserve-save">
            {t.save}
          </button>
        </div>
      ) : (
        <p className="muted">{t.managerOnly}</p>
      )}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
