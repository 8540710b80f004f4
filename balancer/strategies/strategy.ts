import type { IncomingMessage } from 'node:http';
import type { LbResponse } from '../response.ts';
import type { Target } from '../target.ts';

export interface Strategy {
  /** The target for a new request, or null when no target is up. */
  pick(req: IncomingMessage, res: LbResponse): Target | null;
  /** A different up target after `failed` could not be reached (the single GET/HEAD retry). */
  retry(res: LbResponse, failed: Target): Target | null;
}
