import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UPDATE_FEED_URL, UPDATE_PUBLIC_KEY_PEM } from '../../../main/updates/update-public-key';
import { ed25519PublicKey } from '../../../main/updates/update-signature';

/**
 * The CI check for code signing (issue 14, finding 1): electron-builder.yml must keep signing on, name the Windows
 * publisher (without it the NSIS updater accepts any installer), keep macOS hardened and notarized, and hold no
 * secret itself (certificates come from the release job's environment).
 */
const root = resolve(import.meta.dirname, '../../..');
const yamlText = readFileSync(resolve(root, 'electron-builder.yml'), 'utf8');
const config = parse(yamlText) as Record<string, Record<string, unknown> | undefined>;

describe('electron-builder.yml code signing', () => {
  it('signs Windows builds and names the publisher the NSIS updater checks installers against', () => {
    const win = config.win!;
    expect(win.forceCodeSigning).toBe(true);
    expect(win.verifyUpdateCodeSignature).not.toBe(false);
    const signtool = win.signtoolOptions as Record<string, unknown> | undefined;
    const names = [signtool?.publisherName].flat().filter((n) => typeof n === 'string' && n.trim() !== '');
    expect(names.length).toBeGreaterThan(0);
    expect(signtool?.rfc3161TimeStampServer ?? signtool?.timeStampServer).toMatch(/^https?:\/\//);
  });

  it('signs, hardens and notarizes macOS builds, with a zip for the updater', () => {
    const mac = config.mac!;
    expect(mac.forceCodeSigning).toBe(true);
    expect(mac.hardenedRuntime).toBe(true);
    expect(mac.notarize).toBe(true);
    expect(mac.target).toContain('zip');
  });

  it('keeps certificates and passwords out of the file (they come from the environment)', () => {
    for (const section of [config, config.win, config.mac, config.linux]) {
      for (const key of ['cscLink', 'cscKeyPassword', 'certificateFile', 'certificatePassword']) {
        expect(section?.[key]).toBeUndefined();
      }
    }
    expect(config.win?.signtoolOptions ?? {}).not.toHaveProperty('certificatePassword');
    expect(yamlText).not.toMatch(/BEGIN (ENCRYPTED )?PRIVATE KEY/);
  });

  it('publishes to the feed the app builds signature URLs from, and the app pins an Ed25519 key', () => {
    expect((config.publish as { url?: string } | undefined)?.url).toBe(UPDATE_FEED_URL);
    expect(ed25519PublicKey(UPDATE_PUBLIC_KEY_PEM).asymmetricKeyType).toBe('ed25519');
  });
});
