// The students' /join page. Served on the load balancer's origin: /auth and /api go to the nodes
// through the balancer on this phone's own keep-alive connection, /join/api to the console.
// Every word comes from /join/api/messages; names and server text are shown with textContent.
const $ = (id) => document.getElementById(id);
const MIN_GAP_MS = 300;
const SHOWN = 8;
const view = {
  words: {},
  student: null,
  token: null,
  ok: 0,
  failed: 0,
  generation: null,
  timer: null,
  busy: false,
  lastSent: 0,
};

const t = (key, params = {}) =>
  (view.words[key] ?? key).replace(/\{(\w+)\}/g, (whole, name) =>
    name in params ? String(params[name]) : whole,
  );

function pickLang() {
  return (navigator.language || 'en').toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

async function loadWords() {
  const lang = pickLang();
  const response = await fetch(`/join/api/messages?lang=${lang}`);
  view.words = (await response.json()).messages;
  document.documentElement.lang = lang;
  for (const element of document.querySelectorAll('[data-t]')) element.textContent = t(element.dataset.t);
}

function notice(text) {
  $('notice').textContent = text ?? '';
  $('notice').hidden = !text;
}

function reason(code) {
  const key = `students.phone.reason.${code}`;
  return key in view.words ? t(key) : t('students.phone.reason.other', { code: code ?? '?' });
}

async function post(path, body) {
  return fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Sends one request to the cluster; returns which node answered, the status and the code. */
async function ask(path, init = {}) {
  try {
    const response = await fetch(path, { cache: 'no-store', ...init });
    const text = await response.text();
    let body = {};
    try {
      body = JSON.parse(text);
    } catch {
      body = {};
    }
    return {
      node: response.headers.get('x-node-id'),
      status: response.status,
      code: typeof body.code === 'string' ? body.code : null,
      body,
    };
  } catch {
    return { node: null, status: 0, code: 'ERR_NO_RESPONSE', body: {} };
  }
}

async function report(kind, answer) {
  const s = view.student;
  if (!s) return;
  const response = await post('/join/api/report', {
    id: s.id,
    key: s.key,
    kind,
    node: answer.node,
    status: answer.status,
    code: answer.code,
  }).catch(() => null);
  if (!response) return;
  if (response.status === 401) return leaveLocally(t('students.phone.gone'));
  if (response.status === 429) return notice(t('students.phone.slowDown'));
  if (response.ok) showSetup(await response.json());
}

function showSetup(setup) {
  $('setup').textContent = t('students.phone.setup', { mode: setup.mode, strategy: setup.strategy });
  document.body.dataset.mode = setup.mode;
  if (view.generation !== null && setup.generation !== view.generation) {
    view.ok = 0;
    view.failed = 0;
    view.token = null;
    $('answers').replaceChildren();
    renderTally();
    notice(t('students.phone.setupChanged'));
  }
  view.generation = setup.generation;
}

function renderTally() {
  const total = view.ok + view.failed;
  const rate = total === 0 ? '–' : `${Math.round((view.failed / total) * 100)} %`;
  $('tally').textContent = t('students.phone.tally', { ok: view.ok, failed: view.failed, rate });
  document.body.dataset.ok = String(view.ok);
  document.body.dataset.failed = String(view.failed);
}

function showAnswer(answer) {
  const ok = answer.status >= 200 && answer.status < 300;
  const line = document.createElement('li');
  line.className = ok ? 'ok' : 'failed';
  const node = answer.node ?? t('students.phone.noNode');
  const status = answer.status || '–';
  line.textContent = ok
    ? t('students.phone.ok', { node, status })
    : t('students.phone.failed', { node, status, reason: reason(answer.code) });
  $('answers').prepend(line);
  while ($('answers').children.length > SHOWN) $('answers').lastElementChild.remove();
}

async function me() {
  const now = Date.now();
  if (view.busy || now - view.lastSent < MIN_GAP_MS) return;
  view.busy = true;
  view.lastSent = now;
  try {
    const headers = view.token ? { authorization: `Bearer ${view.token}` } : {};
    const answer = await ask('/api/me', { headers });
    if (answer.status >= 200 && answer.status < 300) view.ok++;
    else view.failed++;
    renderTally();
    showAnswer(answer);
    await report('me', answer);
  } finally {
    view.busy = false;
  }
}

async function login() {
  const s = view.student;
  document.body.dataset.loggedIn = '0';
  notice('');
  const answer = await ask('/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: s.username, password: s.password }),
  });
  await report('login', answer);
  if (answer.status !== 200) return notice(t('students.phone.loginFailed', { reason: reason(answer.code) }));
  view.token = typeof answer.body.accessToken === 'string' ? answer.body.accessToken : null;
  // The figures count from this login: what this session meets.
  view.ok = 0;
  view.failed = 0;
  $('answers').replaceChildren();
  renderTally();
  notice('');
  $('who').textContent = t('students.phone.loggedIn', { name: s.name, node: answer.node ?? '?' });
  document.body.dataset.loggedIn = '1';
}

async function logout() {
  const headers = view.token ? { authorization: `Bearer ${view.token}` } : {};
  await ask('/auth/logout', { method: 'POST', headers });
  view.token = null;
  $('who').textContent = `${view.student.name} · ${t('students.phone.loggedOut')}`;
  document.body.dataset.loggedIn = '0';
}

/** About once a second, with a little jitter: phones that started together must not tick in
 * lock-step, or a round-robin rotation would pin each one to the same node every time. */
function setRepeat(on) {
  clearTimeout(view.timer);
  view.timer = null;
  view.chain = (view.chain ?? 0) + 1;
  const chain = view.chain;
  if (!on) return;
  const next = () => {
    view.timer = setTimeout(
      async () => {
        await me();
        if (view.chain === chain) next();
      },
      850 + Math.random() * 300,
    );
  };
  next();
}

function showSession() {
  $('join-form').hidden = true;
  $('session').hidden = false;
  $('who').textContent = `${view.student.name} · ${t('students.phone.loggedOut')}`;
  renderTally();
}

function leaveLocally(message) {
  setRepeat(false);
  $('repeat').checked = false;
  view.student = null;
  sessionStorage.removeItem('authscale.student');
  $('session').hidden = true;
  $('join-form').hidden = false;
  notice(message);
}

async function join(event) {
  event.preventDefault();
  const response = await post('/join/api/hello', { name: $('name').value }).catch(() => null);
  if (!response?.ok) {
    const code = response ? (await response.json().catch(() => ({}))).code : null;
    return notice(
      code === 'ERR_CLASS_FULL'
        ? t('students.phone.full')
        : code === 'ERR_JOIN_LIMIT'
          ? t('students.phone.addressLimit')
          : t('students.phone.badName'),
    );
  }
  const joined = await response.json();
  view.student = {
    id: joined.id,
    key: joined.key,
    name: joined.name,
    username: joined.username,
    password: joined.password,
  };
  sessionStorage.setItem('authscale.student', JSON.stringify(view.student));
  notice('');
  showSetup(joined);
  showSession();
}

async function start() {
  await loadWords();
  $('join-form').addEventListener('submit', join);
  $('login').addEventListener('click', login);
  $('logout').addEventListener('click', logout);
  $('me').addEventListener('click', me);
  $('repeat').addEventListener('change', (event) => setRepeat(event.target.checked));
  const saved = sessionStorage.getItem('authscale.student');
  view.student = saved ? JSON.parse(saved) : null;
  if (view.student) showSession();
  else $('join-form').hidden = false;
  document.body.dataset.ready = '1';
}

start();
