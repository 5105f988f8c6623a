import { z } from 'zod';

/** A journal entry kind as the history filter names it (sale, sale_refund, credit_purchase, ...). */
export const journalKindSchema = z.string().regex(/^[a-z_]{1,40}$/, 'a kind is lowercase letters and _');

/**
 * The wallet history's filters (the Wallet screen, its CSV export and `GET /v1/terminal/journal`): a journal kind and
 * a half-open UTC range [from, to). Every filter narrows; none means the whole history.
 */
export const walletHistoryFilter = z.object({
  kind: journalKindSchema.optional(),
  from: z.iso
    .datetime({ offset: true })
    .transform((t) => new Date(t).toISOString())
    .optional(),
  to: z.iso
    .datetime({ offset: true })
    .transform((t) => new Date(t).toISOString())
    .optional(),
});

/** The filters as a handler receives them. */
export type WalletHistoryFilter = z.output<typeof walletHistoryFilter>;
