/** Texts of the receipt area (English, the source language): what sale, refund and test receipts print. */
export const receipt = {
  /** The status line, in the customer's terms: what they get. */
  status: {
    confirmed: 'CONFIRMED ONLINE',
    queued: 'PAID - TOP-UP ON ITS WAY',
  },
  refundBanner: 'REFUND',
  refunded: 'REFUNDED - PACKAGE TAKEN BACK',
  printerTest: 'PRINTER TEST - NOT A SALE',
  copy: 'COPY',
  terminal: 'Terminal',
  clerk: 'Clerk',
  time: 'Time',
  refund: 'Refund',
  originalSale: 'Original sale',
  sold: 'Sold',
  sale: 'Sale',
  /** A sold line: "2 x USD 1,250.50". */
  quantityTimesPrice: (p: { quantity: string; unitPrice: string }) => `${p.quantity} x ${p.unitPrice}`,
  account: 'Account',
  total: 'TOTAL',
  cashBack: 'CASH BACK',
  tendered: 'Tendered',
  change: 'Change',
  /** The one line of a printer test page. */
  testPageLine: (p: { paper: string }) =>
    `Test page, ${p.paper} paper: this text and the barcode below should be sharp`,
  /** The PDF's title. */
  documentTitle: (p: { number: string }) => `Receipt ${p.number}`,
  documentTitleCopy: (p: { number: string }) => `Receipt ${p.number} (COPY)`,
  noPrinter: 'No receipt printer is configured. Choose one in Settings.',
  noRefund: 'This sale has no refund done at this terminal.',
  stillPending: 'This sale is still waiting for the server; print once it is confirmed or queued.',
  notCompleted: 'This sale was not completed (refused or reversed): no receipt prints for it.',
};
