// @ts-check
// The live figures under the topology (and in lesson mode): each one says whether it was
// measured or expected from the set-up.

import { $ } from './dom.js';
import { view } from './view.js';
import { t } from './words.js';

/**
 * @param {number | null | undefined} value a fraction
 * @returns {string}
 */
export function percent(value) {
  return value === null || value === undefined ? '–' : `${Math.round(value * 100)} %`;
}

/** @returns {{ label: string; text: string }} */
export function failureFigure() {
  const tick = view.tick;
  if (!tick) return { label: '', text: '' };
  const measured = t('console.figure.measured', { value: percent(tick.window.failureRate) });
  const expected =
    tick.expectedFailureRate === null
      ? t('console.figure.expectedNone')
      : t('console.figure.expected', { value: percent(tick.expectedFailureRate) });
  return {
    label: t('console.figure.failureRate', { seconds: tick.window.seconds }),
    text: `${measured} · ${expected}`,
  };
}

/** @returns {string} */
export function storeFigure() {
  const tick = view.tick;
  if (!tick || !view.state) return '';
  if (view.state.store.kind === 'none') return t('console.figure.noStore');
  return t('console.figure.storeOps', {
    value: tick.storeOpsPerRequest === null ? '–' : tick.storeOpsPerRequest.toFixed(2),
  });
}

/** @returns {string} */
export function credentialFigure() {
  const { cookie, bearer } = view.measuredBytes;
  if (cookie && bearer) return t('console.figure.credentialBoth', { cookie, bearer });
  const c = view.tick?.credential;
  if (!c) return '';
  const kind = t(c.kind === 'cookie' ? 'console.figure.credentialCookie' : 'console.figure.credentialBearer');
  return t('console.figure.credential', { bytes: c.bytes, kind });
}

/**
 * Behind `connection`: the users' connections and how their first requests on new ones fared.
 * @returns {string}
 */
export function connectionsFigure() {
  const c = view.tick?.connections;
  if (!c) return '';
  const summary = t('console.connections.summary', { open: c.open, opened: c.opened });
  const first =
    c.firstRequests === 0
      ? t('console.connections.firstNone')
      : t('console.connections.first', {
          missed: c.firstMissed,
          total: c.firstRequests,
          rate: percent(c.firstMissed / c.firstRequests),
          expected: percent(c.expectedFirstMiss),
        });
  return `${summary} · ${first}`;
}

export function renderFigures() {
  if (!view.tick) return;
  $('fig-connections').textContent = view.state?.strategy === 'connection' ? connectionsFigure() : '';
  const failure = failureFigure();
  $('fig-rate-label').textContent = failure.label;
  $('fig-rate').textContent = failure.text;
  $('fig-store').textContent = storeFigure();
  $('fig-credential').textContent = credentialFigure();
  $('fig-logins').textContent = t('console.figure.logins', { count: view.tick.logins });
}
