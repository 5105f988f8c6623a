import { useCallback, useEffect, useState } from 'react';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { currentL10n } from '../../i18n/locale-store';
import { useAppStore } from '../../store/app-store';

/** How long a revealed PIN stays on screen. */
export const REVEAL_SECONDS = 20;

/** A PIN on screen and until when. */
export interface RevealedPin {
  readonly pin: string;
  readonly until: number;
}

/**
 * PINs a manager revealed (`cards.revealPin`, audited), each shown for REVEAL_SECONDS then masked again; `now` ticks
 * each second while any is shown, for the countdown.
 */
export function useRevealedPins() {
  const toast = useAppStore((s) => s.toast);
  const [revealed, setRevealed] = useState<ReadonlyMap<string, RevealedPin>>(new Map());
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (revealed.size === 0) return;
    const timer = setInterval(() => {
      const t = Date.now();
      setNow(t);
      setRevealed((cur) => {
        const left = [...cur].filter(([, r]) => r.until > t);
        return left.length === cur.size ? cur : new Map(left);
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [revealed.size]);

  const reveal = useCallback(
    (cardId: string) => {
      call('cards.revealPin', { cardId })
        .then(({ pin }) => {
          const t = Date.now();
          setNow(t);
          setRevealed((cur) => new Map(cur).set(cardId, { pin, until: t + REVEAL_SECONDS * 1000 }));
        })
        .catch((err: unknown) =>
          toast('bad', currentL10n().m.cards.table.revealFailed({ reason: errorText(err) })),
        );
    },
    [toast],
  );
  const hide = useCallback((cardId: string) => {
    setRevealed((cur) => {
      const next = new Map(cur);
      next.delete(cardId);
      return next;
    });
  }, []);

  return { revealed, now, reveal, hide };
}
