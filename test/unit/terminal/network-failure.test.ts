import { describe, expect, it } from 'vitest';
import { networkFailureCause } from '../../../main/api-client/network-failure';

/** fetch's error shape: TypeError('fetch failed') with the system error as its cause. */
const fetchFailed = (cause: unknown) => Object.assign(new TypeError('fetch failed'), { cause });

describe('networkFailureCause', () => {
  it('names common causes in plain words', () => {
    expect(networkFailureCause(fetchFailed(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })))).toBe(
      'connection refused',
    );
    expect(networkFailureCause(fetchFailed(Object.assign(new Error('x'), { code: 'ENOTFOUND' })))).toBe(
      'host not found',
    );
    expect(
      networkFailureCause(
        fetchFailed(Object.assign(new Error('x'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })),
      ),
    ).toBe('certificate not trusted');
    expect(networkFailureCause(fetchFailed(new Error('bad port')))).toBe('port not allowed');
    expect(networkFailureCause(new Error('???'))).toBe('network error');
  });

  it('looks inside an AggregateError (several addresses tried)', () => {
    const agg = new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })], 'all failed');
    expect(networkFailureCause(fetchFailed(agg))).toBe('connection refused');
  });
});
