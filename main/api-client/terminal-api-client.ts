import { z } from 'zod';
import {
  API_ERROR_HEADER,
  apiErrorSchema,
  customerLookupSchema,
  enrollResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  type CustomerLookup,
  type EnrollRequest,
  type EnrollResponse,
  type OutboxCommand,
  type PullResponse,
  type PushResponse,
} from '../../core/sync/protocol';
import {
  cardPinPairSchema,
  deleteCardsResultSchema,
  editCardsResultSchema,
  mintSeriesResultSchema,
  reserveResponseSchema,
  type CardPinPair,
  type DeleteCardsResult,
  type EditCardsResult,
  type MintSeriesRequest,
  type MintSeriesResult,
} from '../../core/cards/card-schemas';
import {
  refundAllowanceSchema,
  saleRefundSchema,
  type RefundAllowance,
  type SaleRefundAnswer,
} from '../../core/sales/refund-schemas';
import {
  stockAllocationSchema,
  stockPurchaseSchema,
  type StockAllocationAnswer,
  type StockAllocationRequest,
  type StockPurchase,
  type StockPurchaseRequest,
} from '../../core/stock/stock-schemas';
import { ApiClientError } from './api-error';
import { demoInfoSchema, type DemoInfo } from './demo-info';
import { keepAliveFetch, type FetchAnswer, type FetchLike } from './keep-alive-fetch';
import { networkFailureCause } from './network-failure';

/** The HTTP methods the terminal API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Sees the outcome of every call a client makes (the terminal's standing follows its token's answers). */
export interface ApiCallObserver {
  /** The API answered a call with success. */
  succeeded(): void;
  /** A call failed (no answer, an error answer, or an answer that breaks the protocol). */
  failed(err: ApiClientError): void;
}

/** How the client reaches the central API. */
export interface ApiClientOptions {
  /** Base URL, e.g. "http://127.0.0.1:8787" (no trailing slash needed). */
  readonly baseUrl: string;
  /** Bearer token (absent for enrollment and the demo lookup). */
  readonly token?: string | undefined;
  /** Per-request timeout in ms (default 10 s). */
  readonly timeoutMs?: number;
  /** Injectable fetch (default: {@link keepAliveFetch}, node:http with kept-alive sockets). */
  readonly fetch?: FetchLike;
  /** Told about every call's outcome, if set. */
  readonly observer?: ApiCallObserver | undefined;
}

/** The terminal's typed HTTP client for the central API; every response is validated with the protocol schemas. */
export class TerminalApiClient {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: FetchLike;

  constructor(private readonly options: ApiClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetchImpl = options.fetch ?? keepAliveFetch;
  }

  /** POST /v1/terminal/enroll: trades an enrollment code for a terminal identity and token. */
  enroll(request: EnrollRequest): Promise<EnrollResponse> {
    return this.call('POST', '/v1/terminal/enroll', enrollResponseSchema, request);
  }

  /** POST /v1/terminal/sync/push: sends commands in order; answers one outcome per command. */
  push(commands: readonly OutboxCommand[], timeoutMs?: number): Promise<PushResponse> {
    return this.call('POST', '/v1/terminal/sync/push', pushResponseSchema, { commands }, timeoutMs);
  }

  /** GET /v1/terminal/sync/pull: changes after `cursor`. */
  pull(cursor: string, limit: number): Promise<PullResponse> {
    const q = new URLSearchParams({ cursor, limit: String(limit) });
    return this.call('GET', `/v1/terminal/sync/pull?${q.toString()}`, pullResponseSchema);
  }

  /** GET /v1/terminal/customers/:account (a 404 `not_found` when the account is unknown). */
  customer(account: string, timeoutMs?: number): Promise<CustomerLookup> {
    return this.call(
      'GET',
      `/v1/terminal/customers/${encodeURIComponent(account)}`,
      customerLookupSchema,
      undefined,
      timeoutMs,
    );
  }

  /** POST /v1/terminal/cards/series: mints a series (the central API makes the PINs); a big one takes a while. */
  mintSeries(request: MintSeriesRequest, timeoutMs?: number): Promise<MintSeriesResult> {
    return this.call('POST', '/v1/terminal/cards/series', mintSeriesResultSchema, request, timeoutMs);
  }

  /** GET /v1/terminal/cards/series/:id/pins: a page of the PINs of a series this terminal minted, by serial. */
  seriesPins(
    seriesId: string,
    after: string | null,
    limit: number,
  ): Promise<{ pairs: CardPinPair[]; hasMore: boolean }> {
    const q = new URLSearchParams({ limit: String(limit), ...(after ? { after } : {}) });
    return this.call(
      'GET',
      `/v1/terminal/cards/series/${encodeURIComponent(seriesId)}/pins?${q.toString()}`,
      z.object({ pairs: z.array(cardPinPairSchema), hasMore: z.boolean() }),
    );
  }

