import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../../core/app-error';
import { API_ERROR_HEADER, type ApiError } from '../../core/sync/protocol';
import { statusForCode } from './error-status';

/** Maps fastify's own 4xx error codes (bad JSON, wrong content type, too large) to our stable codes. */
function codeForFastifyError(err: FastifyError, status: number): string {
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 404) return 'not_found';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  return 'invalid_input';
}

/**
 * Installs the one error shape `{code, message, details?}` for every failure: AppErrors keep their code,
 * fastify's client errors become invalid_input (or their specific 4xx code), anything else is a logged 500.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setSchemaErrorFormatter((issues, dataVar) => {
    return new AppError('invalid_input', `invalid ${dataVar}`, { in: dataVar, issues });
  });
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    void reply.header(API_ERROR_HEADER, '1');
    if (err instanceof AppError) {
      const status = statusForCode(err.code);
      if (status >= 500) request.log.error(err);
      const retryAfter = (err.details as { retry_after?: unknown } | undefined)?.retry_after;
      if (status === 429 && typeof retryAfter === 'number')
        void reply.header('retry-after', String(retryAfter));
      return reply.status(status).send(err.toShape() satisfies ApiError);
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      const body: ApiError = { code: codeForFastifyError(err, status), message: err.message };
      return reply.status(status).send(body);
    }
    // The message and stack only: driver errors carry query parameters (account numbers, later PIN lookups).
    console.error(
      `internal error on ${request.method} ${request.routeOptions.url ?? request.url}: ${err.message}\n${err.stack ?? ''}`,
    );
    const body: ApiError = { code: 'internal_error', message: 'internal server error' };
    return reply.status(500).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ApiError = {
      code: 'not_found',
      message: `no route ${request.method} ${request.url.split('?')[0]}`,
    };
    return reply.status(404).send(body);
  });
}
