/** A short message shown at the top of the window (sale done, command rejected, ...). */
export interface Toast {
  readonly id: number;
  readonly tone: 'ok' | 'warn' | 'bad';
  readonly text: string;
}

/** How many toasts show at once: enough that a background notice never hides the answer to what the clerk just did. */
export const MAX_TOASTS = 3;

/**
 * The toasts after `toast` arrives, newest first: a toast with the same text as one already shown takes its place
 * (so a repeated notice does not stack), and the oldest leave beyond `max`.
 */
export function pushToast(shown: readonly Toast[], toast: Toast, max = MAX_TOASTS): readonly Toast[] {
  return [toast, ...shown.filter((t) => t.text !== toast.text)].slice(0, max);
}

/** How long a toast stays unless clicked away: confirmations briefly, warnings and refusals longer. */
export function toastLifetimeMs(tone: Toast['tone']): number {
  return tone === 'ok' ? 4000 : 8000;
}
