import { z } from 'zod';
import {
  cardFilterSchema,
  cardViewSchema,
  customerRedeemRequestSchema,
  deleteCardsRequestSchema,
  deleteCardsResultSchema,
  editCardsRequestSchema,
  editCardsResultSchema,
  mintSeriesRequestSchema,
  mintSeriesResultSchema,
  cardPinPairSchema,
  redeemResultSchema,
  reserveRequestSchema,
  reserveResponseSchema,
  terminalRedeemRequestSchema,
} from '../../core/cards/card-schemas';
import { fillReserve, seriesPinsForTerminal } from '../cards/card-reserve';
import { uuidSchema } from '../../core/sync/protocol';
import { deleteCards } from '../cards/card-deletion';
import { startCardExpiryJob } from '../cards/card-expiry';
import { editCards } from '../cards/card-mass-edit';
import { mintSeries, type MintRequester } from '../cards/card-minting';
import { listCards } from '../cards/card-queries';
import { redeemCard } from '../cards/card-redemption';
import { AppError } from '../../core/app-error';
import { registerZodRoute } from '../http/zod-route';
import { visibleResellerIds } from '../resellers/reseller-service';
import type { RouteDeps } from './route-deps';

const TERMINAL_REDEEM_URL = '/v1/terminal/cards/redeem';
const CUSTOMER_REDEEM_URL = '/v1/customer/cards/redeem';

/**
 * Top-up card routes: minting a series (operator, or a terminal for its reseller or an affiliate) and redeeming a
 * card (a clerk for a customer account, or the customer), and the terminal's PIN reserve. Card keys: `d.cardKeys`. Also starts the card expiry job
 * (`REFILL_CARD_EXPIRY_INTERVAL_MS`, default a minute; 0 turns it off), stopped when the server closes.
 */
