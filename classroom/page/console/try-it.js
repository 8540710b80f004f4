// @ts-check
// "Try it yourself": the viewer logs in through the balancer, calls GET /api/me, logs out, has
// the credential stolen, or sends the JWT inspector's forgeries; each answer is logged with the
// node that gave it.

import { $ } from './dom.js';
import { forge, renderForgeLog, renderJwt } from './jwt.js';
import { renderLessonFigure } from './lesson.js';
import { authHeaders, logTry, resultLine, tryRequest } from './try-request.js';
import { view } from './view.js';
import { t } from './words.js';

/** @import { ForgeKind } from './jwt.js' */
/** @import { MessageKey } from '../../../lib/i18n/index.ts' */
/** @import { StealReport } from '../../try-proxy.ts' */

/** @type {Record<ForgeKind, MessageKey>} */
const FORGE_LABELS = {
  real: 'console.jwt.send',
  strip: 'console.jwt.strip',
  none: 'console.jwt.algNone',
  tamper: 'console.jwt.tamper',
};

/**
 * @param {string} value
 * @returns {value is ForgeKind}
 */
export function isForgeKind(value) {
  return Object.hasOwn(FORGE_LABELS, value);
}

export function renderTry() {
  const status = $('login-status');
  status.textContent = view.loginStatus ? t(view.loginStatus.key, view.loginStatus.params) : '';
  status.className = `status ${view.loginStatus?.cls ?? ''}`;
  $('set-cookie').textContent = view.setCookie
    ? view.setCookie.map((l) => `Set-Cookie: ${l}`).join('\n')
    : t('console.try.noCookie');
  $('try-log').replaceChildren(
    ...view.tryLog.map((r) => {
      const li = document.createElement('li');
      li.value = r.n;
      li.className = r.status >= 200 && r.status < 300 ? 'ok' : 'fail';
      li.textContent = resultLine(r);
      return li;
    }),
  );
  const ok = view.tryLog.filter((r) => r.status >= 200 && r.status < 300).length;
  $('try-summary').textContent = view.tryLog.length
    ? t('console.try.summary', { ok, failed: view.tryLog.length - ok, total: view.tryLog.length })
    : t('console.try.none');
  renderSteal();
}

function renderSteal() {
  const box = $('steal-result');
  const v = view.stealVerdict;
  box.hidden = !v;
  if (!v) return;
  if ('error' in v) {
    box.textContent = v.error;
    return;
  }
  const rows = [
    [t('console.steal.before'), v.before.map(resultLine).join(' | ')],
    [t('console.steal.logout'), resultLine(v.logout)],
    [t('console.steal.after'), v.after.map(resultLine).join(' | ')],
  ];
  const title = document.createElement('strong');
  title.textContent = t('console.steal.title');
  const list = document.createElement('div');
  for (const [label, text] of rows) {
    const row = document.createElement('div');
    row.textContent = `${label}: ${text}`;
    list.append(row);
  }
  const works = v.after.some((r) => r.status === 200);
  const verdict = document.createElement('div');
  verdict.className = `verdict ${works ? 'fail' : 'ok'}`;
  verdict.textContent = works ? `✗ ${t('console.steal.stillWorks')}` : `✓ ${t('console.steal.dead')}`;
  box.replaceChildren(title, list, verdict);
}

/**
 * The JWT login's answer: `{ accessToken, expiresIn }` (a session login has neither).
 * @param {unknown} body
 * @returns {{ token: string; expiresIn: number } | null}
 */
function accessTokenOf(body) {
  if (typeof body !== 'object' || body === null || !('accessToken' in body)) return null;
  if (typeof body.accessToken !== 'string') return null;
  const expiresIn = 'expiresIn' in body && typeof body.expiresIn === 'number' ? body.expiresIn : 0;
  return { token: body.accessToken, expiresIn };
}

/** @param {SubmitEvent} event */
export async function login(event) {
  event.preventDefault();
  view.token = null;
  view.loginStatus = null;
  // "Your requests" are those of this login.
  view.tryLog = [];
  view.tryCount = 0;
  renderTry();
  const username = $('user', HTMLInputElement).value;
  const password = $('password', HTMLInputElement).value;
  const result = await tryRequest('POST', '/auth/login', { json: { username, password } });
  if (result.status === 200) {
    const access = accessTokenOf(result.body);
    if (access) {
      view.token = access.token;
      view.tokenExp = Date.now() / 1000 + access.expiresIn;
    }
    view.loginStatus = {
      key: 'console.try.loggedIn',
      params: { user: username, node: result.node ?? '?' },
      cls: 'ok',
    };
  } else {
    view.loginStatus = {
      key: 'console.try.loginFailed',
      params: { status: result.status, code: result.code ?? '' },
      cls: 'fail',
    };
  }
  renderTry();
  renderJwt();
}

/** @param {number} count GET /api/me one after the other */
export async function meTimes(count) {
  for (let i = 0; i < count; i++) {
    logTry(await tryRequest('GET', '/api/me'));
    renderTry();
  }
}

export async function logout() {
  const result = await tryRequest('POST', '/auth/logout');
  view.token = null;
  view.loginStatus = { key: 'console.try.loggedOut', params: { status: result.status }, cls: '' };
  renderTry();
  renderJwt();
}

/** The console replays the credential as a thief would, before and after the viewer's logout. */
export async function steal() {
  const response = await fetch('/try/auth/steal', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders() },
    body: '{}',
  });
  const body = await response.json().catch(() => ({}));
  if (response.status !== 200) {
    view.stealVerdict = {
      error:
        body.code === 'ERR_NO_CREDENTIALS'
          ? t('console.steal.loginFirst')
          : `${response.status} ${body.code ?? ''}`,
    };
  } else {
    /** @type {StealReport} */
    const report = body;
    view.stealVerdict = report;
    view.token = null;
    view.loginStatus = { key: 'console.try.loggedOut', params: { status: report.logout.status }, cls: '' };
  }
  renderTry();
  renderJwt();
  renderLessonFigure();
}

/**
 * GET /api/me with the real token or a forgery of it; forgeries count as rejected on a 401.
 * @param {ForgeKind} kind
 */
export async function sendForged(kind) {
  if (!view.token) return;
  const token = forge(view.token, kind);
  const result = await tryRequest('GET', '/api/me', { headers: { authorization: `Bearer ${token}` } });
  if (kind !== 'real') {
    view.forged.tried++;
    if (result.status === 401) view.forged.rejected++;
  }
  view.forgeLog.unshift({ labelKey: FORGE_LABELS[kind], ...result });
  view.forgeLog.length = Math.min(view.forgeLog.length, 12);
  logTry(result);
  renderTry();
  renderForgeLog();
  renderLessonFigure();
}
