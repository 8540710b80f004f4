// authscale classroom page: plain browser JavaScript, no dependencies, served by the console.
// Live data comes from GET /api/events (state + tick), words from GET /api/messages?lang=.

const $ = (id) => document.getElementById(id);
const LANG_KEY = 'authscale.lang';
const LESSON_KEY = 'authscale.lesson';

const view = {
  lang: 'en',
  messages: {},
  state: null,
  tick: null,
  lesson: { on: false, index: 0, steps: [], pending: null },
  token: null,
  tokenExp: 0,
  tryLog: [],
  tryCount: 0,
  lastTryNode: null,
  setCookie: null,
  forged: { tried: 0, rejected: 0 },
  stealVerdict: null,
  loginStatus: null,
  measuredBytes: {},
};

// ---------- words ----------
function t(key, params = {}) {
  const text = view.messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

function pickLang(serverDefault) {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'en' || asked === 'ko') return asked;
  const saved = localStorage.getItem(LANG_KEY);
  if (saved === 'en' || saved === 'ko') return saved;
  const browser = (navigator.language || '').toLowerCase();
  if (browser.startsWith('ko')) return 'ko';
  if (browser.startsWith('en')) return 'en';
  return serverDefault === 'ko' ? 'ko' : 'en';
}

async function setLang(lang, remember) {
  const response = await fetch(`/api/messages?lang=${lang}`);
  const body = await response.json();
  view.lang = body.lang;
  view.messages = body.messages;
  if (remember) localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = view.lang;
  document.title = t('console.title');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  $('lang-en').classList.toggle('active', view.lang === 'en');
  $('lang-ko').classList.toggle('active', view.lang === 'ko');
  $('lang-en').setAttribute('aria-pressed', String(view.lang === 'en'));
  $('lang-ko').setAttribute('aria-pressed', String(view.lang === 'ko'));
  $('lesson-toggle').textContent = t(view.lesson.on ? 'console.lesson.close' : 'console.lesson.open');
  if (view.state) renderState();
  if (view.tick) renderTickTexts(view.tick);
  renderTry();
  renderJwt();
  renderFigures();
  renderLesson();
}

// ---------- controls ----------
function banner(text, kind = 'info') {
  const el = $('banner');
  el.hidden = !text;
  el.textContent = text || '';
  el.classList.toggle('error', kind === 'error');
}

async function control(body) {
  const response = await fetch('/api/control', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status === 202) return true;
  const error = await response.json().catch(() => ({}));
  if (error.code === 'ERR_BUSY') banner(t('console.error.busy'), 'error');
  else if (error.code === 'ERR_FORBIDDEN') banner(t('console.error.forbidden'), 'error');
  else banner(`${error.code ?? response.status}: ${error.message ?? ''}`, 'error');
  return false;
}

function fillSelect(select, values, label, current) {
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

function modeName(mode) {
  return mode;
}

function strategyName(strategy) {
  const key = `console.strategy.${strategy}`;
  return key in view.messages ? t(key) : strategy;
}

// ---------- state ----------
function renderState() {
  const s = view.state;
  const busy = s.applying !== null;
  fillSelect($('mode'), s.modes, modeName, s.mode);
  $('mode').title = t(`common.mode.${s.mode}`);
  $('mode-name').textContent = t(`common.mode.${s.mode}`);
  fillSelect($('strategy'), s.strategies, strategyName, s.strategy);
  fillSelect($('nodes'), [1, 2, 3, 4, 5, 6, 7, 8], String, s.nodes.length);
  for (const id of ['mode', 'strategy', 'nodes']) $(id).disabled = busy;
  renderReconnectEvery(s.reconnectEvery);
  const slider = $('traffic');
  slider.max = String(s.traffic.max);
  if (document.activeElement !== slider) slider.value = String(s.traffic.rate);
  $('traffic-value').textContent = t('console.perSecond', { rate: slider.value });
  $('strategy-name').textContent = strategyName(s.strategy);
  $('balancer-url').textContent = s.balancerUrl;
  renderStore(s, busy);
  renderNodes(s, busy);
  if (busy) banner(t('console.applying', { step: t(`console.step.${s.applying.step}`) }));
  else if (s.lastError)
    banner(t('console.error.failed', { message: `${s.lastError.code} ${s.lastError.message}` }), 'error');
  else banner('');
  applyPendingLessonSetup();
}

// 'never' stands for null (connections kept); the API may have set another k: list it too.
function renderReconnectEvery(every) {
  const values = ['never', 4, 16];
  if (every !== null && !values.includes(every)) values.push(every);
  const label = (v) =>
    v === 'never' ? t('console.connections.never') : t('console.connections.everyK', { k: v });
  fillSelect($('reconnect-every'), values, label, every ?? 'never');
}

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
  $('store-stop').hidden = !has;
  $('store-start').hidden = !has;
  $('store-stop').disabled = busy || !s.store.up;
  $('store-start').disabled = busy || s.store.up;
}

