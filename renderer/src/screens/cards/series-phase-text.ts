import type { CardSeriesJob } from '../../../../core/contract/types/cards';
import type { Localization } from '../../../../core/i18n/catalog';
import { currentL10n } from '../../i18n/locale-store';

/** What a job is doing, in words of the window's language. */
export function phaseText(job: CardSeriesJob, { m }: Pick<Localization, 'm'> = currentL10n()): string {
  const t = m.cards.progress;
  if (job.state === 'failed') return t.failed({ reason: job.error?.message ?? t.unknownError });
  if (job.state === 'done') return job.offline ? t.doneOffline : t.done;
  switch (job.phase) {
    case 'minting':
      return t.minting;
    case 'storing':
      return t.storing;
    case 'drawing':
      return t.drawing;
  }
}
