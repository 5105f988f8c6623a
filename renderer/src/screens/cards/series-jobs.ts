import { create } from 'zustand';
import type { CardSeriesJob } from '../../../../core/contract/types/cards';
import { call, on } from '../../contract/contract-client';
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
  if (job.state === 'done') {
    const range = job.firstSerial ? ` (${job.firstSerial} to ${job.lastSerial})` : '';
    toast(
      'ok',
      `Series of ${job.total.toLocaleString()} cards ready${range}${job.offline ? ': not yet valid until synced' : ''}.`,
    );
  } else if (job.state === 'failed') {
    toast('bad', `Series not generated: ${job.error?.message ?? 'unknown error'}`);
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

/** What a job is doing, in words. */
export function phaseText(job: CardSeriesJob): string {
  if (job.state === 'failed') return `Failed: ${job.error?.message ?? 'unknown error'}`;
  if (job.state === 'done')
    return job.offline ? 'Done: drawn from the PIN reserve, not yet valid until synced' : 'Done';
  switch (job.phase) {
    case 'minting':
      return 'Minting on the server…';
    case 'storing':
      return 'Storing PINs (sealed) on this terminal…';
    case 'drawing':
      return 'Drawing from the PIN reserve (offline)…';
  }
}
