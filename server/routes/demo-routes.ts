import { z } from 'zod';
import { AppError } from '../../core/app-error';
import { unusedDemoCode } from '../demo/seed-demo';
import { registerZodRoute } from '../http/zod-route';
import type { RouteDeps } from './route-deps';

/** GET /v1/demo: the demo enrollment code while unused, only on a server started with demo data. */
export function registerDemoRoutes(d: RouteDeps): void {
  registerZodRoute(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/demo',
    summary: 'The demo terminal enrollment code (only with demo data, while unused)',
    tag: 'demo',
    auth: 'none',
    query: z.object({}),
    response: z.object({ enrollmentCode: z.string(), resellerName: z.string() }),
    handler: async () => {
      const demo = d.demoEnabled ? await unusedDemoCode(d.db) : null;
      if (!demo) throw new AppError('not_found', 'no unused demo enrollment code');
      return { enrollmentCode: demo.enrollmentCode, resellerName: demo.resellerName };
    },
  });
}
