import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AuthscaleError } from '../../lib/errors.ts';
import type { RouteContext } from './context.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Fault injection for scenarios that run against an external cluster (docker, issue 5). Exists
 * only when ADMIN_TOKEN is set; otherwise the route is a plain 404 like any unknown path.
 */
export function adminRoutes(app: FastifyInstance, { config, onCrash }: RouteContext): void {
  const token = config.adminToken;
  if (token === undefined) return;
  const expected = digest(token);

  app.post('/__admin/crash', async (request, reply) => {
    const presented = request.headers['x-admin-token'];
    // Hash both sides: timingSafeEqual needs equal lengths and must not leak the token's length.
    if (typeof presented !== 'string' || !timingSafeEqual(digest(presented), expected)) {
      throw new AuthscaleError('ERR_FORBIDDEN', 403, 'missing or wrong x-admin-token');
    }
    request.log.warn('admin crash requested: exiting');
    reply.raw.once('finish', () => setTimeout(onCrash, 50));
    reply.code(202);
    return { status: 'crashing', node: config.nodeId };
  });
}
