import { describe, expect, it } from 'vitest';
import { syncOptionsFromEnv } from '../../../main/app/sync-options-from-env';
import { ApiClientError, isRetryable } from '../../../main/api-client/api-error';

describe('sync tuning from the environment', () => {
  it('is undefined when neither variable is a positive whole number', () => {
    expect(syncOptionsFromEnv({})).toBeUndefined();
    for (const value of ['0', '-5', '1.5', 'soon', '']) {
      expect(
        syncOptionsFromEnv({ REFILL_SYNC_INTERVAL_MS: value, REFILL_SYNC_MAX_BACKOFF_MS: value }),
        value,
      ).toBeUndefined();
    }
  });

  it('sets the idle interval and the backoff cap (base one second, or the cap when smaller)', () => {
    expect(syncOptionsFromEnv({ REFILL_SYNC_INTERVAL_MS: '250' })).toEqual({ idleIntervalMs: 250 });
    expect(syncOptionsFromEnv({ REFILL_SYNC_MAX_BACKOFF_MS: '5000' })).toEqual({
      backoff: { baseMs: 1000, capMs: 5000 },
    });
    expect(syncOptionsFromEnv({ REFILL_SYNC_INTERVAL_MS: '100', REFILL_SYNC_MAX_BACKOFF_MS: '300' })).toEqual(
      {
        idleIntervalMs: 100,
        backoff: { baseMs: 300, capMs: 300 },
      },
    );
  });
});

describe('API client errors', () => {
  it('retries network failures, timeouts and server errors, never client errors or bad answers', () => {
    const kinds = ['network', 'timeout', 'server', 'client', 'invalid_response'] as const;
    expect(kinds.map((k) => new ApiClientError(k, 'c', 'm').retryable)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(kinds.map((k) => isRetryable(new ApiClientError(k, 'c', 'm')))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(isRetryable(new Error('network'))).toBe(false);
    expect(isRetryable({ retryable: true })).toBe(false);
  });

  it('keeps its code, status and whether the API itself answered', () => {
    const e = new ApiClientError('client', 'sale_used', 'used', 409, true);
    expect(e).toMatchObject({ name: 'ApiClientError', code: 'sale_used', httpStatus: 409, fromApi: true });
    expect(new ApiClientError('network', 'api_unreachable', 'down')).toMatchObject({
      httpStatus: null,
      fromApi: false,
    });
  });
});
