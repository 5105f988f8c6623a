import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBanner } from '../../../server/demo/demo-banner';
import { unusedDemoCode } from '../../../server/demo/seed-demo';
import { startServer, type RunningServer } from '../../../server/start-server';
import { TEST_OPERATOR_KEY, apiClient } from './api-harness';
import { serverBackends, type OpenedBackend } from './server-backends';

describe.each(serverBackends())('the demo banner at start ($name)', (backend) => {
  let opened: OpenedBackend;
  const dataDir = mkdtempSync(join(tmpdir(), 'refill-demo-banner-'));
  const servers: RunningServer[] = [];
  const start = async (): Promise<RunningServer> => {
    const s = await startServer({
      port: 0,
      database: opened.db,
      dataDir,
      operatorKey: TEST_OPERATOR_KEY,
      seedDemo: true,
    });
    servers.push(s);
    return s;
  };
  beforeAll(async () => {
    opened = await backend.open();
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await opened?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('offers the demo code while it works, and after it was used says so instead of offering it again', async () => {
    const first = await start();
    const demo = first.demo!;
    expect(await unusedDemoCode(first.db)).not.toBeNull();
    expect(demoBanner(demo, true, first.url, dataDir)).toContain(demo.enrollmentCode);

    const enrolled = await apiClient(first.url).call('POST', '/v1/terminal/enroll', {
      body: { code: demo.enrollmentCode, terminalName: 'Counter' },
    });
    expect(enrolled.status).toBe(201);

    // The restarted server finds the same demo data, its code spent.
    const again = await start();
    expect(again.demo!.enrollmentCode).toBe(demo.enrollmentCode);
    expect(await unusedDemoCode(again.db)).toBeNull();
    const banner = demoBanner(again.demo!, false, again.url, dataDir);
    expect(banner).not.toContain(demo.enrollmentCode);
    expect(banner).toContain('was used already');
    expect(banner).toContain(`/v1/operator/resellers/${demo.resellerId}/enrollment-codes`);
  });
});