export function registerCardRoutes(d: RouteDeps): void {
  const keys = d.cardKeys;
  // Expired cards return their value to the owner; every instance runs the job, which is safe to overlap.
  const expiryMs = Number(process.env.REFILL_CARD_EXPIRY_INTERVAL_MS ?? 60_000);
  if (Number.isFinite(expiryMs) && expiryMs > 0) {
    const job = startCardExpiryJob(d.db, expiryMs);
    d.app.addHook('onClose', () => job.stop());
  }

  const mint = (requester: MintRequester, ownerId: string, body: z.output<typeof mintSeriesRequestSchema>) =>
    mintSeriesFor(requester, ownerId, body).then((minted) => {
      d.wallet.afterDebit(ownerId); // committed: the owner's auto top-up rule runs in the background
      return minted;
    });
  const mintSeriesFor = (
    requester: MintRequester,
    ownerId: string,
    body: z.output<typeof mintSeriesRequestSchema>,
  ) =>
    mintSeries({ db: d.db, keys }, requester, {
      seriesId: body.seriesId?.toLowerCase() ?? null,
      amount: body.amount,
      currency: body.currency,
      quantity: body.quantity,
      prefix: body.prefix,
      pinLength: body.pinLength,
      ownerId,
      expiresAt: body.expiresAt,
      grantValidityDays: body.grantValidityDays ?? null,
    });

  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/operator/resellers/:id/card-series',
    summary:
      "Mint a series of top-up cards for a reseller (or its affiliate ownerId), paid from the owner's credits",
    tag: 'operator',
    auth: 'operator',
    status: 201,
    params: z.object({ id: uuidSchema }).strict(),
    body: mintSeriesRequestSchema,
    response: mintSeriesResultSchema,
    handler: ({ params, body }) => mint({ kind: 'operator' }, body.ownerId ?? params.id, body),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/terminal/cards/series',
    summary:
      "Mint a series of top-up cards owned by this reseller or an affiliate, paid from the owner's credits",
    tag: 'terminal',
    auth: 'terminal',
    status: 201,
    body: mintSeriesRequestSchema,
    response: mintSeriesResultSchema,
    handler: ({ body, auth }) => mint(auth, body.ownerId ?? auth.resellerId, body),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: TERMINAL_REDEEM_URL,
    summary:
      "Redeem a top-up card onto a customer's wallet (PIN alone, or scanned serial + PIN); every failure answers card_redeem_failed",
    tag: 'terminal',
    auth: 'terminal',
    body: terminalRedeemRequestSchema,
    response: redeemResultSchema,
    handler: ({ body, auth, ip }) =>
      redeemCard(
        d.db,
        keys,
        {
          resellerId: auth.resellerId,
          customer: { account: body.customerAccount },
          lockoutKeys: [
            { scope: 'terminal', key: `${auth.resellerId}:${auth.terminalId}` },
            { scope: 'customer', key: `${auth.resellerId}:${body.customerAccount}` },
            { scope: 'address', key: ip },
          ],
        },
        body,
      ),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: CUSTOMER_REDEEM_URL,
    summary:
      "Redeem a top-up card onto the caller's wallet (PIN alone, or serial + PIN); every failure answers card_redeem_failed",
    tag: 'customer',
    auth: 'customer',
    body: customerRedeemRequestSchema,
    response: redeemResultSchema,
    handler: async ({ body, auth, ip }) => {
      const rows = await d.db.query<{ account_number: string }>(
        'SELECT account_number FROM customers WHERE reseller_id = $1 AND id = $2',
        [auth.resellerId, auth.customerId],
      );
      // Same counter as a clerk's redemptions for this account, so the lockout holds on both paths.
      const account = rows[0]?.account_number ?? `id:${auth.customerId}`;
      return redeemCard(
        d.db,
        keys,
        {
          resellerId: auth.resellerId,
          customer: { customerId: auth.customerId },
          lockoutKeys: [
            { scope: 'customer', key: `${auth.resellerId}:${account}` },
            { scope: 'address', key: ip },
          ],
        },
        body,
      );
    },
  });

  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/terminal/cards/reserve',
    summary:
      "Top up this terminal's PIN reserve (unvalued serial + PIN pairs for offline series) and list every pair it holds",
    tag: 'terminal',
    auth: 'terminal',
    body: reserveRequestSchema,
    response: reserveResponseSchema,
    handler: async ({ body, auth }) => ({ pairs: await fillReserve(d.db, keys, auth, body) }),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/terminal/cards/series/:id/pins',
    summary:
      'The PINs of the new cards of a series this terminal minted (for its voucher printer), paged by serial',
    tag: 'terminal',
    auth: 'terminal',
    params: z.object({ id: uuidSchema }).strict(),
    query: z
      .object({
        after: z.string().max(32).optional(),
        limit: z.coerce.number().int().min(1).max(2_000).default(1_000),
      })
      .strict(),
    response: z.object({ pairs: z.array(cardPinPairSchema), hasMore: z.boolean() }),
    handler: ({ params, query, auth }) =>
      seriesPinsForTerminal(d.db, keys, auth, params.id, { after: query.after ?? null, limit: query.limit }),
  });

  /** The owners a terminal's card list or delete covers: its reseller and affiliates, or the one named among them. */
  const ownersFor = async (resellerId: string, ownerId: string | undefined): Promise<string[]> => {
    const visible = await visibleResellerIds(d.db, resellerId);
    if (ownerId === undefined) return visible;
    if (!visible.includes(ownerId.toLowerCase()))
      throw new AppError('forbidden', 'the owner must be this reseller or one of its affiliates');
    return [ownerId.toLowerCase()];
  };
  registerZodRoute(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/terminal/cards',
    summary: 'Cards of this reseller and its affiliates, filtered (never their PINs), in creation order',
    tag: 'terminal',
    auth: 'terminal',
    query: cardFilterSchema.extend({
      after: uuidSchema.optional(),
      limit: z.coerce.number().int().min(1).max(1_000).default(200),
    }),
    response: z.object({
      cards: z.array(cardViewSchema),
      cursor: uuidSchema.nullable(),
      hasMore: z.boolean(),
    }),
    handler: async ({ query, auth }) => {
      const { after, limit, ...filter } = query;
      return listCards(d.db, await ownersFor(auth.resellerId, filter.ownerId), filter, { after, limit });
    },
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/terminal/cards/delete',
    summary:
      "Delete cards never redeemed (by id, filter or all, confirm: 'delete'); new cards' value returns to their owner",
    tag: 'terminal',
    auth: 'terminal',
    body: deleteCardsRequestSchema,
    response: deleteCardsResultSchema,
    handler: async ({ body, auth }) => {
      const ownerId = body.target.kind === 'filter' ? body.target.filter.ownerId : undefined;
      return deleteCards(d.db, await ownersFor(auth.resellerId, ownerId), body.target);
    },
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/terminal/cards/edit',
    summary:
      'Mass edit cards (by id, filter or all): expiry and owner preserved or set; only new, unexpired cards change',
    tag: 'terminal',
    auth: 'terminal',
    body: editCardsRequestSchema,
    response: editCardsResultSchema,
    handler: async ({ body, auth }) => {
      const ownerId = body.target.kind === 'filter' ? body.target.filter.ownerId : undefined;
      // The new owner must be one the caller sees, as any owner it names.
      if (body.ownerId.mode === 'set') await ownersFor(auth.resellerId, body.ownerId.value);
      const edited = await editCards(d.db, keys, await ownersFor(auth.resellerId, ownerId), body.target, {
        expiresAt: body.expiresAt,
        ownerId: body.ownerId,
      });
      // Committed: a new owner paid for the cards it received; its auto top-up rule runs in the background.
      if (body.ownerId.mode === 'set') d.wallet.afterDebit(body.ownerId.value.toLowerCase());
      return edited;
    },
  });
}
