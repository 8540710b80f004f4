// @ts-check
// Lesson mode: one step per claim of the study note. Opening a step applies its cluster (one
// `set-cluster` control, once no change is applying), shows its panel, its one-click actions
// and its live figure.

import { control } from './controls.js';
import { $ } from './dom.js';
import { connectionsFigure, credentialFigure, failureFigure, storeFigure } from './figures.js';
import { capacityFigure, lifetimeFigure } from './lesson-extra.js';
import { failoverFigure } from './lesson-failover.js';
import { showPanel } from './panels.js';
import { LESSON_KEY, view } from './view.js';
import { strategyName, t } from './words.js';

/** @import { Figure, LessonAction, LessonStep } from '../../lesson.ts' */
/** @import { Setup } from '../../live-cluster.ts' */
/** @import { MessageKey } from '../../../lib/i18n/index.ts' */

/** @returns {LessonStep | undefined} */
function currentStep() {
  return view.lesson.steps[view.lesson.index];
}

/**
 * @param {Setup} setup
 * @returns {string}
 */
function setupText(setup) {
  const store = setup.redis === 'sentinel' ? ` · ${t('console.lesson.setup.sentinel')}` : '';
  return `${setup.mode} · ${strategyName(setup.strategy)} · ${setup.nodes} ${t('console.nodes')}${store}`;
}

/**
 * A step's words: `console.lesson.<n>.<part>` (the lesson's steps are numbered 1..n).
 * @param {LessonStep} step
 * @param {'title' | 'quote' | 'watch'} part
 * @returns {string}
 */
function stepText(step, part) {
  return t(/** @type {MessageKey} */ (`console.lesson.${step.n}.${part}`));
}

/** @param {number} index clamped to the lesson's steps */
export function goToStep(index) {
  const steps = view.lesson.steps;
  if (steps.length === 0) return;
  view.lesson.index = Math.max(0, Math.min(steps.length - 1, index));
  localStorage.setItem(LESSON_KEY, String(view.lesson.index));
  const step = /** @type {LessonStep} */ (currentStep());
  view.lesson.pending = step.setup;
  showPanel(step.panel);
  renderLesson();
  applyPendingLessonSetup();
}

/** Applies the open step's cluster once nothing is applying (called on every state). */
export function applyPendingLessonSetup() {
  const want = view.lesson.pending;
  const s = view.state;
  if (!view.lesson.on || !want || !s || s.applying) return;
  view.lesson.pending = null;
  // A step names its store topology only when it needs Sentinel; every other step runs one server.
  const redis = want.redis ?? 'single';
  const same = s.mode === want.mode && s.strategy === want.strategy && s.nodes.length === want.nodes;
  if (same && s.redis === redis) return;
  control({ action: 'set-cluster', ...want, redis });
}

/**
 * @param {LessonAction} action
 * @returns {HTMLButtonElement}
 */
function lessonActionButton(action) {
  const button = document.createElement('button');
  button.type = 'button';
  if (action === 'reconnect') {
    button.textContent = t('console.lesson.action.reconnect');
    button.addEventListener('click', () => control({ action: 'reconnect' }));
  } else if (action === 'kill-busiest-node') {
    const target = pinnedNode();
    button.textContent = t('console.lesson.action.kill', { node: target ?? 'node' });
    button.disabled = !target;
    button.addEventListener('click', () => {
      const id = pinnedNode();
      if (id) control({ action: 'kill-node', id });
    });
  } else if (action === 'stop-primary') {
    button.textContent = t('console.lesson.action.stopPrimary');
    button.dataset.action = action;
    button.addEventListener('click', () => control({ action: 'stop-primary' }));
  } else {
    button.textContent = t(
      action === 'stop-store' ? 'console.lesson.action.stopStore' : 'console.lesson.action.startStore',
    );
    button.addEventListener('click', () => control({ action }));
  }
  return button;
}

/**
 * The node your own requests went to, or the busiest one that is up.
 * @returns {string | null}
 */
