import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ELECTRON_ENV_OVERRIDES, envOverrides } from '../../../main/electron/env-overrides';

// Electron cannot launch here: the decision is a pure function, and the shell is checked to read nothing else.
const ALL = {
  REFILL_DATA_DIR: '/tmp/elsewhere',
  REFILL_API_URL: 'http://evil.example',
  REFILL_SQLITE_BINDING: '/tmp/evil.node',
  REFILL_SYNC_INTERVAL_MS: '10',
  REFILL_SYNC_MAX_BACKOFF_MS: '20',
};

describe('environment overrides of the Electron shell', () => {
  it('a packaged build honours none of them', () => {
    expect(envOverrides({ isPackaged: true, env: ALL })).toEqual({});
  });

  it('a development run honours the listed ones, non-empty, and nothing else', () => {
    const got = envOverrides({
      isPackaged: false,
      env: { ...ALL, REFILL_API_URL: '', REFILL_OTHER: 'x', PATH: '/bin' },
    });
    expect(got).toEqual({
      REFILL_DATA_DIR: '/tmp/elsewhere',
      REFILL_SQLITE_BINDING: '/tmp/evil.node',
      REFILL_SYNC_INTERVAL_MS: '10',
      REFILL_SYNC_MAX_BACKOFF_MS: '20',
    });
  });

  it('the shell reads REFILL_* only through envOverrides', () => {
    const shell = readFileSync(new URL('../../../main/index.ts', import.meta.url), 'utf8');
    expect(shell).not.toMatch(/process\.env\.REFILL_|process\.env\[/);
    expect(shell).toMatch(/envOverrides\(\{ isPackaged: app\.isPackaged/);
    // Every REFILL_* name the shell or its env helpers mention is one the decision covers.
    const helpers = readFileSync(
      new URL('../../../main/app/sync-options-from-env.ts', import.meta.url),
      'utf8',
    );
    const named = new Set([...`${shell}\n${helpers}`.matchAll(/REFILL_[A-Z_]+/g)].map((m) => m[0]));
    for (const name of named) expect(ELECTRON_ENV_OVERRIDES).toContain(name);
  });
});
