import { createHash } from 'node:crypto';
import { AppError } from '../../core/app-error';
import type { CardsCsv } from '../../core/contract/types/cards';
import { onlineCall } from '../api-client/online-call';
import type { TerminalApiClient } from '../api-client/terminal-api-client';
import type { SessionManager } from '../clerks/session-manager';
import type { HandlerSlice } from '../contract/handlers';
import type { Clock } from '../ledger/ledger-types';
import type { SecretBox } from '../terminal/secret-box';
import type { CardRedeemService } from './card-redeem-service';
import type { CardReserveService } from './card-reserve-service';
import type { CardSeriesService } from './card-series-service';
import type { CardSheetService } from './card-sheet-service';
import type { CardStore, LocalCardFilter } from './card-store';
import type { SheetSettingsStore } from './sheet-settings-store';

/** What the Cards and Redeem screens' handlers need. */
export interface CardHandlerDeps {
  readonly store: CardStore;
  readonly series: CardSeriesService;
  readonly reserve: CardReserveService;
  readonly redeem: CardRedeemService;
  readonly sheets: CardSheetService;
  readonly sheetSettings: SheetSettingsStore;
  readonly session: SessionManager;
  readonly box: SecretBox;
  readonly api: () => TerminalApiClient | null;
  readonly syncNow: () => Promise<unknown>;
  readonly clock: Clock;
}

/** Which cards a mass edit or delete names, as the contract validated it. */
type Target = { kind: 'ids'; ids: readonly string[] } | { kind: 'filter'; filter: LocalCardFilter };

/**
 * Handlers for the Cards and Redeem screens. Reading the table, the reserve and revealing a PIN work offline (the
 * mirror and the sealed PINs are local); editing and deleting go to the central API (the authority for cards), by
 * card id, and the mirror follows with the next pull.
 */
export function createCardHandlers(
  d: CardHandlerDeps,
): HandlerSlice<
  | 'cards.list'
  | 'cards.createSeries'
  | 'cards.seriesJob'
  | 'cards.edit'
  | 'cards.delete'
  | 'cards.revealPin'
  | 'cards.exportCsv'
  | 'cards.reserve'
  | 'cards.setReserveSize'
  | 'cards.redeem'
  | 'cards.redemptions'
  | 'cards.printSheet'
  | 'cards.sheetJob'
  | 'cards.cancelSheet'
  | 'cards.sheetFile'
  | 'cards.discardSheet'
  | 'cards.sheetPreview'
  | 'cards.sheetSettings'
  | 'cards.setSheetSettings'
