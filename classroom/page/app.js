// @ts-check
// authscale classroom page: plain browser ES modules (./console/*.js), no dependencies and no
// build step, served by the console. Live data comes from GET /api/events (state + tick), words
// from GET /api/messages?lang=. This module wires the page together and starts it.

import { control } from './console/controls.js';
import { $, all } from './console/dom.js';
import { renderFigures } from './console/figures.js';
import { drawFlow } from './console/flow.js';
import { renderJwt, updateExpiry } from './console/jwt.js';
import { goToStep, renderLesson, toggleLesson } from './console/lesson.js';
import { setProjector, showPanel } from './console/panels.js';
import { onTick, renderState, renderTickTexts } from './console/topology.js';
import { isForgeKind, login, logout, meTimes, renderTry, sendForged, steal } from './console/try-it.js';
import { LANG_KEY, LESSON_KEY, PROJECTOR_KEY, view } from './console/view.js';
import { pickLang, t } from './console/words.js';

/** @import { ClassroomState, ClassroomTick } from '../monitor.ts' */
/** @import { Control } from '../control.ts' */
/** @import { LessonBody, MessagesBody } from '../build-classroom.ts' */
/** @import { MessageKey } from '../../lib/i18n/index.ts' */

/**
 * Loads the words of `lang` and redraws everything in it.
 * @param {'en' | 'ko'} lang
 * @param {boolean} remember keep the choice in this browser
 */
async function setLang(lang, remember) {
  const response = await fetch(`/api/messages?lang=${lang}`);
  /** @type {MessagesBody} */
  const body = await response.json();
  view.lang = body.lang;
  view.messages = body.messages;
  if (remember) localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = view.lang;
  document.title = t('console.title');
  for (const el of all('[data-i18n]')) {
    el.textContent = t(/** @type {MessageKey} */ (el.dataset.i18n));
  }
  for (const code of /** @type {const} */ (['en', 'ko'])) {
    $(`lang-${code}`).classList.toggle('active', view.lang === code);
    $(`lang-${code}`).setAttribute('aria-pressed', String(view.lang === code));
  }
  $('lesson-toggle').textContent = t(view.lesson.on ? 'console.lesson.close' : 'console.lesson.open');
  if (view.state) renderState();
  if (view.tick) renderTickTexts(view.tick);
  renderTry();
  renderJwt();
  renderFigures();
  renderLesson();
}

/** The header's selects and slider, the connection controls and the Redis buttons. */
function wireControls() {
  for (const id of ['mode', 'strategy', 'nodes']) {
    const select = $(id, HTMLSelectElement);
    select.addEventListener('change', () => {
      const value = select.value;
      /** @type {Control} */
      const body =
        id === 'mode'
          ? { action: 'set-mode', mode: /** @type {ClassroomState['mode']} */ (value) }
          : id === 'strategy'
            ? { action: 'set-strategy', strategy: /** @type {ClassroomState['strategy']} */ (value) }
            : { action: 'set-nodes', nodes: Number(value) };
      control(body).then((ok) => {
        if (!ok && view.state) renderState();
      });
    });
  }
  const slider = $('traffic', HTMLInputElement);
  slider.addEventListener('input', () => {
    $('traffic-value').textContent = t('console.perSecond', { rate: slider.value });
  });
  slider.addEventListener('change', () => control({ action: 'set-traffic', rate: Number(slider.value) }));
  $('reconnect').addEventListener('click', () => control({ action: 'reconnect' }));
  const every = $('reconnect-every', HTMLSelectElement);
  every.addEventListener('change', () => {
    control({ action: 'set-reconnect', every: every.value === 'never' ? null : Number(every.value) });
  });
  $('store-stop').addEventListener('click', () => control({ action: 'stop-store' }));
  $('store-start').addEventListener('click', () => control({ action: 'start-store' }));
}

/** Language, projector, lesson, tabs and the side panel's buttons. */
function wireViewer() {
  $('lang-en').addEventListener('click', () => setLang('en', true));
  $('lang-ko').addEventListener('click', () => setLang('ko', true));
  $('projector').addEventListener('click', () =>
    setProjector(!document.body.classList.contains('projector'), true),
  );
  $('lesson-toggle').addEventListener('click', toggleLesson);
  $('lesson-prev').addEventListener('click', () => goToStep(view.lesson.index - 1));
  $('lesson-next').addEventListener('click', () => goToStep(view.lesson.index + 1));
  for (const tab of all('.tabs button')) {
    tab.addEventListener('click', () => showPanel(tab.dataset.panel === 'jwt' ? 'jwt' : 'try'));
  }
  $('login-form').addEventListener('submit', login);
  $('me10').addEventListener('click', () => meTimes(10));
  $('logout').addEventListener('click', logout);
  $('steal').addEventListener('click', steal);
  for (const button of all('[data-forge]')) {
    const kind = button.dataset.forge ?? '';
    if (isForgeKind(kind)) button.addEventListener('click', () => sendForged(kind));
  }
  document.addEventListener('keydown', (event) => {
    const inField = event.target instanceof Element && event.target.closest('input, select, textarea');
    if (!view.lesson.on || inField) return;
    if (event.key === 'ArrowRight') goToStep(view.lesson.index + 1);
    if (event.key === 'ArrowLeft') goToStep(view.lesson.index - 1);
  });
  setInterval(updateExpiry, 1000);
}

/**
 * GET /api/events: a `state` on every change of the set-up, a `tick` every second. The page's
 * only stream: students.js gets both as `authscale:state` / `authscale:tick` DOM events.
 */
function connect() {
  const source = new EventSource('/api/events');
  source.addEventListener('state', (event) => {
    const previous = view.state;
    /** @type {ClassroomState} */
    const state = JSON.parse(event.data);
    document.dispatchEvent(new CustomEvent('authscale:state', { detail: state }));
    view.state = state;
    if (previous && previous.generation !== state.generation) view.tick = null;
    document.body.dataset.mode = state.mode;
    document.body.dataset.strategy = state.strategy;
    document.body.dataset.applying = state.applying ? state.applying.step : '';
    document.body.dataset.error = state.lastError ? state.lastError.code : '';
    renderState();
    renderJwt();
  });
  source.addEventListener('tick', (event) => {
    /** @type {ClassroomTick} */
    const tick = JSON.parse(event.data);
    document.dispatchEvent(new CustomEvent('authscale:tick', { detail: tick }));
    onTick(tick);
  });
}

async function start() {
  wireControls();
  wireViewer();
  /** @type {[ClassroomState, LessonBody]} */
  const [state, lesson] = await Promise.all([
    fetch('/api/state').then((r) => r.json()),
    fetch('/api/lesson').then((r) => r.json()),
  ]);
  view.state = state;
  view.lesson.steps = lesson.steps;
  view.lesson.index = Math.min(Number(localStorage.getItem(LESSON_KEY) ?? 0) || 0, lesson.steps.length - 1);
  const params = new URLSearchParams(location.search);
  if (params.get('projector') === '1' || localStorage.getItem(PROJECTOR_KEY) === '1')
    setProjector(true, false);
  await setLang(pickLang(state.lang), false);
  connect();
  requestAnimationFrame(drawFlow);
  document.body.dataset.ready = '1';
}

start();
