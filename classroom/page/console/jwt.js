// @ts-check
// The JWT inspector: the viewer's access token in its three parts, and the forgeries the
// buttons send (the requests themselves go through try-it.js).

import { $ } from './dom.js';
import { resultLine } from './try-request.js';
import { view } from './view.js';
import { t } from './words.js';

/**
 * @typedef {object} DecodedToken
 * @property {string} h the encoded header
 * @property {string} p the encoded payload
 * @property {string} s the signature
 * @property {Record<string, unknown>} header
 * @property {Record<string, unknown>} payload
 */

/** @typedef {'real' | 'strip' | 'none' | 'tamper'} ForgeKind */

/**
 * @param {string} part
 * @returns {string}
 */
function b64urlDecode(part) {
  const text = part.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(text + '='.repeat((4 - (text.length % 4)) % 4)), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * @param {string} text
 * @returns {string}
 */
function b64urlEncode(text) {
  const bytes = new TextEncoder().encode(text);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/**
 * @param {string} token
 * @returns {DecodedToken}
 */
export function decodeToken(token) {
  const [h = '', p = '', s = ''] = token.split('.');
  return { h, p, s, header: JSON.parse(b64urlDecode(h)), payload: JSON.parse(b64urlDecode(p)) };
}

/**
 * The token a forgery button sends: the real one, its signature stripped, `alg: none`, or the
 * payload changed (sub: admin) under the old signature.
 * @param {string} token
 * @param {ForgeKind} kind
 * @returns {string}
 */
export function forge(token, kind) {
  const { h, p, s, header, payload } = decodeToken(token);
  if (kind === 'real') return token;
  if (kind === 'strip') return `${h}.${p}.`;
  if (kind === 'none') return `${b64urlEncode(JSON.stringify({ ...header, alg: 'none' }))}.${p}.`;
  return `${h}.${b64urlEncode(JSON.stringify({ ...payload, sub: 'admin' }))}.${s}`;
}

export function renderJwt() {
  const empty = $('jwt-empty');
  const viewEl = $('jwt-view');
  if (!view.token) {
    viewEl.hidden = true;
    empty.hidden = false;
    const mode = view.state?.mode;
    empty.textContent =
      mode === 'memory' || mode === 'redis' ? t('console.jwt.none', { mode }) : t('console.jwt.loginFirst');
    return;
  }
  empty.hidden = true;
  viewEl.hidden = false;
  const parts = decodeToken(view.token);
  /**
   * @param {string} cls
   * @param {string} text
   */
  const span = (cls, text) => {
    const el = document.createElement('span');
    el.className = cls;
    el.textContent = text;
    return el;
  };
  $('jwt-token').replaceChildren(
    span('h', `①${parts.h}`),
    span('dot', '.'),
    span('p', `②${parts.p}`),
    span('dot', '.'),
    span('s', `③${parts.s}`),
  );
  $('jwt-header').textContent = JSON.stringify(parts.header, null, 1);
  $('jwt-payload').textContent = JSON.stringify(parts.payload, null, 1);
  updateExpiry();
  renderForgeLog();
}

/** The seconds the token has left (and its size); every second while one is shown. */
export function updateExpiry() {
  if (!view.token) return;
  const exp = decodeToken(view.token).payload.exp;
  const left = Math.max(0, Math.round((typeof exp === 'number' ? exp : 0) - Date.now() / 1000));
  $('jwt-expires').textContent = `· ${t('console.jwt.expires', { seconds: left })} (${view.token.length} B)`;
}

export function renderForgeLog() {
  $('forge-summary').textContent = t('console.jwt.forged', view.forged);
  $('forge-log').replaceChildren(
    ...view.forgeLog.map((r) => {
      const li = document.createElement('li');
      li.className = r.status === 200 ? 'ok' : 'fail';
      li.textContent = `${t(r.labelKey)} → ${resultLine(r)}`;
      return li;
    }),
  );
}
