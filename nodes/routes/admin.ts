import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AuthscaleError } from '../../lib/errors.ts';
import { requestLine } from '../node-log.ts';
import { capacityRoutes } from './admin-capacity.ts';
import type { RouteContext } from './context.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Fault injection for scenarios that run against an external cluster (docs/docker.md, "Crash route"), and the
 * capacity probes (admin-capacity.ts). Exists only when ADMIN_TOKEN is set; otherwise every
 * /__admin route is a plain 404 like any unknown path.
 */
export function adminRoutes(app: FastifyInstance, context: RouteContext): void {
  const { config, onCrash, log } = context;
  const token = config.adminToken;
  if (token === undefined) return;
  const expected = digest(token);
  const requireAdmin = async (request: FastifyRequest): Promise<void> => {
    const presented = request.headers['x-admin-token'];
    // Hash both sides: timingSafeEqual needs equal lengths and must not leak the token's length.
    if (typeof presented !== 'string' || !timingSafeEqual(digest(presented), expected)) {
      throw new AuthscaleError('ERR_FORBIDDEN', 'missing or wrong x-admin-token');
    }
  };

  app.post('/__admin/crash', { onRequest: requireAdmin }, async (request, reply) => {
    log.warn(requestLine(request), 'admin crash requested: exiting');
    reply.raw.once('finish', () => setTimeout(onCrash, 50));
    reply.code(202);
    return { status: 'crashing', node: config.nodeId };
  });

  capacityRoutes(app, context, requireAdmin);
}
