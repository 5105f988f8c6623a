import type { z } from 'zod';
import {
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
import { ApiClientError } from './api-error';
import { demoInfoSchema, type DemoInfo } from './demo-info';

/** How the client reaches the central API. */
export interface ApiClientOptions {
  /** Base URL, e.g. "http://127.0.0.1:8787" (no trailing slash needed). */
  readonly baseUrl: string;
  /** Bearer token (absent for enrollment and the demo lookup). */
  readonly token?: string | undefined;
  /** Per-request timeout in ms (default 10 s). */
  readonly timeoutMs?: number;
  /** Injectable fetch (default: global fetch). */
  readonly fetch?: typeof fetch;
}

/** The terminal's typed HTTP client for the central API; every response is validated with the protocol schemas. */
export class TerminalApiClient {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ApiClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetchImpl = options.fetch ?? fetch;
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

  /** GET /v1/demo: the demo enrollment code, when the server was seeded with demo data. */
  demo(): Promise<DemoInfo> {
    return this.call('GET', '/v1/demo', demoInfoSchema);
  }

  private async call<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    body?: unknown,
    timeoutMs: number = this.timeoutMs,
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    let res: Response;
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
          `The central API did not answer within ${timeoutMs} ms.`,
        );
      }
      throw new ApiClientError('network', 'api_unreachable', 'The central API cannot be reached.');
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
        'The answer was cut off.',
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
      const message = parsed.success ? parsed.data.message : `The central API answered ${res.status}.`;
      throw new ApiClientError(res.status >= 500 ? 'server' : 'client', code, message, res.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiClientError(
        'invalid_response',
        'api_invalid_response',
        `Unexpected answer from ${method} ${path.split('?')[0]}.`,
        res.status,
      );
    }
    return parsed.data;
  }
}
