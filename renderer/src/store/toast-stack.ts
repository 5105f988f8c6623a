/** A short message shown at the bottom right of the window (sale done, command rejected, ...). */
export interface Toast {
  readonly id: number;
  readonly tone: 'ok' | 'warn' | 'bad';
  readonly text: string;
  /** `answer`: to something the clerk just did; `notice`: news a sync brought (a rejection, a wallet notice). */
  readonly kind: 'answer' | 'notice';
}

/** How many toasts show at once: enough that a background notice never hides the answer to what the clerk just did. */
export const MAX_TOASTS = 3;

/**
 * The toasts after `toast` arrives, newest first: a toast with the same text as one already shown takes its place
 * (so a repeated notice does not stack). Beyond `max` the oldest notice leaves first, so a sync round's notices never
 * push out the answer to what the clerk just did; answers leave, oldest first, only when no notice is left to go.
 */
export function pushToast(shown: readonly Toast[], toast: Toast, max = MAX_TOASTS): readonly Toast[] {
  const next = [toast, ...shown.filter((t) => t.text !== toast.text)];
  while (next.length > max) {
    const oldestNotice = next.map((t) => t.kind).lastIndexOf('notice');
    next.splice(oldestNotice > 0 ? oldestNotice : next.length - 1, 1);
  }
  return next;
}

/** How long a toast stays unless clicked away: confirmations briefly, warnings and refusals longer. */
export function toastLifetimeMs(tone: Toast['tone']): number {
  return tone === 'ok' ? 4000 : 8000;
}
