// @ts-check
// Every word the page shows comes from GET /api/messages?lang= (the server's catalogues).

import { LANG_KEY, view } from './view.js';

/** @import { MessageKey, Params } from '../../../lib/i18n/index.ts' */
/** @import { StrategyName } from '../../../balancer/config.ts' */

/**
 * The message in the page's language; an unknown `{name}` placeholder stays visible.
 * @param {MessageKey} key
 * @param {Params} [params]
 * @returns {string}
 */
export function t(key, params = {}) {
  const text = view.messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/**
 * ?lang=, then the saved choice, then the browser's language, then the server's default.
 * @param {string} serverDefault
 * @returns {'en' | 'ko'}
 */
export function pickLang(serverDefault) {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'en' || asked === 'ko') return asked;
  const saved = localStorage.getItem(LANG_KEY);
  if (saved === 'en' || saved === 'ko') return saved;
  const browser = (navigator.language || '').toLowerCase();
  if (browser.startsWith('ko')) return 'ko';
  if (browser.startsWith('en')) return 'en';
  return serverDefault === 'ko' ? 'ko' : 'en';
}

/**
 * @param {string} mode
 * @returns {string}
 */
export function modeName(mode) {
  return mode;
}

/**
 * @param {StrategyName} strategy
 * @returns {string}
 */
export function strategyName(strategy) {
  /** @type {MessageKey} */
  const key = `console.strategy.${strategy}`;
  return key in view.messages ? t(key) : strategy;
}