function nodeCard(id) {
  let card = document.querySelector(`.node[data-id="${id}"]`);
  if (card) return card;
  card = document.createElement('div');
  card.className = 'node';
  card.dataset.id = id;
  card.innerHTML =
    '<div><div class="id"></div><div class="status"></div></div><div class="rate"></div>' +
    '<div class="counts"><span class="ok"></span><span class="fail"></span><span class="codes"></span></div>' +
    '<div class="node-buttons"><button type="button" class="kill"></button><button type="button" class="restart"></button></div>';
  card.querySelector('.id').textContent = id;
  card.querySelector('.kill').addEventListener('click', () => control({ action: 'kill-node', id }));
  card.querySelector('.restart').addEventListener('click', () => control({ action: 'restart-node', id }));
  return card;
}

function renderNodes(s, busy) {
  const list = $('node-list');
  const cards = s.nodes.map((node) => {
    const card = nodeCard(node.id);
    card.className = `node ${node.status}`;
    const status = card.querySelector('.status');
    status.className = `status ${node.status}`;
    const mark = node.status === 'up' ? '✓' : node.status === 'down' ? '✗' : '…';
    status.textContent = `${mark} ${t(`console.node.${node.status}`)}`;
    const kill = card.querySelector('.kill');
    const restart = card.querySelector('.restart');
    kill.textContent = t('console.node.kill');
    restart.textContent = t('console.node.restart');
    kill.hidden = node.status === 'down';
    restart.hidden = node.status !== 'down';
    kill.disabled = busy;
    restart.disabled = busy;
    renderCounts(card, node, 0);
    return card;
  });
  list.replaceChildren(...cards);
}

function topCodes(byCode) {
  return Object.entries(byCode)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([code, n]) => `${code.replace(/^ERR_/, '')} ${n}`)
    .join(' · ');
}

function renderCounts(card, node, rate) {
  card.querySelector('.rate').textContent = t('console.node.rate', { rate });
  card.querySelector('.ok').textContent = t('console.node.ok', { count: node.ok });
  card.querySelector('.fail').textContent = t('console.node.failed', { count: node.failed });
  card.querySelector('.codes').textContent = topCodes(node.failuresByCode);
}

// ---------- ticks and the flow of dots ----------
function onTick(tick) {
  view.tick = tick;
  if (tick.credential) view.measuredBytes[tick.credential.kind] = tick.credential.bytes;
  for (const node of tick.nodes) spawnDots(node.id, node.okRate, node.failedRate);
  renderTickTexts(tick);
}

/** The last tick's words; also on a language switch, so no figure waits a second in the old language. */
function renderTickTexts(tick) {
  for (const node of tick.nodes) {
    const card = document.querySelector(`.node[data-id="${node.id}"]`);
    if (card) renderCounts(card, node, node.okRate + node.failedRate);
  }
  const unrouted = tick.unrouted.failed;
  $('unrouted-box').hidden = unrouted === 0;
  $('unrouted-count').textContent = `✗ ${topCodes(tick.unrouted.failuresByCode)}`;
  const total = tick.nodes.reduce((sum, n) => sum + n.okRate + n.failedRate, 0);
  $('clients-rate').textContent = t('console.perSecond', { rate: total });
  renderFigures();
  renderLessonFigure();
}

const dots = [];
const MAX_DOTS_PER_NODE = 10;