> {
  const { session, store } = d;
  const nowIso = (): string => new Date(d.clock()).toISOString();
  const idsOf = (target: Target): string[] =>
    target.kind === 'ids' ? target.ids.map((id) => id.toLowerCase()) : store.ids(target.filter, nowIso());
  /** Calls the central API, or says plainly that this needs it. */
  const online = <T>(what: string, call: (api: TerminalApiClient) => Promise<T>): Promise<T> =>
    onlineCall(d.api, what, call);
  return {
    'cards.list': ({ filter, offset, limit }) => {
      session.requireClerk();
      return store.list(filter, offset, limit, nowIso());
    },
    'cards.createSeries': (input) => {
      const clerk = session.requireClerk('manager');
      return d.series.start(input, clerk.id);
    },
    'cards.seriesJob': ({ jobId }) => {
      session.requireClerk();
      return d.series.job(jobId);
    },
    'cards.edit': async ({ target, expiresAt, ownerId }) => {
      session.requireClerk('manager');
      const ids = idsOf(target);
      if (ids.length === 0)
        return {
          changed: 0,
          skipped: { activated: 0, expired: 0, void: 0, sameOwner: 0, serialTaken: 0, otherCurrency: 0 },
        };
      const result = await online('Editing cards', (api) =>
        api.editCards({ target: { kind: 'ids', ids }, expiresAt, ownerId }),
      );
      await d.syncNow();
      return result;
    },
    'cards.delete': async ({ target, confirm }) => {
      session.requireClerk('manager');
      const ids = idsOf(target);
      if (ids.length === 0) return { deleted: 0, returnedValue: 0, skipped: { activated: 0 }, entryIds: [] };
      const result = await online('Deleting cards', (api) =>
        api.deleteCards({ target: { kind: 'ids', ids }, confirm }),
      );
      await d.syncNow();
      return result;
    },
    'cards.revealPin': ({ cardId }) => {
      const clerk = session.requireClerk('manager');
      const held = store.sealedPin(cardId.toLowerCase());
      if (!held)
        throw new AppError(
          'pin_not_held',
          "This terminal does not hold this card's PIN (another terminal made it).",
        );
      store.audit('reveal', cardId.toLowerCase(), 1, clerk.id, nowIso());
      return { serial: held.serial, pin: d.box.decrypt(held.pinSealed) };
    },
    'cards.exportCsv': ({ filter, includePins }) => {
      const clerk = session.requireClerk(includePins ? 'manager' : undefined);
      const header = [
        'serial',
        'amount_minor',
        'currency',
        'status',
        'validity',
        'expires_at',
        'created_at',
        'activated_at',
        'customer_id',
      ];
      if (includePins) header.push('pin');
      const lines = [header.join(',')];
      let count = 0;
      for (const c of store.iterate(filter, nowIso())) {
        const row = [
          c.serial,
          String(c.amount),
          c.currency,
          c.status,
          c.validity,
          c.expiresAt,
          c.createdAt,
          c.activatedAt ?? '',
          c.customerId ?? '',
        ];
        if (includePins) row.push(c.pinSealed ? d.box.decrypt(c.pinSealed) : '');
        lines.push(row.join(','));
        count += 1;
      }
      if (includePins) store.audit('export', null, count, clerk.id, nowIso());
      const csv = `${lines.join('\r\n')}\r\n`;
      const stamp = nowIso().replace(/[:.]/g, '-');
      const out: CardsCsv = {
        filename: `cards-${stamp}${includePins ? '-with-pins' : ''}.csv`,
        csv,
        sha256: createHash('sha256').update(csv, 'utf8').digest('hex'),
        count,
        withPins: includePins,
      };
      return out;
    },
    'cards.reserve': () => {
      session.requireClerk();
      return d.reserve.state();
    },
    'cards.setReserveSize': ({ size }) => {
      session.requireClerk('manager');
      const state = d.reserve.setSize(size);
      void d.syncNow();
      return state;
    },
    'cards.redeem': (input) => {
      const clerk = session.requireClerk();
      return d.redeem.redeem(input, clerk.id);
    },
    'cards.redemptions': ({ limit }) => {
      session.requireClerk();
      return d.redeem.recent(limit);
    },
    'cards.printSheet': (input) => {
      const clerk = session.requireClerk('manager');
      return d.sheets.start(input, clerk.id);
    },
    'cards.sheetJob': ({ jobId }) => {
      session.requireClerk('manager');
      return d.sheets.job(jobId);
    },
    'cards.cancelSheet': ({ jobId }) => {
      session.requireClerk('manager');
      return d.sheets.cancel(jobId);
    },
    'cards.sheetFile': ({ jobId, offset }) => {
      session.requireClerk('manager');
      return d.sheets.piece(jobId, offset);
    },
    'cards.sheetPreview': async ({ layout }) => {
      session.requireClerk('manager');
      return { pdfBase64: (await d.sheets.preview(layout)).toString('base64') };
    },
    'cards.sheetSettings': () => {
      session.requireClerk();
      return d.sheetSettings.view();
    },
    'cards.setSheetSettings': (patch) => {
      session.requireClerk('manager');
      return d.sheetSettings.update(patch, nowIso());
    },
    'cards.discardSheet': ({ jobId }) => {
      session.requireClerk('manager');
      return d.sheets.discard(jobId);
    },
  };
}
