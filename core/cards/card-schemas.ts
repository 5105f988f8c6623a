import { z } from 'zod';
import {
  accountNumberSchema,
  cardStatusSchema,
  cardViewSchema,
  currencySchema,
  isoTimeSchema,
  minorUnitsSchema,
  uuidSchema,
} from '../sync/protocol';
import { DEFAULT_PIN_LENGTH, MAX_PIN_LENGTH, MIN_PIN_LENGTH } from './card-pin';
import { SERIES_PREFIX_PATTERN } from './card-serial';

/** Most cards one series request may mint. */
export const MAX_SERIES_QUANTITY = 100_000;

export { cardStatusSchema, cardViewSchema };
/** The status of a top-up card. */
export type CardStatus = z.infer<typeof cardStatusSchema>;

/** A request to mint a series of cards (the owner is the caller's reseller unless given). */
export const mintSeriesRequestSchema = z
  .object({
    /**
     * The series id the caller made (UUIDv7): repeating a request with it answers the series already minted instead of
     * minting (and charging) twice. Absent: the server makes one.
     */
    seriesId: uuidSchema.optional(),
    amount: minorUnitsSchema.refine((n) => n > 0, 'must be greater than zero'),
    currency: currencySchema,
    quantity: z.number().int().min(1).max(MAX_SERIES_QUANTITY),
    prefix: z.string().regex(SERIES_PREFIX_PATTERN, 'a series prefix is 1 to 6 digits, not starting with 0'),
    pinLength: z.number().int().min(MIN_PIN_LENGTH).max(MAX_PIN_LENGTH).default(DEFAULT_PIN_LENGTH),
    ownerId: uuidSchema.optional(),
    expiresAt: isoTimeSchema,
    /** Days the redeemed credits stay valid on the customer's wallet; null or absent: they never expire. */
    grantValidityDays: z.number().int().min(1).max(3650).nullable().optional(),
  })
  .strict();
/** A request to mint a series of cards. */
export type MintSeriesRequest = z.input<typeof mintSeriesRequestSchema>;

/** What minting a series answers (no PINs: they are revealed only for printing). */
export const mintSeriesResultSchema = z.object({
  seriesId: uuidSchema,
  ownerId: uuidSchema,
  prefix: z.string(),
  quantity: z.number().int(),
  firstSerial: z.string(),
  lastSerial: z.string(),
  amount: minorUnitsSchema,
  currency: currencySchema,
  totalValue: minorUnitsSchema,
  entryId: uuidSchema,
  balance: minorUnitsSchema,
  expiresAt: isoTimeSchema,
});
/** What minting a series answers. */
export type MintSeriesResult = z.infer<typeof mintSeriesResultSchema>;

/**
 * A PIN as typed: the route takes any short string so that a malformed PIN gets the same generic answer as a wrong
 * one (and never an input-validation error that could echo it).
 */
const typedPinSchema = z.string().max(64);
/** A serial as typed or scanned (checked by the redemption, not by the schema, for the same reason). */
const typedSerialSchema = z.string().max(64);

/** A clerk's redemption at a terminal: the customer's account, then the PIN (and the scanned serial). */
export const terminalRedeemRequestSchema = z
  .object({ customerAccount: accountNumberSchema, pin: typedPinSchema, serial: typedSerialSchema.optional() })
  .strict();
/** A customer's own redemption: the PIN, and the serial when scanned. */
export const customerRedeemRequestSchema = z
  .object({ pin: typedPinSchema, serial: typedSerialSchema.optional() })
  .strict();

/** A successful redemption. */
export const redeemResultSchema = z.object({
  cardId: uuidSchema,
  serial: z.string(),
  amount: minorUnitsSchema,
  currency: currencySchema,
  customerId: uuidSchema,
  grantId: uuidSchema,
  entryId: uuidSchema,
  activatedAt: isoTimeSchema,
  walletBalance: minorUnitsSchema,
});
/** A successful redemption. */
export type RedeemResult = z.infer<typeof redeemResultSchema>;

/** The one error code of every failed redemption (unknown, used, expired, void, wrong serial, malformed). */
export const CARD_REDEEM_FAILED_CODE = 'card_redeem_failed';
/** The error code while too many failures lock a terminal, customer or address; details carry the wait. */
export const CARD_REDEEM_LOCKED_CODE = 'card_redeem_locked';

/** A card as the cards table shows it. */
export type CardView = z.infer<typeof cardViewSchema>;

