import { describe, expect, it } from 'vitest';
import type { ClerkRole } from '../../../core/contract/types/clerks';
import type { UpdateState } from '../../../core/contract/types/updates';
import { AppError } from '../../../core/app-error';
import {
  UpdateService,
  type DownloadedUpdate,
  type UpdaterDriver,
  type UpdaterEvent,
} from '../../../main/updates/update-service';
import type { SignatureCheck } from '../../../main/updates/update-signature';

const download: DownloadedUpdate = {
  version: '1.2.3',
  filePath: '/tmp/x.AppImage',
  fileName: 'x.AppImage',
  signatureUrl: 'http://127.0.0.1/x.AppImage.sig',
};

/** An UpdateService with a fake platform updater and a scripted signature check. */
function harness(opts: { requiresSignature?: boolean; check?: SignatureCheck; driver?: boolean } = {}) {
  const world = { role: 'manager' as ClerkRole | null, pending: 0, syncing: false, installs: 0 };
  const states: UpdateState[] = [];
  const verified: DownloadedUpdate[] = [];
  let report: ((e: UpdaterEvent) => void) | null = null;
  const driver: UpdaterDriver = {
    requiresSignature: opts.requiresSignature ?? true,
    start: (r) => (report = r),
    install: () => void world.installs++,
  };
  const service = new UpdateService({
    driver: opts.driver === false ? null : driver,
    currentVersion: '1.0.0',
    host: 'electron',
    verify: (d) => {
      verified.push(d);
      return Promise.resolve(opts.check ?? { ok: true });
    },
    clerkRole: () => world.role,
    requireManager: () => {
      if (world.role === null) throw new AppError('signed_out', 'Sign in to continue.');
      if (world.role !== 'manager') throw new AppError('forbidden', 'Only a manager can do this.');
    },
    pendingCount: () => world.pending,
    syncing: () => world.syncing,
    clock: () => Date.parse('2026-01-01T00:00:00Z'),
    onChange: (s) => states.push(s),
  });
  service.start();
  return { service, world, states, verified, started: () => report !== null };
}

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    return (err as AppError).code;
  }
}

describe('UpdateService', () => {
  it('without a platform updater reports updates as unmanaged and refuses to install', () => {
    const { service, started } = harness({ driver: false });
    expect(started()).toBe(false);
    expect(service.state().phase).toEqual({ kind: 'unmanaged', host: 'electron' });
    expect(codeOf(() => service.install())).toBe('updates_unmanaged');
  });

  it('verifies a Linux download before it is ready, then a manager installs it', async () => {
    const h = harness();
    await h.service.report({ type: 'checking' });
    await h.service.report({ type: 'progress', version: '1.2.3', percent: 41.6 });
    expect(h.service.state().phase).toEqual({ kind: 'downloading', version: '1.2.3', percent: 42 });
    await h.service.report({ type: 'downloaded', ...download });
    expect(h.verified).toEqual([download]);
    expect(h.states.map((s) => s.phase.kind)).toEqual(['checking', 'downloading', 'verifying', 'ready']);
    expect(h.states.at(-1)!.install).toEqual({ ok: true });
    expect(h.world.installs).toBe(0); // ready is not installed: nothing happens until a manager asks
    expect(h.service.install().phase).toEqual({ kind: 'installing', version: '1.2.3' });
    expect(h.world.installs).toBe(1);
  });

  it('refuses a download whose signature does not verify, says why, and never installs it', async () => {
    const h = harness({ check: { ok: false, reason: 'signature_missing', message: 'no .sig at http://x' } });
    await h.service.report({ type: 'downloaded', ...download });
    expect(h.service.state().phase).toEqual({
      kind: 'refused',
      version: '1.2.3',
      reason: 'signature_missing',
      message: 'no .sig at http://x',
    });
    expect(codeOf(() => h.service.install())).toBe('update_not_installable');
    expect(h.world.installs).toBe(0);
  });

  it('refuses to install for a clerk, when signed out, with sales pending or mid-sync', async () => {
    const h = harness();
    await h.service.report({ type: 'downloaded', ...download });
    h.world.role = 'clerk';
    expect(codeOf(() => h.service.install())).toBe('forbidden');
    expect(h.service.state().install).toMatchObject({ ok: false, reason: 'not_manager' });
    h.world.role = null;
    expect(codeOf(() => h.service.install())).toBe('signed_out');
    h.world.role = 'manager';
    h.world.pending = 3;
    expect(codeOf(() => h.service.install())).toBe('update_not_installable');
    h.world.pending = 0;
    h.world.syncing = true;
    expect(codeOf(() => h.service.install())).toBe('update_not_installable');
    expect(h.world.installs).toBe(0);
    h.world.syncing = false;
    h.service.install();
    expect(h.world.installs).toBe(1);
  });

  it('on Windows leaves verification to the Authenticode check electron-updater made', async () => {
    const h = harness({ requiresSignature: false });
    await h.service.report({ type: 'downloaded', ...download });
    expect(h.verified).toEqual([]);
    expect(h.service.state().phase.kind).toBe('ready');
  });

  it('keeps a ready update ready through later checks and errors', async () => {
    const h = harness();
    await h.service.report({ type: 'downloaded', ...download });
    await h.service.report({ type: 'checking' });
    await h.service.report({ type: 'error', message: 'offline' });
    await h.service.report({ type: 'not-available' });
    expect(h.service.state().phase.kind).toBe('ready');
  });

  it('reports a failed check, and an idle one with its time', async () => {
    const h = harness();
    await h.service.report({ type: 'error', message: 'ENOTFOUND updates.example' });
    expect(h.service.state().phase).toEqual({ kind: 'failed', message: 'ENOTFOUND updates.example' });
    await h.service.report({ type: 'not-available' });
    expect(h.service.state().phase).toEqual({ kind: 'idle', lastCheckedAt: '2026-01-01T00:00:00.000Z' });
  });
});
