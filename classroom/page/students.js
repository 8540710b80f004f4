// The students' side of the projector: the join QR code and URL, how many joined, their names
// with ✓/✗, each node card's students' ✓/✗, and the call-out after a kill or a switch.
// Its own words (the page language is <html lang>, set by app.js); its data is app.js's event
// stream, passed on as DOM events: one stream per page, so a teacher's page counts once
// against the console's stream limit.
const $ = (id) => document.getElementById(id);
const view = { words: {}, lang: '', last: null, join: null };
const CALLOUT_SHOWN_MS = 120_000;

const t = (key, params = {}) =>
  (view.words[key] ?? '').replace(/\{(\w+)\}/g, (whole, name) =>
    name in params ? String(params[name]) : whole,
  );

async function loadWords() {
  const lang = document.documentElement.lang === 'ko' ? 'ko' : 'en';
  if (lang === view.lang) return;
  const response = await fetch(`/api/messages?lang=${lang}`);
  view.words = (await response.json()).messages;
  view.lang = lang;
  if (view.last) render(view.last);
}

const percent = (failed, total) => (total === 0 ? '–' : `${Math.round((failed / total) * 100)} %`);

function renderBox(s) {
  const show = view.join !== null || s.joined > 0;
  $('students-box').hidden = !show;
  if (!show) return;
  $('students-title').textContent = t('students.qr.title');
  if (view.join && !$('join-qr').getAttribute('src')) $('join-qr').setAttribute('src', '/api/join-qr.svg');
  $('join-qr').hidden = view.join === null;
  $('join-url').textContent = view.join?.url ?? '';
  $('students-joined').textContent = t('students.joined', { joined: s.joined, active: s.active });
  document.body.dataset.studentsJoined = String(s.joined);
  const items = s.list.map((student) => {
    const item = document.createElement('li');
    item.className = student.ok === null ? '' : student.ok ? 'ok' : 'failed';
    const mark = student.ok === null ? '·' : student.ok ? '✓' : '✗';
    item.textContent = `${mark} ${student.name}${student.node ? ` · ${student.node}` : ''}`;
    return item;
  });
  $('students-list').replaceChildren(...items);
}

function renderNodeCards(s) {
  for (const card of document.querySelectorAll('.node[data-id]')) {
    let line = card.querySelector('.students-counts');
    if (!line) {
      line = document.createElement('div');
      line.className = 'students-counts';
      card.querySelector('.counts')?.after(line);
    }
    const counts = s.byNode[card.dataset.id] ?? { ok: 0, failed: 0 };
    line.hidden = s.joined === 0;
    line.textContent = t('students.node', { ok: counts.ok, failed: counts.failed });
  }
}

function renderFigure(s) {
  $('students-figure').hidden = s.joined === 0;
  $('students-total').textContent = t('students.figure', {
    ok: s.ok,
    failed: s.failed,
    rate: percent(s.failed, s.ok + s.failed),
  });
  const c = s.callout;
  const callout = $('students-callout');
  // A call-out is about "just now": it goes away two minutes after the control.
  const stale = c !== null && Date.now() - c.at > CALLOUT_SHOWN_MS;
  callout.hidden = c === null || stale || c.loggedOut + c.kept + c.pending === 0;
  if (callout.hidden) return;
  const main = t('students.callout', { loggedOut: c.loggedOut, kept: c.kept });
  callout.textContent =
    c.pending > 0 ? `${main} · ${t('students.callout.pending', { pending: c.pending })}` : main;
  callout.dataset.loggedOut = String(c.loggedOut);
  callout.dataset.kept = String(c.kept);
}

function render(s) {
  view.last = s;
  renderBox(s);
  renderNodeCards(s);
  renderFigure(s);
}

function onData(data) {
  if ('join' in data) view.join = data.join;
  if (data.students) render(data.students);
}

function start() {
  for (const name of ['authscale:state', 'authscale:tick']) {
    document.addEventListener(name, (event) => onData(event.detail));
  }
  // This module may run after app.js's first `state` went by (the only event with the join URL
  // until the next change): ask once; a stream event that came first wins for the counts.
  void fetch('/api/state')
    .then((response) => response.json())
    .then((state) => {
      view.join = state.join;
      if (view.last) render(view.last);
      else if (state.students) render(state.students);
    })
    .catch(() => undefined);
  new MutationObserver(() => void loadWords()).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['lang'],
  });
  void loadWords();
}

start();
