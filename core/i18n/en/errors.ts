/**
 * Texts of the errors area (English, the source language): what a clerk reads for an error code. Keys are the codes
 * in camelCase (`host_unreachable` -> `hostUnreachable`).
 */
export const errors = {
  /** Codes whose message from the local service or the server is not meant for a clerk: this text, in every language. */
  replaced: {
    hostUnreachable: 'The Refill Desk service is not answering. Restart the app.',
    unauthorized:
      'This page’s session token is missing or from an earlier start. Open the address that `npm run web` printed (it ends with #token=…).',
    signedOut: 'You were signed out. Sign in again to continue.',
    invalidCredentials: 'Wrong PIN. Try again.',
    internal: 'Something went wrong. The error was logged.',
    cardRedeemFailed:
      'This card cannot be redeemed. Check the PIN (and the serial, if scanned) and try again, or ask for another card.',
    cardRedeemLocked: 'Too many failed attempts: redeeming is paused for a while.',
    tooManyPending:
      'Too many redemptions are already waiting for the server for this customer or terminal. Wait until the terminal is back online.',
    reserveTooSmall:
      'Offline, and the PIN reserve holds fewer cards than asked. Ask for fewer cards, or wait until the terminal is online.',
    pinNotHeld: 'This terminal does not hold this card’s PIN (it was made elsewhere).',
  },
  /**
   * Codes a clerk commonly meets, and the reasons a sale is refused or rejected. The local service and the server
   * write their messages in English, often with the details (which clerk, how many minutes): in English those
   * messages are shown; in any other language this text is.
   */
  byCode: {
    notFound: 'It was not found: it may have been removed or not synced yet.',
    invalidInput: 'Some of what was entered is not valid. Check the fields and try again.',
    forbidden: 'Your role does not allow this. Ask a manager.',
    notEnrolled: 'This terminal is not enrolled yet.',
    alreadyEnrolled: 'This terminal is already enrolled.',
    enrollmentCodeInvalid: 'The enrollment code is not valid or was already used.',
    invalidApiUrl: 'The central API address is not valid.',
    demoUnavailable: 'The demo terminal is not available.',
    conflict: 'This changed meanwhile. Reload and try again.',
    offline: 'The central API cannot be reached; this needs a connection.',
    terminalBlocked: 'This terminal is blocked by the central API: no sales until this is resolved.',
    clerkLocked: 'Too many wrong PINs. Wait a while and try again.',
    clerkNameTaken: 'There is already a clerk with this name.',
    invalidPin: 'The PIN is not valid.',
    invalidQuantity: 'The quantity is not valid.',
    invalidAmount: 'The amount is not valid.',
    packageNotFound: 'This package is not in the catalog.',
    packageInactive: 'This package is no longer sold.',
    currencyMismatch: 'This package is in another currency.',
    priceMismatch: 'The price of this package changed. Choose it again.',
    catalogChanged: 'The catalog changed. Choose the package again.',
    insufficientTender: 'The amount tendered is less than the price.',
    insufficientCredits: 'Not enough credits.',
    insufficientBalance: 'Not enough credit left (last known balance minus pending sales).',
    insufficientFunds: 'Not enough money in the wallet.',
    stockShort: 'Not enough stock left of this package here.',
    stockExceeded: 'More than this terminal’s stock of this package.',
    saleIdReused: 'The previous attempt already went through. Check it in Sales before selling again.',
    clockWrong: 'This terminal’s clock is wrong. Set the date and time, then sell again.',
    offlinePerSaleLimit: 'This sale is above the offline per-sale limit.',
    offlineTotalLimit: 'The total of offline sales waiting to sync would exceed the terminal limit.',
    offlineSyncTooOld: 'The last sync is too long ago: offline sales are blocked until the terminal syncs.',
    offlineClockBehind: 'This terminal’s clock is behind its last sync: offline sales are blocked.',
    offlineClockWrong: 'This terminal’s clock is off from the server’s; fix the clock to sell offline.',
    offlineNeverSynced: 'This terminal has not synced yet; offline sales are not allowed.',
    floorLimitExceeded: 'The offline limits were exceeded.',
    refundRefused: 'This sale cannot be refunded.',
    shiftRequired: 'Open a shift first.',
    noOpenShift: 'No shift is open.',
    shiftOpen: 'A shift is already open.',
    noPrinter: 'No printer is chosen. Choose one in Settings.',
    printerNotFound: 'The printer was not found. Check it in Settings.',
    printFailed: 'Printing failed. Check the printer and try again.',
    printServiceUnavailable: 'The print service is not available.',
    rateLimited: 'Too many requests. Wait a moment and try again.',
  },
};
