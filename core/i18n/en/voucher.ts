/** Texts of the voucher area (English, the source language): what voucher cards print. */
export const voucher = {
  pin: 'PIN',
  /** Serial and expiry labels spelled out (10-up cards)... */
  serial: 'Serial',
  validUntil: 'Valid until',
  /** ...and short, where the card is small (labels, dense tickets). */
  serialShort: 'S/N',
  expiryShort: 'Exp.',
  /** The stamp on every card of a reprint. */
  copy: 'COPY',
  /** The stamp on every card of an offline batch the server has not accepted yet. */
  notYetValid: 'NOT YET VALID',
};
