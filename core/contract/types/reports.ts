/** One package's line of the sales report. */
export interface ReportPackageRow {
  readonly packageId: string;
  readonly packageName: string;
  readonly count: number;
  readonly quantity: number;
  readonly amount: number;
}

/** One clerk's line of the sales report. */
export interface ReportClerkRow {
  readonly clerkId: string | null;
  readonly clerkName: string;
  readonly count: number;
  readonly amount: number;
  readonly refundCount: number;
  readonly refundAmount: number;
}

/** Sales of one hour (UTC hour start, ISO): the screen places it at its local hour. */
export interface ReportHourRow {
  readonly hour: string;
  readonly count: number;
  readonly amount: number;
}

/** One customer's line of the top customers. */
export interface ReportCustomerRow {
  readonly account: string;
  readonly count: number;
  readonly amount: number;
}

/** One refund of the range. */
export interface ReportRefundRow {
  readonly refundNumber: string;
  readonly saleNumber: string;
  readonly packageName: string;
  readonly refundedAt: string;
  readonly clerkName: string;
  readonly cashBack: number;
}

/** The Reports screen's figures for a range of this terminal's sales (`reports.sales`). */
export interface SalesReport {
  readonly from: string;
  readonly to: string;
  readonly currency: string;
  readonly totals: {
    readonly salesCount: number;
    readonly salesAmount: number;
    /** Sales honoured offline (queued under the floor limits), of the counted ones. */
    readonly offlineCount: number;
    readonly offlineAmount: number;
    /** Sales not sold (rejected by the server or refused at the counter). */
    readonly voidCount: number;
    readonly refundCount: number;
    readonly refundAmount: number;
  };
  readonly byPackage: readonly ReportPackageRow[];
  readonly byClerk: readonly ReportClerkRow[];
  readonly byHour: readonly ReportHourRow[];
  readonly topCustomers: readonly ReportCustomerRow[];
  readonly refunds: readonly ReportRefundRow[];
}