  /** POST /v1/terminal/cards/reserve: tops up the PIN reserve and lists every pair this terminal holds. */
  fillReserve(request: {
    add: number;
    prefix: string;
    pinLength: number;
    release: readonly string[];
  }): Promise<{ pairs: CardPinPair[] }> {
    return this.call('POST', '/v1/terminal/cards/reserve', reserveResponseSchema, request);
  }

  /** POST /v1/terminal/cards/edit: mass edit of cards (expiry). */
  editCards(request: unknown): Promise<EditCardsResult> {
    return this.call('POST', '/v1/terminal/cards/edit', editCardsResultSchema, request);
  }

  /** POST /v1/terminal/cards/delete: deletes cards never redeemed. */
  deleteCards(request: unknown): Promise<DeleteCardsResult> {
    return this.call('POST', '/v1/terminal/cards/delete', deleteCardsResultSchema, request);
  }

  /** POST /v1/terminal/sales/:id/refund: refunds a sale (idempotent by `refundId`). */
  refundSale(saleId: string, refundId: string): Promise<SaleRefundAnswer> {
    return this.call('POST', `/v1/terminal/sales/${encodeURIComponent(saleId)}/refund`, saleRefundSchema, {
      refundId,
    });
  }

  /** POST /v1/terminal/stock/purchases: buys stock ahead (idempotent by `purchaseId`). */
  purchaseStock(request: StockPurchaseRequest): Promise<StockPurchase> {
    return this.call('POST', '/v1/terminal/stock/purchases', stockPurchaseSchema, request);
  }

  /** POST /v1/terminal/stock/allocations: allocates unallocated stock to a terminal (idempotent by `allocationId`). */
  allocateStock(request: StockAllocationRequest): Promise<StockAllocationAnswer> {
    return this.call('POST', '/v1/terminal/stock/allocations', stockAllocationSchema, request);
  }

  /** GET /v1/terminal/refunds/allowance: refunds used this month against the limit. */
  refundAllowance(): Promise<RefundAllowance> {
    return this.call('GET', '/v1/terminal/refunds/allowance', refundAllowanceSchema);
  }

  /** GET /v1/demo: the demo enrollment code, when the server was seeded with demo data. */
  demo(): Promise<DemoInfo> {
    return this.call('GET', '/v1/demo', demoInfoSchema);
  }

  /**
   * Any other route of the terminal API, for a feature's own typed client (e.g. `main/wallet`): the same validation,
   * error classification and observer as every call here.
   */
  send<S extends z.ZodType>(
    method: HttpMethod,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.output<S>> {
    return this.call(method, path, schema, body);
  }

  /** The address this client calls (normalized, no trailing slash). */
  get baseUrl(): string {
    return this.base;
  }

  /** One request; its outcome is reported to the observer (if any) before it is returned or thrown. */
  private async call<S extends z.ZodType>(
    method: HttpMethod,
    path: string,
    schema: S,
    body?: unknown,
    timeoutMs: number = this.timeoutMs,
  ): Promise<z.output<S>> {
    const observer = this.options.observer;
    let result: z.output<S>;
    try {
      result = await this.request(method, path, schema, body, timeoutMs);
    } catch (err) {
      if (observer && err instanceof ApiClientError) observer.failed(err);
      throw err;
    }
    observer?.succeeded();
    return result;
  }

  private async request<S extends z.ZodType>(
    method: HttpMethod,
    path: string,
    schema: S,
    body?: unknown,
    timeoutMs: number = this.timeoutMs,
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    let res: FetchAnswer;
    try {
      res = await this.fetchImpl(`${this.base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new ApiClientError(
          'timeout',
          'api_timeout',
          `No answer from ${this.base} within ${seconds(timeoutMs)}.`,
        );
      }
      throw new ApiClientError(
        'network',
        'api_unreachable',
        `Cannot reach ${this.base} (${networkFailureCause(err)}).`,
      );
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      const name = (err as { name?: string }).name;
      const kind = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network';
      throw new ApiClientError(
        kind,
        kind === 'timeout' ? 'api_timeout' : 'api_unreachable',
        `The answer from ${this.base} was cut off.`,
      );
    }
    let json: unknown = undefined;
    try {
      json = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const parsed = apiErrorSchema.safeParse(json);
      const code = parsed.success ? parsed.data.code : `http_${res.status}`;
      // A server failure names the address (it shows as the offline reason); a refusal keeps the API's own words.
      const message =
        res.status >= 500 || !parsed.success
          ? `${this.base} answered ${res.status}${parsed.success ? ` (${parsed.data.message})` : ''}.`
          : parsed.data.message;
      throw new ApiClientError(
        res.status >= 500 ? 'server' : 'client',
        code,
        message,
        res.status,
        res.headers.has(API_ERROR_HEADER),
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiClientError(
        'invalid_response',
        'api_invalid_response',
        `Unexpected answer from ${method} ${this.base}${path.split('?')[0]}.`,
        res.status,
      );
    }
    return parsed.data;
  }
}

/** A timeout in words: "10 s", "1.5 s". */
function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
