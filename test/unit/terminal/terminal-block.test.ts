import { describe, expect, it } from 'vitest';
import { blockForApiFailure, liftedBySuccess, mergeBlock } from '../../../core/terminal/terminal-block';

describe('terminal block rules', () => {
  it('maps API refusals to a block, and nothing else', () => {
    expect(blockForApiFailure(401, 'terminal_revoked')).toBe('revoked');
    expect(blockForApiFailure(401, 'unauthorized')).toBe('token_refused');
    expect(blockForApiFailure(401, 'http_401')).toBe('token_refused');
    expect(blockForApiFailure(403, 'reseller_suspended')).toBe('suspended');
    expect(blockForApiFailure(403, 'forbidden')).toBeNull();
    expect(blockForApiFailure(500, 'internal_error')).toBeNull();
    expect(blockForApiFailure(null, 'api_unreachable')).toBeNull();
    expect(blockForApiFailure(404, 'not_found')).toBeNull();
    // Only the API's own 403 suspends: the code on another status (a proxy's page, a relayed error) does not.
    expect(blockForApiFailure(400, 'reseller_suspended')).toBeNull();
    expect(blockForApiFailure(null, 'reseller_suspended')).toBeNull();
    expect(blockForApiFailure(403, 'terminal_revoked')).toBeNull();
    expect(blockForApiFailure(500, 'terminal_revoked')).toBeNull();
  });

  it('keeps a revocation whatever comes later; otherwise the latest report wins', () => {
    expect(mergeBlock(null, 'suspended')).toBe('suspended');
    expect(mergeBlock('suspended', 'revoked')).toBe('revoked');
    expect(mergeBlock('revoked', 'suspended')).toBe('revoked');
    expect(mergeBlock('revoked', 'token_refused')).toBe('revoked');
    expect(mergeBlock('token_refused', 'suspended')).toBe('suspended');
  });

  it('lifts a suspension or a refused token on success, never a revocation', () => {
    expect(liftedBySuccess('suspended')).toBe(true);
    expect(liftedBySuccess('token_refused')).toBe(true);
    expect(liftedBySuccess('revoked')).toBe(false);
  });
});
