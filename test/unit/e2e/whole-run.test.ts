import { describe, expect, it } from 'vitest';
import { isWholeRun } from '../../e2e/global-teardown';

describe('which E2E runs are held to the renderer coverage threshold', () => {
  const cli = (...args: string[]) => ['/usr/bin/node', '/x/node_modules/.bin/playwright', 'test', ...args];
  it('holds a run of every spec, whatever its project, workers or reporter', () => {
    expect(isWholeRun(cli())).toBe(true);
    expect(isWholeRun(cli('--project', 'browser', '--workers', '1', '--reporter=list'))).toBe(true);
    expect(isWholeRun(cli('--output', '/tmp/out', '--retries', '1'))).toBe(true);
  });
  it('does not hold a run of some specs', () => {
    expect(isWholeRun(cli('test/e2e/sell.spec.ts'))).toBe(false);
    expect(isWholeRun(cli('sell.spec.ts:12'))).toBe(false);
    expect(isWholeRun(cli('-g', 'refund'))).toBe(false);
    expect(isWholeRun(cli('--grep=refund'))).toBe(false);
    expect(isWholeRun(cli('--last-failed'))).toBe(false);
    expect(isWholeRun(cli('--project', 'browser', 'wallet'))).toBe(false);
  });
});
