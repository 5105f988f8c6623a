import { AppError } from '../../core/app-error';

/** How a failed API call should be treated: retry later (offline), or a permanent answer with a code. */
export type ApiErrorKind = 'network' | 'timeout' | 'server' | 'client' | 'invalid_response';

/** An API call's failure, classified. `retryable` failures mean "offline": keep the outbox and retry later. */
export class ApiClientError extends AppError {
  constructor(
    readonly kind: ApiErrorKind,
    code: string,
    message: string,
    readonly httpStatus: number | null = null,
    /** True when the central API itself answered the error (its error header), not something in between. */
    readonly fromApi = false,
  ) {
    super(code, message);
    this.name = 'ApiClientError';
  }

  /** Network errors, timeouts and 5xx answers are transient; 4xx answers and bad bodies are not. */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'server';
  }
}

/** True when `err` is an API failure worth retrying (the terminal is offline for now). */
export function isRetryable(err: unknown): boolean {
  return err instanceof ApiClientError && err.retryable;
}
