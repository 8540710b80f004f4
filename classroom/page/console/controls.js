// @ts-check
// Talking to POST /api/control, the banner that says what happened, and the header's selects.

import { $ } from './dom.js';
import { view } from './view.js';
import { t } from './words.js';

/** @import { Control } from '../../control.ts' */

/**
 * Shows `text` (hidden when empty).
 * @param {string} text
 * @param {'info' | 'error'} [kind]
 */
export function banner(text, kind = 'info') {
  const el = $('banner');
  el.hidden = !text;
  el.textContent = text || '';
  el.classList.toggle('error', kind === 'error');
}

/**
 * Sends one control; true when the console accepted it (202), else the banner says why.
 * @param {Control} body
 * @returns {Promise<boolean>}
 */
export async function control(body) {
  const response = await fetch('/api/control', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status === 202) return true;
  /** @type {{ code?: string; message?: string }} */
  const error = await response.json().catch(() => ({}));
  if (error.code === 'ERR_BUSY') banner(t('console.error.busy'), 'error');
  else if (error.code === 'ERR_FORBIDDEN') banner(t('console.error.forbidden'), 'error');
  else banner(`${error.code ?? response.status}: ${error.message ?? ''}`, 'error');
  return false;
}

/**
 * Fills `select` with `values` (only when they or the language changed) and selects `current`.
 * @template {string | number} V
 * @param {HTMLSelectElement} select
 * @param {readonly V[]} values
 * @param {(value: V) => string} label
 * @param {V} current
 */
export function fillSelect(select, values, label, current) {
  const wanted = values.map(String).join('|');
  if (select.dataset.values !== wanted || select.dataset.lang !== view.lang) {
    select.replaceChildren(
      ...values.map((value) => {
        const option = document.createElement('option');
        option.value = String(value);
        option.textContent = label(value);
        return option;
      }),
    );
    select.dataset.values = wanted;
    select.dataset.lang = view.lang;
  }
  select.value = String(current);
}
