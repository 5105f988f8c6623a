import type { CardSeriesJob } from '../../../../core/contract/types/cards';
import { phaseText } from './series-jobs';

/** One series job: phase in words, a progress bar, and the count done. */
export function SeriesProgress({ job, onDismiss }: { job: CardSeriesJob; onDismiss?: () => void }) {
  const pct = job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : 0;
  return (
    <div className={`series-progress series-${job.state}`} data-testid="series-progress" role="status">
      <div className="series-progress-head">
        <strong data-testid="series-phase">{phaseText(job)}</strong>
        <span className="muted" data-testid="series-count">
          {job.done.toLocaleString()} / {job.total.toLocaleString()} cards
          {job.firstSerial && job.state === 'done' ? ` · ${job.firstSerial} to ${job.lastSerial}` : ''}
        </span>
        {onDismiss && job.state !== 'running' ? (
          <button type="button" className="btn btn-plain" onClick={onDismiss} aria-label="Dismiss">
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
        aria-label="Series progress"
      >
        <div className="progress-bar" style={{ width: `${job.state === 'done' ? 100 : pct}%` }} />
      </div>
    </div>
  );
}
