import type { AppServices } from '../../../../main/app/app-services';
import type { EventMessage } from '../../../../core/contract/events';

/** Resolves with the first event matching `pred` (rejects after `timeoutMs`). */
export function waitForEvent(
  services: AppServices,
  pred: (m: EventMessage) => boolean,
  timeoutMs = 15_000,
): Promise<EventMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('timed out waiting for event'));
    }, timeoutMs);
    const off = services.events.subscribe((m) => {
      if (!pred(m)) return;
      clearTimeout(timer);
      off();
      resolve(m);
    });
  });
}