function pinnedNode() {
  const up = view.state?.nodes.filter((n) => n.up) ?? [];
  if (view.lastTryNode && up.some((n) => n.id === view.lastTryNode)) return view.lastTryNode;
  const busiest = [...(view.tick?.nodes ?? [])].filter((n) => n.up).sort((a, b) => b.okRate - a.okRate)[0];
  return busiest?.id ?? up[0]?.id ?? null;
}

export function renderLesson() {
  $('lesson').hidden = !view.lesson.on;
  $('lesson-toggle').setAttribute('aria-pressed', String(view.lesson.on));
  $('lesson-toggle').textContent = t(view.lesson.on ? 'console.lesson.close' : 'console.lesson.open');
  const step = currentStep();
  if (!view.lesson.on || !step) return;
  $('lesson-progress').textContent =
    `${t('console.lesson.title')} ${t('console.lesson.progress', { step: step.n, total: view.lesson.steps.length })}`;
  $('lesson-title').textContent = stepText(step, 'title');
  $('lesson-quote').textContent = `“${stepText(step, 'quote')}”`;
  // A step may carry a note beside what to watch (the store step: what replication keeps).
  const noteKey = /** @type {MessageKey} */ (`console.lesson.${step.n}.note`);
  const note = view.messages[noteKey] ? ` ${t(noteKey)}` : '';
  $('lesson-watch').textContent = `${stepText(step, 'watch')}${note}`;
  $('lesson-setup').textContent = t('console.lesson.setup', { setup: setupText(step.setup) });
  $('lesson-prev', HTMLButtonElement).disabled = view.lesson.index === 0;
  $('lesson-next', HTMLButtonElement).disabled = view.lesson.index === view.lesson.steps.length - 1;
  $('lesson-actions').replaceChildren(...step.actions.map(lessonActionButton));
  renderLessonFigure();
}

/** @type {Record<Figure, () => string>} */
const FIGURES = {
  requests: () => {
    const ok = view.tryLog.filter((r) => r.status === 200).length;
    const total = view.tryLog.length;
    return `${t('console.try.requests')}: ${t('console.try.summary', { ok, failed: total - ok, total })}`;
  },
  'set-cookie': () => (view.setCookie ? `Set-Cookie: ${view.setCookie[0]}` : t('console.try.noCookie')),
  'failure-rate': () => {
    const f = failureFigure();
    return f.label ? `${f.label}: ${f.text}` : '';
  },
  reconnect: () => {
    const f = failureFigure();
    return f.label ? `${f.label}: ${f.text} · ${connectionsFigure()}` : '';
  },
  'store-ops': () => `${storeFigure()} · ${failureFigure().text}`,
  size: () => credentialFigure(),
  steal: () => {
    const v = view.stealVerdict;
    if (!v || 'error' in v) return t('console.steal.loginFirst');
    return v.after.some((r) => r.status === 200)
      ? `✗ ${t('console.steal.stillWorks')}`
      : `✓ ${t('console.steal.dead')}`;
  },
  forgery: () => t('console.jwt.forged', view.forged),
  lifetimes: () => lifetimeFigure(),
  capacity: () => capacityFigure(() => renderLessonFigure()),
  failover: () => failoverFigure(),
};

export function renderLessonFigure() {
  const step = currentStep();
  if (!view.lesson.on || !step) return;
  $('lesson-figure').textContent = FIGURES[step.figure]?.() ?? '';
  // Only while a Sentinel topology runs and nothing else is applying (the figure renders each tick).
  const stopPrimary = document.querySelector('#lesson-actions button[data-action="stop-primary"]');
  if (stopPrimary instanceof HTMLButtonElement) {
    stopPrimary.disabled = !view.state?.replication || Boolean(view.state.applying);
  }
}

export function toggleLesson() {
  view.lesson.on = !view.lesson.on;
  if (view.lesson.on) goToStep(view.lesson.index);
  else renderLesson();
}
