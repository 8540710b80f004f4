// @ts-check
// The side panel's tabs (try it yourself, JWT inspector) and the projector view.

import { $, all } from './dom.js';
import { PROJECTOR_KEY } from './view.js';

/** @param {'try' | 'jwt'} name */
export function showPanel(name) {
  for (const tab of all('.tabs button')) {
    tab.setAttribute('aria-selected', String(tab.dataset.panel === name));
  }
  $('panel-try').hidden = name !== 'try';
  $('panel-jwt').hidden = name !== 'jwt';
}

/**
 * Large type and thick lines for a projector; remembered in this browser.
 * @param {boolean} on
 * @param {boolean} remember
 */
export function setProjector(on, remember) {
  document.body.classList.toggle('projector', on);
  $('projector').setAttribute('aria-pressed', String(on));
  if (remember) localStorage.setItem(PROJECTOR_KEY, on ? '1' : '0');
}
