import { z } from 'zod';
import { registerZodRoute } from '../http/zod-route';
import type { RouteDeps } from './route-deps';

/** Health check answer. */
export const healthSchema = z.object({
  status: z.literal('ok'),
  db: z.enum(['embedded', 'postgres']),
  version: z.string(),
});

/** GET /health and GET /openapi.json. */
export function registerSystemRoutes(d: RouteDeps): void {
  registerZodRoute(d.app, d.authenticate, {
    method: 'GET',
    url: '/health',
    summary: 'Liveness and database check',
    tag: 'system',
    auth: 'none',
    query: z.object({}),
    response: healthSchema,
    handler: async () => {
      await d.db.query('SELECT 1');
      return { status: 'ok' as const, db: d.db.kind, version: d.version };
    },
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'GET',
    url: '/openapi.json',
    summary: 'This API as an OpenAPI 3 document',
    tag: 'system',
    auth: 'none',
    query: z.object({}),
    response: z.object({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }).passthrough(),
    handler: async () => d.app.swagger() as unknown as { openapi: string; paths: Record<string, unknown> },
  });
}
