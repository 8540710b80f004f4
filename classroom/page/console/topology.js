// @ts-check
// The cluster as boxes: the header's selects, the balancer, Redis and one card per node, from
// each `state`; the per-node rates and the figures from each `tick`.

import { banner, control, fillSelect } from './controls.js';
import { $, part } from './dom.js';
import { renderFigures } from './figures.js';
import { spawnDots } from './flow.js';
import { applyPendingLessonSetup, renderLessonFigure } from './lesson.js';
import { view } from './view.js';
import { modeName, strategyName, t } from './words.js';

/** @import { ClassroomState, ClassroomTick, NodeView } from '../../monitor.ts' */
/** @import { NodeCounts } from '../../tally.ts' */

const NODE_COUNTS = [1, 2, 3, 4, 5, 6, 7, 8];

export function renderState() {
  const s = view.state;
  if (!s) return;
  const busy = s.applying !== null;
  const mode = $('mode', HTMLSelectElement);
  fillSelect(mode, s.modes, modeName, s.mode);
  mode.title = t(`common.mode.${s.mode}`);
  $('mode-name').textContent = t(`common.mode.${s.mode}`);
  fillSelect($('strategy', HTMLSelectElement), s.strategies, strategyName, s.strategy);
  fillSelect($('nodes', HTMLSelectElement), NODE_COUNTS, String, s.nodes.length);
  for (const id of ['mode', 'strategy', 'nodes']) $(id, HTMLSelectElement).disabled = busy;
  renderReconnectEvery(s.reconnectEvery);
  const slider = $('traffic', HTMLInputElement);
  slider.max = String(s.traffic.max);
  if (document.activeElement !== slider) slider.value = String(s.traffic.rate);
  $('traffic-value').textContent = t('console.perSecond', { rate: slider.value });
  $('strategy-name').textContent = strategyName(s.strategy);
  $('balancer-url').textContent = s.balancerUrl;
  renderStore(s, busy);
  renderNodes(s, busy);
  if (s.applying) banner(t('console.applying', { step: t(`console.step.${s.applying.step}`) }));
  else if (s.lastError)
    banner(t('console.error.failed', { message: `${s.lastError.code} ${s.lastError.message}` }), 'error');
  else banner('');
  applyPendingLessonSetup();
}

/**
 * 'never' stands for null (connections kept); the API may have set another k: list it too.
 * @param {number | null} every
 */
function renderReconnectEvery(every) {
  /** @type {('never' | number)[]} */
  const values = ['never', 4, 16];
  if (every !== null && !values.includes(every)) values.push(every);
  /** @param {'never' | number} v */
  const label = (v) =>
    v === 'never' ? t('console.connections.never') : t('console.connections.everyK', { k: v });
  fillSelect($('reconnect-every', HTMLSelectElement), values, label, every ?? 'never');
}

/**
 * @param {ClassroomState} s
 * @param {boolean} busy
 */
function renderStore(s, busy) {
  const box = $('store-box');
  const has = s.store.kind !== 'none';
  box.classList.toggle('off', !has);
  box.classList.toggle('down', has && !s.store.up);
  $('store-status').textContent = !has
    ? t('console.store.none')
    : s.store.up
      ? `✓ ${t('console.store.up')}`
      : `✗ ${t('console.store.down')}`;
  const stop = $('store-stop', HTMLButtonElement);
  const start = $('store-start', HTMLButtonElement);
  stop.hidden = !has;
  start.hidden = !has;
  stop.disabled = busy || !s.store.up;
  start.disabled = busy || s.store.up;
}

/**
 * The node's card: the one on the page, or a new one with its kill and restart buttons.
 * @param {string} id
 * @returns {HTMLElement}
 */
function nodeCard(id) {
  const existing = document.querySelector(`.node[data-id="${id}"]`);
  if (existing instanceof HTMLElement) return existing;
  const card = document.createElement('div');
  card.className = 'node';
  card.dataset.id = id;
  card.innerHTML =
    '<div><div class="id"></div><div class="status"></div></div><div class="rate"></div>' +
    '<div class="counts"><span class="ok"></span><span class="fail"></span><span class="codes"></span></div>' +
    '<div class="node-buttons"><button type="button" class="kill"></button><button type="button" class="restart"></button></div>';
  part(card, '.id').textContent = id;
  part(card, '.kill').addEventListener('click', () => control({ action: 'kill-node', id }));
  part(card, '.restart').addEventListener('click', () => control({ action: 'restart-node', id }));
  return card;
}

/**
 * @param {ClassroomState} s
 * @param {boolean} busy
 */
function renderNodes(s, busy) {
  const cards = s.nodes.map((node) => {
    const card = nodeCard(node.id);
    card.className = `node ${node.status}`;
    const status = part(card, '.status');
    status.className = `status ${node.status}`;
    const mark = node.status === 'up' ? '✓' : node.status === 'down' ? '✗' : '…';
    status.textContent = `${mark} ${t(`console.node.${node.status}`)}`;
    const kill = part(card, '.kill', HTMLButtonElement);
    const restart = part(card, '.restart', HTMLButtonElement);
    kill.textContent = t('console.node.kill');
    restart.textContent = t('console.node.restart');
    kill.hidden = node.status === 'down';
    restart.hidden = node.status !== 'down';
    kill.disabled = busy;
    restart.disabled = busy;
    renderCounts(card, node, 0);
    return card;
  });
  $('node-list').replaceChildren(...cards);
}

/**
 * The two most frequent failure codes: `SESSION_NOT_FOUND 12 · NO_RESPONSE 1`.
 * @param {Record<string, number>} byCode
 * @returns {string}
 */
function topCodes(byCode) {
  return Object.entries(byCode)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([code, n]) => `${code.replace(/^ERR_/, '')} ${n}`)
    .join(' · ');
}

/**
 * @param {HTMLElement} card
 * @param {NodeView} node
 * @param {number} rate requests in the last second
 */
function renderCounts(card, node, rate) {
  part(card, '.rate').textContent = t('console.node.rate', { rate });
  part(card, '.ok').textContent = t('console.node.ok', { count: node.ok });
  part(card, '.fail').textContent = t('console.node.failed', { count: node.failed });
  part(card, '.codes').textContent = topCodes(node.failuresByCode);
}

/** @param {ClassroomTick} tick */
export function onTick(tick) {
  view.tick = tick;
  if (tick.credential) view.measuredBytes[tick.credential.kind] = tick.credential.bytes;
  for (const node of tick.nodes) spawnDots(node.id, node.okRate, node.failedRate);
  renderTickTexts(tick);
}

/**
 * The last tick's words; also on a language switch, so no figure waits a second in the old language.
 * @param {ClassroomTick} tick
 */
export function renderTickTexts(tick) {
  for (const node of tick.nodes) {
    const card = document.querySelector(`.node[data-id="${node.id}"]`);
    if (card instanceof HTMLElement) renderCounts(card, node, node.okRate + node.failedRate);
  }
  /** @type {NodeCounts} */
  const unrouted = tick.unrouted;
  $('unrouted-box').hidden = unrouted.failed === 0;
  $('unrouted-count').textContent = `✗ ${topCodes(unrouted.failuresByCode)}`;
  const total = tick.nodes.reduce((sum, n) => sum + n.okRate + n.failedRate, 0);
  $('clients-rate').textContent = t('console.perSecond', { rate: total });
  renderFigures();
  renderLessonFigure();
}
