import { z } from 'zod';
import { uuidSchema } from '../../core/sync/protocol';
import { registerZodRoute } from '../http/zod-route';
import { shiftPage, shiftPageSchema } from '../shifts/shift-queries';
import type { RouteDeps } from './route-deps';

const pageQuery = z
  .object({
    terminalId: uuidSchema.optional(),
    before: uuidSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/**
 * Shifts as terminals report them (`shift.open`, `shift.close` through the push path): a terminal reads its
 * reseller's shifts (one terminal's when named), the operator any reseller's; newest first, paged by shift id.
 */
export function registerShiftRoutes(d: RouteDeps): void {
  registerZodRoute(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/terminal/shifts',
    summary: "This reseller's shifts with their Z-report figures, newest first (one terminal's when named)",
    tag: 'terminal',
    auth: 'terminal',
    query: pageQuery,
    response: shiftPageSchema,
    handler: ({ query, auth }) =>
      shiftPage(d.db, auth.resellerId, { terminalId: query.terminalId, before: query.before }, query.limit),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/operator/resellers/:id/shifts',
    summary: "A reseller's shifts with their Z-report figures, newest first (one terminal's when named)",
    tag: 'operator',
    auth: 'operator',
    params: z.object({ id: uuidSchema }).strict(),
    query: pageQuery,
    response: shiftPageSchema,
    handler: ({ params, query }) =>
      shiftPage(d.db, params.id, { terminalId: query.terminalId, before: query.before }, query.limit),
  });
}