function spawnDots(nodeId, ok, failed) {
  const total = ok + failed;
  if (total === 0) return;
  const shown = Math.min(total, MAX_DOTS_PER_NODE);
  const now = performance.now();
  for (let i = 0; i < shown; i++) {
    // Keep the ok/failed proportion of the real second in the dots drawn.
    const isOk = i < Math.round((shown * ok) / total);
    dots.push({ nodeId, ok: isOk, start: now + (i * 1000) / shown + Math.random() * 60 });
  }
}

function anchor(el, side, canvasBox) {
  const box = el.getBoundingClientRect();
  return {
    x: (side === 'right' ? box.right : box.left) - canvasBox.left,
    y: box.top + box.height / 2 - canvasBox.top,
  };
}

let lastFrame = 0;

function drawFlow(now) {
  // About 25 frames a second is smooth enough for dots and spares the CPU of a shared machine.
  if (now - lastFrame < 40) {
    requestAnimationFrame(drawFlow);
    return;
  }
  lastFrame = now;
  const canvas = $('flow');
  const box = canvas.getBoundingClientRect();
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(box.width * ratio) || canvas.height !== Math.round(box.height * ratio)) {
    canvas.width = Math.round(box.width * ratio);
    canvas.height = Math.round(box.height * ratio);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, box.width, box.height);
  const projector = document.body.classList.contains('projector');
  const ink = projector ? '#000' : '#1b1f24';
  const from = anchor($('clients-box'), 'right', box);
  const lb = anchor($('balancer-box'), 'left', box);
  const lbOut = anchor($('balancer-box'), 'right', box);
  const store = $('store-box');
  ctx.lineWidth = projector ? 3 : 2;
  ctx.strokeStyle = ink;
  line(ctx, from, lb);
  const targets = {};
  for (const card of document.querySelectorAll('.node')) {
    const to = anchor(card, 'left', box);
    targets[card.dataset.id] = to;
    ctx.setLineDash(card.classList.contains('down') ? [6, 6] : []);
    line(ctx, lbOut, to);
  }
  ctx.setLineDash([]);
  if (view.state && view.state.store.kind !== 'none') {
    const storeBox = store.getBoundingClientRect();
    const balancerBox = $('balancer-box').getBoundingClientRect();
    const x = balancerBox.left + balancerBox.width / 2 - box.left;
    ctx.setLineDash(view.state.store.up ? [] : [6, 6]);
    line(ctx, { x, y: balancerBox.bottom - box.top }, { x, y: storeBox.top - box.top });
    ctx.setLineDash([]);
  }
  const travel = 900;
  for (let i = dots.length - 1; i >= 0; i--) {
    const dot = dots[i];
    const progress = (now - dot.start) / travel;
    const to = targets[dot.nodeId];
    if (progress > 1 || !to) {
      dots.splice(i, 1);
      continue;
    }
    if (progress < 0) continue;
    const p = progress < 0.4 ? lerp(from, lb, progress / 0.4) : lerp(lbOut, to, (progress - 0.4) / 0.6);
    drawDot(ctx, p, dot.ok, projector);
  }
  requestAnimationFrame(drawFlow);
}

function line(ctx, a, b) {
  ctx.beginPath();
  ctx.moveTo(a.x, a.y);
  ctx.lineTo(b.x, b.y);
  ctx.stroke();
}

function lerp(a, b, f) {
  return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
}

