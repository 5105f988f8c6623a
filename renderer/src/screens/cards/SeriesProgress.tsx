import type { CardSeriesJob } from '../../../../core/contract/types/cards';
import { useL10n } from '../../i18n/locale-store';
import { phaseText } from './series-phase-text';

/** One series job: phase in words, a progress bar, and the count done. */
export function SeriesProgress({ job, onDismiss }: { job: CardSeriesJob; onDismiss?: () => void }) {
  const l10n = useL10n();
  const { fmt } = l10n;
  const t = l10n.m.cards.progress;
  const pct = job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : 0;
  return (
    <div className={`series-progress series-${job.state}`} data-testid="series-progress" role="status">
      <div className="series-progress-head">
        <strong data-testid="series-phase">{phaseText(job, l10n)}</strong>
        <span className="muted" data-testid="series-count">
          {t.count({ done: fmt.count(job.done), total: fmt.count(job.total) })}
          {job.firstSerial && job.state === 'done'
            ? t.range({ first: job.firstSerial, last: job.lastSerial ?? '' })
            : ''}
        </span>
        {onDismiss && job.state !== 'running' ? (
          <button type="button" className="btn btn-plain" onClick={onDismiss} aria-label={t.dismiss}>
            ✕
          </button>
        ) : null}
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={job.total}
        aria-valuenow={job.done}
        aria-label={t.label}
      >
        <div className="progress-bar" style={{ width: `${job.state === 'done' ? 100 : pct}%` }} />
      </div>
    </div>
  );
}
