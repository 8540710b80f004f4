import type { LbRequest } from '../request.ts';
import type { Target } from '../target.ts';

export interface Strategy {
  /** The target for a new request, or null when no target is up. */
  pick(req: LbRequest): Target | null;
  /** A different up target after `failed` could not be reached (the single GET/HEAD retry). */
  retry(req: LbRequest, failed: Target): Target | null;
}