function drawDot(ctx, p, ok, projector) {
  const r = projector ? 10 : 8;
  ctx.beginPath();
  ctx.arc(p.x, p.y, r, 0, Math.PI * 2);
  ctx.fillStyle = ok ? '#1a7f37' : '#c62828';
  ctx.fill();
  ctx.fillStyle = '#fff';
  ctx.font = `bold ${r + 4}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(ok ? '✓' : '✗', p.x, p.y + 1);
}

// ---------- figures ----------
function percent(value) {
  return value === null || value === undefined ? '–' : `${Math.round(value * 100)} %`;
}

function failureFigure() {
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

function storeFigure() {
  const tick = view.tick;
  if (!tick || !view.state) return '';
  if (view.state.store.kind === 'none') return t('console.figure.noStore');
  return t('console.figure.storeOps', {
    value: tick.storeOpsPerRequest === null ? '–' : tick.storeOpsPerRequest.toFixed(2),
  });
}

function credentialFigure() {
  const { cookie, bearer } = view.measuredBytes;
  if (cookie && bearer) return t('console.figure.credentialBoth', { cookie, bearer });
  const c = view.tick?.credential;
  if (!c) return '';
  const kind = t(c.kind === 'cookie' ? 'console.figure.credentialCookie' : 'console.figure.credentialBearer');
  return t('console.figure.credential', { bytes: c.bytes, kind });
}

/** Behind `connection`: the users' connections and how their first requests on new ones fared. */
function connectionsFigure() {
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

function renderFigures() {
  if (!view.tick) return;
  $('fig-connections').textContent = view.state?.strategy === 'connection' ? connectionsFigure() : '';
  const failure = failureFigure();
  $('fig-rate-label').textContent = failure.label;
  $('fig-rate').textContent = failure.text;
  $('fig-store').textContent = storeFigure();
  $('fig-credential').textContent = credentialFigure();
  $('fig-logins').textContent = t('console.figure.logins', { count: view.tick.logins });
}

// ---------- try it yourself ----------
function authHeaders() {
  return view.token ? { authorization: `Bearer ${view.token}` } : {};
}

async function tryRequest(method, path, options = {}) {
  const response = await fetch(`/try${path}`, {
    method,
    headers: {
      ...authHeaders(),
      ...(options.json ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.json ? { body: JSON.stringify(options.json) } : {}),
  });
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const seen = response.headers.get('x-classroom-set-cookie');
  if (seen) view.setCookie = JSON.parse(seen);
  return { status: response.status, node: response.headers.get('x-node-id'), code: body?.code ?? null, body };
}

function logTry(result) {
  view.tryCount++;
  if (result.node) view.lastTryNode = result.node;
  view.tryLog.unshift({ n: view.tryCount, ...result });
  view.tryLog.length = Math.min(view.tryLog.length, 40);
}

function resultLine(r) {
  const ok = r.status >= 200 && r.status < 300;
  return `${ok ? '✓' : '✗'} ${r.node ?? '—'} · ${r.status}${r.code ? ` ${r.code}` : ''}`;
}

function renderTry() {
  const status = $('login-status');
  status.textContent = view.loginStatus ? t(view.loginStatus.key, view.loginStatus.params) : '';
  status.className = `status ${view.loginStatus?.cls ?? ''}`;
  const cookie = $('set-cookie');
  cookie.textContent = view.setCookie
    ? view.setCookie.map((l) => `Set-Cookie: ${l}`).join('\n')
    : t('console.try.noCookie');
  const log = $('try-log');
  log.replaceChildren(
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

async function login(event) {
  event.preventDefault();
  view.token = null;
  view.loginStatus = null;
  // "Your requests" are those of this login.
  view.tryLog = [];
  view.tryCount = 0;
  renderTry();
  const username = $('user').value;
  const password = $('password').value;
  const result = await tryRequest('POST', '/auth/login', { json: { username, password } });
  if (result.status === 200) {
    if (typeof result.body?.accessToken === 'string') {
      view.token = result.body.accessToken;
      view.tokenExp = Date.now() / 1000 + (result.body.expiresIn ?? 0);
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

async function meTimes(count) {
  for (let i = 0; i < count; i++) {
    logTry(await tryRequest('GET', '/api/me'));
    renderTry();
  }
}

async function logout() {
  const result = await tryRequest('POST', '/auth/logout');
  view.token = null;
  view.loginStatus = { key: 'console.try.loggedOut', params: { status: result.status }, cls: '' };
  renderTry();
  renderJwt();
}

async function steal() {
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
    view.stealVerdict = body;
    view.token = null;
    view.loginStatus = { key: 'console.try.loggedOut', params: { status: body.logout.status }, cls: '' };
  }
  renderTry();
  renderJwt();
  renderLessonFigure();
}

function renderSteal() {
  const box = $('steal-result');
  const v = view.stealVerdict;
  box.hidden = !v;
  if (!v) return;
  if (v.error) {
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

// ---------- JWT inspector ----------
function b64urlDecode(part) {
  const text = part.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(text + '='.repeat((4 - (text.length % 4)) % 4)), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

function b64urlEncode(text) {
  const bytes = new TextEncoder().encode(text);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function decodeToken(token) {
  const [h, p, s] = token.split('.');
  return { h, p, s, header: JSON.parse(b64urlDecode(h)), payload: JSON.parse(b64urlDecode(p)) };
}

function forge(kind) {
  const { h, p, s, header, payload } = decodeToken(view.token);
  if (kind === 'real') return view.token;
  if (kind === 'strip') return `${h}.${p}.`;
  if (kind === 'none') return `${b64urlEncode(JSON.stringify({ ...header, alg: 'none' }))}.${p}.`;
  return `${h}.${b64urlEncode(JSON.stringify({ ...payload, sub: 'admin' }))}.${s}`;
}

function renderJwt() {
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
  const token = $('jwt-token');
  const span = (cls, text) => {
    const el = document.createElement('span');
    el.className = cls;
    el.textContent = text;
    return el;
  };
  token.replaceChildren(
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

function updateExpiry() {
  if (!view.token) return;
  const exp = decodeToken(view.token).payload.exp;
  const left = Math.max(0, Math.round(exp - Date.now() / 1000));
  $('jwt-expires').textContent = `· ${t('console.jwt.expires', { seconds: left })} (${view.token.length} B)`;
}

const forgeLog = [];
function renderForgeLog() {
  $('forge-summary').textContent = t('console.jwt.forged', view.forged);
  $('forge-log').replaceChildren(
    ...forgeLog.map((r) => {
      const li = document.createElement('li');
      li.className = r.status === 200 ? 'ok' : 'fail';
      li.textContent = `${t(r.labelKey)} → ${resultLine(r)}`;
      return li;
    }),
  );
}

async function sendForged(kind) {
  if (!view.token) return;
  const labels = {
    real: 'console.jwt.send',
    strip: 'console.jwt.strip',
    none: 'console.jwt.algNone',
    tamper: 'console.jwt.tamper',
  };
  const result = await tryRequest('GET', '/api/me', { headers: { authorization: `Bearer ${forge(kind)}` } });
  if (kind !== 'real') {
    view.forged.tried++;
    if (result.status === 401) view.forged.rejected++;
  }
  forgeLog.unshift({ labelKey: labels[kind], ...result });
  forgeLog.length = Math.min(forgeLog.length, 12);
  logTry(result);
  renderTry();
  renderForgeLog();
  renderLessonFigure();
}

// ---------- lesson mode ----------
function currentStep() {
  return view.lesson.steps[view.lesson.index];
}

function setupText(setup) {
  return `${setup.mode} · ${strategyName(setup.strategy)} · ${setup.nodes} ${t('console.nodes')}`;
}

function goToStep(index) {
  const steps = view.lesson.steps;
  if (steps.length === 0) return;
  view.lesson.index = Math.max(0, Math.min(steps.length - 1, index));
  localStorage.setItem(LESSON_KEY, String(view.lesson.index));
  view.lesson.pending = currentStep().setup;
  showPanel(currentStep().panel);
  renderLesson();
  applyPendingLessonSetup();
}

function applyPendingLessonSetup() {
  const want = view.lesson.pending;
  const s = view.state;
  if (!view.lesson.on || !want || !s || s.applying) return;
  view.lesson.pending = null;
  if (s.mode === want.mode && s.strategy === want.strategy && s.nodes.length === want.nodes) return;
  control({ action: 'set-cluster', ...want });
}

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
    button.addEventListener('click', () => control({ action: 'kill-node', id: pinnedNode() }));
  } else {
    button.textContent = t(
      action === 'stop-store' ? 'console.lesson.action.stopStore' : 'console.lesson.action.startStore',
    );
    button.addEventListener('click', () => control({ action }));
  }
  return button;
}

/** The node your own requests went to, or the busiest one that is up. */
function pinnedNode() {
  const up = view.state?.nodes.filter((n) => n.up) ?? [];
  if (view.lastTryNode && up.some((n) => n.id === view.lastTryNode)) return view.lastTryNode;
  const busiest = [...(view.tick?.nodes ?? [])].filter((n) => n.up).sort((a, b) => b.okRate - a.okRate)[0];
  return busiest?.id ?? up[0]?.id ?? null;
}

function renderLesson() {
  const section = $('lesson');
  section.hidden = !view.lesson.on;
  $('lesson-toggle').setAttribute('aria-pressed', String(view.lesson.on));
  $('lesson-toggle').textContent = t(view.lesson.on ? 'console.lesson.close' : 'console.lesson.open');
  const step = currentStep();
  if (!view.lesson.on || !step) return;
  $('lesson-progress').textContent =
    `${t('console.lesson.title')} ${t('console.lesson.progress', { step: step.n, total: view.lesson.steps.length })}`;
  $('lesson-title').textContent = t(`console.lesson.${step.n}.title`);
  $('lesson-quote').textContent = `“${t(`console.lesson.${step.n}.quote`)}”`;
  $('lesson-watch').textContent = t(`console.lesson.${step.n}.watch`);
  $('lesson-setup').textContent = t('console.lesson.setup', { setup: setupText(step.setup) });
  $('lesson-prev').disabled = view.lesson.index === 0;
  $('lesson-next').disabled = view.lesson.index === view.lesson.steps.length - 1;
  $('lesson-actions').replaceChildren(...step.actions.map(lessonActionButton));
  renderLessonFigure();
}

function renderLessonFigure() {
  const step = currentStep();
  if (!view.lesson.on || !step) return;
  const el = $('lesson-figure');
  const ok = view.tryLog.filter((r) => r.status === 200).length;
  const figures = {
    requests: () =>
      `${t('console.try.requests')}: ${t('console.try.summary', { ok, failed: view.tryLog.length - ok, total: view.tryLog.length })}`,
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
      if (!v || v.error) return t('console.steal.loginFirst');
      return v.after.some((r) => r.status === 200)
        ? `✗ ${t('console.steal.stillWorks')}`
        : `✓ ${t('console.steal.dead')}`;
    },
    forgery: () => t('console.jwt.forged', view.forged),
    lifetimes: () => lifetimeFigure(),
    capacity: () => capacityFigure(),
  };
  el.textContent = figures[step.figure]?.() ?? '';
}

/** GET /api/capacity, fetched at most every 5 s while the capacity step is open. */
function capacityFigure() {
  const c = view.capacity;
  if (!view.capacityAt || Date.now() - view.capacityAt > 5000) {
    view.capacityAt = Date.now();
    fetch('/api/capacity')
      .then((r) => r.json())
      .then((body) => {
        view.capacity = body;
        renderLessonFigure();
      })
      .catch(() => undefined);
  }
  if (!c) return '';
  if (c.where === 'none') return t('console.figure.capacity.none');
  if (c.where !== 'redis' || c.bytesPerSession === null)
    return t('console.figure.capacity.notMeasured', { mode: c.mode });
  return t('console.figure.capacity.redis', {
    sessions: c.sessions,
    bytes: c.bytesPerSession,
    million: Math.round(c.perMillionBytes / 1e6),
  });
}

/** From the viewer's own access token: its lifetime is exp − iat; the rest follows from it. */
function lifetimeFigure() {
  if (!view.token) return t('console.figure.lifetimesNoToken');
  const { exp, iat } = decodeToken(view.token).payload;
  const seconds = exp - iat;
  if (!(seconds > 0)) return t('console.figure.lifetimesNoToken');
  return t('console.figure.lifetimes', {
    minutes: Math.round((seconds / 60) * 10) / 10,
    refreshes: Math.round((3600 / seconds) * 10) / 10,
  });
}

function toggleLesson() {
  view.lesson.on = !view.lesson.on;
  if (view.lesson.on) goToStep(view.lesson.index);
  else renderLesson();
}

// ---------- panels, projector, wiring ----------
function showPanel(name) {
  for (const tab of document.querySelectorAll('.tabs button')) {
    tab.setAttribute('aria-selected', String(tab.dataset.panel === name));
  }
  $('panel-try').hidden = name !== 'try';
  $('panel-jwt').hidden = name !== 'jwt';
}

function wire() {
  for (const id of ['mode', 'strategy', 'nodes']) {
    $(id).addEventListener('change', (event) => {
      const value = event.target.value;
      const body =
        id === 'mode'
          ? { action: 'set-mode', mode: value }
          : id === 'strategy'
            ? { action: 'set-strategy', strategy: value }
            : { action: 'set-nodes', nodes: Number(value) };
      control(body).then((ok) => {
        if (!ok && view.state) renderState();
      });
    });
  }
  const slider = $('traffic');
  slider.addEventListener('input', () => {
    $('traffic-value').textContent = t('console.perSecond', { rate: slider.value });
  });
  slider.addEventListener('change', () => control({ action: 'set-traffic', rate: Number(slider.value) }));
  $('reconnect').addEventListener('click', () => control({ action: 'reconnect' }));
  $('reconnect-every').addEventListener('change', (event) => {
    const value = event.target.value;
    control({ action: 'set-reconnect', every: value === 'never' ? null : Number(value) });
  });
  $('store-stop').addEventListener('click', () => control({ action: 'stop-store' }));
  $('store-start').addEventListener('click', () => control({ action: 'start-store' }));
  $('lang-en').addEventListener('click', () => setLang('en', true));
  $('lang-ko').addEventListener('click', () => setLang('ko', true));
  $('projector').addEventListener('click', () => {
    const on = document.body.classList.toggle('projector');
    $('projector').setAttribute('aria-pressed', String(on));
    localStorage.setItem('authscale.projector', on ? '1' : '0');
  });
  $('lesson-toggle').addEventListener('click', toggleLesson);
  $('lesson-prev').addEventListener('click', () => goToStep(view.lesson.index - 1));
  $('lesson-next').addEventListener('click', () => goToStep(view.lesson.index + 1));
  for (const tab of document.querySelectorAll('.tabs button')) {
    tab.addEventListener('click', () => showPanel(tab.dataset.panel));
  }
  $('login-form').addEventListener('submit', login);
  $('me10').addEventListener('click', () => meTimes(10));
  $('logout').addEventListener('click', logout);
  $('steal').addEventListener('click', steal);
  for (const button of document.querySelectorAll('[data-forge]')) {
    button.addEventListener('click', () => sendForged(button.dataset.forge));
  }
  document.addEventListener('keydown', (event) => {
    if (!view.lesson.on || event.target.closest('input, select, textarea')) return;
    if (event.key === 'ArrowRight') goToStep(view.lesson.index + 1);
    if (event.key === 'ArrowLeft') goToStep(view.lesson.index - 1);
  });
  setInterval(updateExpiry, 1000);
}

function connect() {
  const source = new EventSource('/api/events');
  source.addEventListener('state', (event) => {
    const previous = view.state;
    view.state = JSON.parse(event.data);
    if (previous && previous.generation !== view.state.generation) view.tick = null;
    document.body.dataset.mode = view.state.mode;
    document.body.dataset.strategy = view.state.strategy;
    document.body.dataset.applying = view.state.applying ? view.state.applying.step : '';
    document.body.dataset.error = view.state.lastError ? view.state.lastError.code : '';
    renderState();
    renderJwt();
  });
  source.addEventListener('tick', (event) => onTick(JSON.parse(event.data)));
}

async function start() {
  wire();
  const [state, lesson] = await Promise.all([
    fetch('/api/state').then((r) => r.json()),
    fetch('/api/lesson').then((r) => r.json()),
  ]);
  view.state = state;
  view.lesson.steps = lesson.steps;
  view.lesson.index = Math.min(Number(localStorage.getItem(LESSON_KEY) ?? 0) || 0, lesson.steps.length - 1);
  const params = new URLSearchParams(location.search);
  if (params.get('projector') === '1' || localStorage.getItem('authscale.projector') === '1') {
    document.body.classList.add('projector');
    $('projector').setAttribute('aria-pressed', 'true');
  }
  await setLang(pickLang(state.lang), false);
  connect();
  requestAnimationFrame(drawFlow);
  document.body.dataset.ready = '1';
}

start();
