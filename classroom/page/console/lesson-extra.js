// @ts-check
// The figures of the lesson steps added with the students' phones: the token lifetime (read
// from the viewer's own access token) and capacity (GET /api/capacity, Redis's own MEMORY USAGE).

import { decodeToken } from './jwt.js';
import { view } from './view.js';
import { t } from './words.js';

/** @import { CapacityView } from '../../capacity-view.ts' */

/** From the viewer's own access token: its lifetime is exp − iat; the rest follows from it. */
export function lifetimeFigure() {
  if (!view.token) return t('console.figure.lifetimesNoToken');
  const payload = /** @type {{ exp?: number, iat?: number }} */ (decodeToken(view.token).payload);
  const seconds = (payload.exp ?? 0) - (payload.iat ?? 0);
  if (!(seconds > 0)) return t('console.figure.lifetimesNoToken');
  return t('console.figure.lifetimes', {
    minutes: Math.round((seconds / 60) * 10) / 10,
    refreshes: Math.round((3600 / seconds) * 10) / 10,
  });
}

/** @type {{ body: CapacityView | null, at: number }} */
const capacity = { body: null, at: 0 };

/**
 * GET /api/capacity, fetched at most every 5 s while the capacity step is shown.
 * @param {() => void} rerender called when a fresh answer arrived
 */
export function capacityFigure(rerender) {
  if (Date.now() - capacity.at > 5000) {
    capacity.at = Date.now();
    fetch('/api/capacity')
      .then((r) => r.json())
      .then((/** @type {CapacityView} */ body) => {
        capacity.body = body;
        rerender();
      })
      .catch(() => undefined);
  }
  const c = capacity.body;
  if (!c) return '';
  if (c.where === 'none') return t('console.figure.capacity.none');
  if (c.where !== 'redis' || c.bytesPerSession === null || c.perMillionBytes === null) {
    return t('console.figure.capacity.notMeasured', { mode: c.mode });
  }
  return t('console.figure.capacity.redis', {
    sessions: c.sessions ?? 0,
    bytes: c.bytesPerSession,
    million: Math.round(c.perMillionBytes / 1e6),
  });
}
