import { existsSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { SheetPrintJob } from '../../../core/contract/types/cards';
import { uuidv7 } from '../../../core/uuidv7';
import { call, fakeQueue, LAYOUT, openRig, removeDir, seedCards, settled, type Rig } from './support';

let rig: Rig | undefined;
afterEach(async () => {
  if (rig) {
    await rig.close();
    removeDir(rig.dataDir);
  }
  rig = undefined;
});

const prints = (r: Rig): number =>
  (r.s.terminal.ledger.db.prepare('SELECT count(*) AS n FROM card_prints').get() as { n: number }).n;
const files = (r: Rig): string[] => (existsSync(r.sheetDir) ? readdirSync(r.sheetDir) : []);

describe('review: what held', () => {
  it(
    'a failing printer: failed, file removed, nothing recorded, no PIN in the error',
    { timeout: 40_000 },
    async () => {
      const printed: string[] = [];
      rig = await openRig({
        printed,
        queue: fakeQueue(printed, async () => {
          throw Object.assign(new Error('printer on fire'), { code: 'print_failed' });
        }),
      });
      await call(rig.s, 'settings.update', { printerName: 'Fake' }).catch(() => undefined);
      const cards = seedCards(rig.s, 5);
      const job = await call<SheetPrintJob>(rig.s, 'cards.printSheet', {
        target: { kind: 'ids', ids: cards.map((c) => c.id) },
        layout: LAYOUT,
        destination: 'printer',
      }).catch((e: { code: string }) => e);
      if (!('jobId' in job)) throw new Error(`could not start: ${JSON.stringify(job)}`);
      const end = await settled(rig.s, job.jobId);
      expect(end.state).toBe('failed');
      expect(printed).toHaveLength(1);
      expect(existsSync(printed[0]!)).toBe(false);
      expect(prints(rig)).toBe(0);
      for (const c of cards) expect(JSON.stringify(end)).not.toContain(c.pin);
    },
  );

  it(
    'clerks cannot print, poll, download or discard; jobIds are UUIDs only; restart removes leftover sheets',
    { timeout: 40_000 },
    async () => {
      rig = await openRig();
      const s = rig.s;
      const cards = seedCards(s, 3);
      const job = await settled(
        s,
        (
          await call<SheetPrintJob>(s, 'cards.printSheet', {
            target: { kind: 'ids', ids: cards.map((c) => c.id) },
            layout: LAYOUT,
            destination: 'file',
          })
        ).jobId,
      );
      expect(files(rig)).toHaveLength(1);
      await expect(
        call(s, 'cards.sheetFile', { jobId: '../../../etc/passwd', offset: 0 }),
      ).rejects.toMatchObject({
        code: 'invalid_input',
      });
      await expect(call(s, 'cards.sheetFile', { jobId: uuidv7(), offset: 0 })).rejects.toMatchObject({
        code: 'not_found',
      });
      const clerk = await call<{ id: string }>(s, 'clerks.create', {
        name: 'Clerk',
        pin: '2468',
        role: 'clerk',
      });
      await call(s, 'session.signOut');
      await call(s, 'session.signIn', { clerkId: clerk.id, pin: '2468' });
      for (const [m, input] of [
        ['cards.sheetFile', { jobId: job.jobId, offset: 0 }],
        ['cards.sheetJob', { jobId: job.jobId }],
        ['cards.discardSheet', { jobId: job.jobId }],
        ['cards.sheetPreview', { layout: LAYOUT }],
        ['cards.printSheet', { target: { kind: 'ids', ids: [cards[0]!.id] }, destination: 'file' }],
      ] as const)
        await expect(call(s, m, input)).rejects.toMatchObject({ code: 'forbidden' });
      // A restart (or a crash) leaves no sheet behind.
      const dataDir = rig.dataDir;
      await s.close();
      rig = await openRig({ dataDir });
      expect(files(rig)).toEqual([]);
    },
  );

  it(
    '100 000 unknown ids answer nothing_to_print; control characters in instructions do not break the render',
    { timeout: 40_000 },
    async () => {
      rig = await openRig();
      const ids = Array.from({ length: 100_000 }, () => uuidv7());
      await expect(
        call(rig.s, 'cards.printSheet', {
          target: { kind: 'ids', ids },
          layout: LAYOUT,
          destination: 'file',
        }),
      ).rejects.toMatchObject({ code: 'nothing_to_print' });
      const cards = seedCards(rig.s, 2);
      const job = await call<SheetPrintJob>(rig.s, 'cards.printSheet', {
        target: { kind: 'ids', ids: cards.map((c) => c.id) },
        layout: {
          ...LAYOUT,
          preset: 'card-10',
          instructions: 'Dial\u0000*123*\u0007PIN#\u202e\r\n\t\uFFFF😀 done',
        },
        destination: 'file',
      }).catch((e: { code: string }) => e);
      if ('jobId' in job) expect((await settled(rig.s, job.jobId)).state).toBe('done');
      else expect((job as { code: string }).code).toBe('invalid_input');
    },
  );

  it(
    'mixed validity is refused; expired, activated and void cards answer nothing_to_print',
    { timeout: 40_000 },
    async () => {
      rig = await openRig();
      const valid = seedCards(rig.s, 2);
      const nyv = seedCards(rig.s, 2, { validity: 'not_yet_valid', start: 100 });
      const expired = seedCards(rig.s, 1, { expiresAt: '2001-01-01T00:00:00Z', start: 200 });
      const activated = seedCards(rig.s, 1, { status: 'activated', start: 300 });
      const voided = seedCards(rig.s, 1, { validity: 'void_rejected', start: 400 });
      await expect(
        call(rig.s, 'cards.printSheet', {
          target: { kind: 'ids', ids: [...valid, ...nyv].map((c) => c.id) },
          layout: LAYOUT,
          destination: 'file',
        }),
      ).rejects.toMatchObject({ code: 'mixed_validity' });
      await expect(
        call(rig.s, 'cards.printSheet', {
          target: { kind: 'ids', ids: [...expired, ...activated, ...voided].map((c) => c.id) },
          layout: LAYOUT,
          destination: 'file',
        }),
      ).rejects.toMatchObject({ code: 'nothing_to_print' });
    },
  );
});
