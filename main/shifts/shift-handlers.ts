import { AppError } from '../../core/app-error';
import type { ShiftReport } from '../../core/contract/types/shifts';
import type { SessionManager } from '../clerks/session-manager';
import type { HandlerSlice } from '../contract/handlers';
import type { PrintQueue } from '../printing/print-queue';
import { printLocalization } from '../printing/print-localization';
import type { SettingsStore } from '../settings/terminal-settings';
import type { TerminalIdentityStore } from '../terminal/terminal-identity-store';
import { renderShiftReportPdf, shiftReportFileName, type ShiftReportFrame } from './shift-report-pdf';
import type { ShiftService } from './shift-service';

/** What the shift handlers need. */
export interface ShiftHandlerDeps {
  readonly shifts: ShiftService;
  readonly session: SessionManager;
  readonly settings: SettingsStore;
  readonly identity: TerminalIdentityStore;
  readonly printQueue: PrintQueue;
}

/**
 * The Shift panel's calls: any signed-in clerk opens and closes the drawer, moves cash and prints X- and Z-reports (as
 * at a till); managers list past shifts and choose whether a sale needs an open shift.
 */
export function createShiftHandlers(
  d: ShiftHandlerDeps,
): HandlerSlice<
  | 'shifts.current'
  | 'shifts.open'
  | 'shifts.cashMove'
  | 'shifts.close'
  | 'shifts.report'
  | 'shifts.print'
  | 'shifts.list'
  | 'shifts.setRequireOpen'
> {
  const { session, shifts } = d;
  const frame = (): ShiftReportFrame => {
    const s = d.settings.get();
    const t = d.identity.require();
    return {
      shopName: s.shopName ?? t.resellerName,
      ...(s.shopAddress ? { shopAddress: s.shopAddress } : {}),
    };
  };
  const reportOf = (kind: 'X' | 'Z', shiftId: string | undefined): ShiftReport => {
    if (kind === 'X') return shifts.xReport(shiftId);
    if (!shiftId) throw new AppError('not_found', 'Name the closed shift whose Z-report to print.');
    return shifts.zReport(shiftId);
  };
  return {
    'shifts.current': () => {
      session.requireClerk();
      return shifts.state();
    },
    'shifts.open': ({ float, shiftId }) => shifts.open(session.requireClerk(), float, shiftId),
    'shifts.cashMove': ({ kind, amount, reason, moveId }) =>
      shifts.cashMove(session.requireClerk(), kind, amount, reason, moveId),
    'shifts.close': ({ shiftId, counted }) => shifts.close(session.requireClerk(), shiftId, counted),
    'shifts.report': async ({ kind, shiftId, paper }) => {
      session.requireClerk();
      const report = reportOf(kind, shiftId);
      const settings = d.settings.get();
      const pdf = await renderShiftReportPdf(
        report,
        frame(),
        paper ?? settings.paperWidth,
        printLocalization(settings),
      );
      return { pdfBase64: pdf.toString('base64'), fileName: shiftReportFileName(report), report };
    },
    'shifts.print': async ({ kind, shiftId }) => {
      session.requireClerk();
      const settings = d.settings.get();
      const l10n = printLocalization(settings);
      if (!settings.printerName) throw new AppError('no_printer', l10n.m.receipt.noPrinter);
      const report = reportOf(kind, shiftId);
      const pdf = await renderShiftReportPdf(report, frame(), settings.paperWidth, l10n);
      const job = await d.printQueue.printPdf(pdf, {
        printer: settings.printerName,
        title: kind === 'Z' ? `Z-report ${report.shift.zNumber}` : `X-report shift ${report.shift.number}`,
      });
      return { printer: job.printer, jobId: job.jobId, copy: false };
    },
    'shifts.list': ({ before, limit }) => {
      session.requireClerk('manager');
      return shifts.list(before, limit);
    },
    'shifts.setRequireOpen': ({ requireOpenShift }) => {
      session.requireClerk('manager');
      return shifts.setRequireOpenShift(requireOpenShift);
    },
  };
}
