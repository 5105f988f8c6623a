import { create } from 'zustand';
import type { CardSeriesJob } from '../../../../core/contract/types/cards';
import { call, on } from '../../contract/contract-client';
import { currentL10n } from '../../i18n/locale-store';
import { useAppStore } from '../../store/app-store';

/** Series jobs started from this window, newest first, kept up to date by `cards.seriesProgress` (and polling). */
interface SeriesJobsState {
  readonly jobs: readonly CardSeriesJob[];
  /** Bumps when a job finishes (the cards table reloads). */
  readonly finished: number;
  track(job: CardSeriesJob): void;
  dismiss(jobId: string): void;
}

/** Newer news about a job wins; a finished job never goes back to running. */
function newer(cur: CardSeriesJob, next: CardSeriesJob): boolean {
  if (cur.state !== 'running') return false;
  return next.state !== 'running' || next.done >= cur.done;
}

/** The series jobs of this window (zustand): they outlive the Cards screen, so leaving it never stops one. */
export const useSeriesJobs = create<SeriesJobsState>((set, get) => ({
  jobs: [],
  finished: 0,
  track: (job) => {
    subscribe();
    const jobs = get().jobs;
    const cur = jobs.find((j) => j.jobId === job.jobId);
    if (cur && !newer(cur, job)) return;
    const done = cur?.state === 'running' && job.state !== 'running';
    set({
      jobs: cur ? jobs.map((j) => (j.jobId === job.jobId ? job : j)) : [job, ...jobs].slice(0, 5),
      finished: done ? get().finished + 1 : get().finished,
    });
    if (done) announce(job);
  },
  dismiss: (jobId) => set({ jobs: get().jobs.filter((j) => j.jobId !== jobId) }),
}));

function announce(job: CardSeriesJob): void {
  const toast = useAppStore.getState().toast;
  const { m, fmt } = currentL10n();
  const t = m.cards.progress;
  if (job.state === 'done') {
    const cards = fmt.counted(job.total, m.cards.cardCount);
    const first = job.firstSerial;
    const last = job.lastSerial ?? '';
    toast(
      'ok',
      first
        ? (job.offline ? t.readyRangeOffline : t.readyRange)({ cards, first, last })
        : (job.offline ? t.readyOffline : t.ready)({ cards }),
    );
  } else if (job.state === 'failed') {
    toast('bad', t.notGenerated({ reason: job.error?.message ?? t.unknownError }));
  }
}

let subscribed = false;
let poller: ReturnType<typeof setInterval> | null = null;

/** Listens to progress events once per window, and polls running jobs as a safety net for a missed event. */
function subscribe(): void {
  if (subscribed) return;
  subscribed = true;
  on('cards.seriesProgress', (job) => {
    const known = useSeriesJobs.getState().jobs.some((j) => j.jobId === job.jobId);
    if (known) useSeriesJobs.getState().track(job);
  });
  poller = setInterval(() => {
    for (const j of useSeriesJobs.getState().jobs) {
      if (j.state !== 'running') continue;
      call('cards.seriesJob', { jobId: j.jobId })
        .then((next) => useSeriesJobs.getState().track(next))
        .catch(() => undefined);
    }
  }, 2000);
}

/** For tests and hot reload: stop polling. */
export function stopSeriesJobPolling(): void {
  if (poller) clearInterval(poller);
  poller = null;
  subscribed = false;
}
