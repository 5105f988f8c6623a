import type { PluralForms } from '../plural';

/** Texts of the redeem area (English, the source language): the Redeem screen, its results and notices. */
export const redeem = {
  account: '1. Customer account',
  accountPlaceholder: 'Phone / account number',
  pin: '2. Card PIN',
  pinLabel: 'Card PIN',
  pinDigits: { one: '{n} digit', other: '{n} digits' } as PluralForms,
  pinHint: 'Digits only; spaces and dashes are ignored, paste works.',
  serial: '3. Serial (optional, scan the barcode)',
  redeeming: 'Redeeming…',
  locked: 'Locked',
  submit: 'Redeem',
  clear: 'Clear',
  offline: 'Offline: a redemption is queued and checked when the terminal is back online.',
  enterAccount: 'Enter the customer’s account number first',
  typePin: (p: { min: string }) => `Type the card’s PIN (at least ${p.min} digits)`,
  recent: {
    title: 'Recent redemptions',
    none: 'None yet at this terminal.',
    timeCustomer: 'Time · customer',
    cardAmount: 'Card · amount',
    result: 'Result',
    checkedLater: 'checked when back online',
    state: {
      pending: 'Pending',
      redeemed: 'Redeemed',
      failed: 'Failed',
    },
  },
  result: {
    redeemed: (p: { amount: string }) => `Redeemed ${p.amount}`,
    /** "Card <serial> credited to <account>." */
    card: 'Card',
    creditedTo: 'credited to',
    walletNow: 'Wallet balance now',
    queued: 'Queued',
    queuedBody: (p: { account: string }) =>
      `The card will be checked when the terminal is back online; the customer’s credit (${p.account}) appears then.`,
    notRedeemed: 'Not redeemed',
    lockedTitle: 'Locked: too many failed attempts',
    /** Followed by the countdown and a full stop. */
    lockedBody: 'Redeeming is paused for this customer and terminal. Try again in',
  },
  settled: {
    redeemed: (p: { account: string; amount: string }) =>
      `Queued card for ${p.account} redeemed: ${p.amount} credited.`,
    redeemedCard: (p: { account: string; amount: string; serial: string }) =>
      `Queued card for ${p.account} redeemed: ${p.amount} credited (card ${p.serial}).`,
    notRedeemed: (p: { account: string; why: string }) =>
      `Queued card for ${p.account} not redeemed: ${p.why}.`,
    defaultWhy: 'the card could not be redeemed',
  },
};