/** The advanced search of the cards table; every field narrows the set, none means every visible card. */
export const cardFilterSchema = z
  .object({
    status: cardStatusSchema.optional(),
    seriesId: uuidSchema.optional(),
    prefix: z.string().regex(SERIES_PREFIX_PATTERN).optional(),
    serialFrom: z.string().max(32).optional(),
    serialTo: z.string().max(32).optional(),
    amount: z.coerce.number().int().positive().optional(),
    ownerId: uuidSchema.optional(),
    createdFrom: isoTimeSchema.optional(),
    createdTo: isoTimeSchema.optional(),
    expiresFrom: isoTimeSchema.optional(),
    expiresTo: isoTimeSchema.optional(),
  })
  .strict();
/** The advanced search of the cards table. */
export type CardFilter = z.infer<typeof cardFilterSchema>;

/** Most cards one delete may name by id. */
export const MAX_CARD_IDS = 100_000;

/** Which cards a mass edit or delete names: by id, by filter, or all the caller sees. */
export const cardTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ids'), ids: z.array(uuidSchema).min(1).max(MAX_CARD_IDS) }).strict(),
  z.object({ kind: z.literal('filter'), filter: cardFilterSchema }).strict(),
  z.object({ kind: z.literal('all') }).strict(),
]);

/**
 * A delete of cards: by id, by filter, or all the caller sees; `confirm` must be the literal `delete` (the UI asks the
 * user to type it). Only cards never redeemed go; the face value of new ones returns to their owner's credits.
 */
export const deleteCardsRequestSchema = z
  .object({
    target: cardTargetSchema,
    confirm: z.literal('delete'),
  })
  .strict();

/** What a delete did: cards removed, value returned (per currency), and what was skipped and why. */
export const deleteCardsResultSchema = z.object({
  deleted: z.number().int(),
  returnedValue: minorUnitsSchema,
  skipped: z.object({ activated: z.number().int() }),
  entryIds: z.array(uuidSchema),
});
/** What a delete did. */
export type DeleteCardsResult = z.infer<typeof deleteCardsResultSchema>;

/**
 * A mass edit of cards: each field `preserve` or `set` to a value. Only new, unexpired cards change. A new owner (this
 * reseller or one of its affiliates) takes the cards with their value: the former owner's credits get it back and
 * the new owner's pay it, as at minting.
 */
export const editCardsRequestSchema = z
  .object({
    target: cardTargetSchema,
    expiresAt: z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('preserve') }).strict(),
      z.object({ mode: z.literal('set'), value: isoTimeSchema }).strict(),
    ]),
    ownerId: z
      .discriminatedUnion('mode', [
        z.object({ mode: z.literal('preserve') }).strict(),
        z.object({ mode: z.literal('set'), value: uuidSchema }).strict(),
      ])
      .default({ mode: 'preserve' }),
  })
  .strict();

/** What a mass edit did: how many cards changed and how many were skipped, by reason. */
export const editCardsResultSchema = z.object({
  changed: z.number().int(),
  skipped: z.object({
    activated: z.number().int(),
    expired: z.number().int(),
    void: z.number().int(),
    /** Already the new owner's, with nothing else to change. */
    sameOwner: z.number().int(),
    /** The new owner has a card with the same serial. */
    serialTaken: z.number().int(),
    /** The new owner keeps its credits in another currency. */
    otherCurrency: z.number().int(),
  }),
});
/** What a mass edit did. */
export type EditCardsResult = z.infer<typeof editCardsResultSchema>;

/** Most unused reserve pairs one terminal may hold. */
export const MAX_RESERVE_HELD = 10_000;

/**
 * A terminal's request to top up its PIN reserve by `add` new pairs (0: only list what it holds) of the given series
 * prefix and PIN length, after destroying the pairs it releases. The answer lists every pair the terminal holds, so a
 * lost answer loses nothing.
 */
export const reserveRequestSchema = z
  .object({
    add: z.number().int().min(0).max(MAX_RESERVE_HELD),
    prefix: z.string().regex(SERIES_PREFIX_PATTERN, 'a series prefix is 1 to 6 digits, not starting with 0'),
    pinLength: z.number().int().min(MIN_PIN_LENGTH).max(MAX_PIN_LENGTH).default(DEFAULT_PIN_LENGTH),
    /** Pairs the terminal gives up (drawn into a batch the server rejected): destroyed, never to be activated. */
    release: z.array(uuidSchema).max(MAX_RESERVE_HELD).default([]),
  })
  .strict();

/** A serial + PIN pair, as handed to the terminal that holds it or prints it. */
export const cardPinPairSchema = z.object({
  id: uuidSchema,
  serial: z.string(),
  pin: z.string(),
  pinLength: z.number().int(),
});
/** A serial + PIN pair. */
export type CardPinPair = z.infer<typeof cardPinPairSchema>;

/** Every reserve pair a terminal holds, in serial order. */
export const reserveResponseSchema = z.object({ pairs: z.array(cardPinPairSchema) });
