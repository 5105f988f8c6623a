import { event } from './define';
import type { CardSeriesJob, RedemptionItem, SheetPrintJob } from './types/cards';
import type { AppStatus } from './types/status';
import type { CommandRejectedEvent } from './types/sync';
import type { UpdateState } from './types/updates';
import type { WalletNoticeItem } from './types/wallet';

/** Events main pushes to the renderer, each with its payload type. */
export const events = {
  /** The status bar's state changed (online, pending count, last sync, session). */
  'app.status': event<AppStatus>(),
  /** The server rejected a command; its local effect was reversed (tell the clerk, show it on the Sync screen). */
  'sync.rejected': event<CommandRejectedEvent>(),
  /** A series job moved (progress bar of the series form). */
  'cards.seriesProgress': event<CardSeriesJob>(),
  /** A voucher sheet moved (progress bar of the print dialog). */
  'cards.printProgress': event<SheetPrintJob>(),
  /** A queued redemption got its result from the server (tell the clerk). */
  'cards.redemptionSettled': event<RedemptionItem>(),
  /** The app's update changed phase (e.g. a verified update is ready for a manager to install). */
  'updates.state': event<UpdateState>(),
  /** A wallet notice (balance alert, auto top-up) arrived on the change feed and was stored (toast on any screen). */
  'wallet.notice': event<WalletNoticeItem>(),
} as const;

/** The map's type. */
export type Events = typeof events;
/** Every event name. */
export type EventName = keyof Events;
/** The payload of event K. */
export type EventPayload<K extends EventName> = NonNullable<Events[K]['payload']>;
/** A message as it crosses a boundary: which event, and its payload. */
export type EventMessage = {
  [K in EventName]: { readonly name: K; readonly payload: EventPayload<K> };
}[EventName];
/** The event names as a run-time list. */
export const eventNames = Object.keys(events) as EventName[];

/** True when `name` is an event of the contract. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
