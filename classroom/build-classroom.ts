import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { ROOT } from '../cluster/entrypoints.ts';
import { type ErrorCode, errorBody, statusOf } from '../lib/error-codes.ts';
import { AuthscaleError } from '../lib/errors.ts';
import { CATALOGUES, isLang, type Lang } from '../lib/i18n/index.ts';
import { assertMayControl } from './access.ts';
import { capacityView } from './capacity-view.ts';
import { type Control, parseControl } from './control.ts';
import { EventStream, MAX_CLIENTS } from './event-stream.ts';
import { joinRoutes } from './join-routes.ts';
import { LESSON, type LessonStep } from './lesson.ts';
import { assertStoreAvailable, type LiveCluster, type Setup, type Step } from './live-cluster.ts';
import { Monitor } from './monitor.ts';
import { trustedProxies } from './source-address.ts';
import { Students } from './students.ts';
import { DEFAULT_RATE } from './traffic.ts';
import { tryProxy } from './try-proxy.ts';

/**
 * The classroom console as a Fastify app (never listens; cli.ts does). It drives `live` (started
 * and closed by the caller) and owns the background traffic, the counts and the event stream.
 *
 * Routes: GET / and /page/* (the self-contained page; its ES modules under /page/console/),
 * GET /api/state, GET /api/events (SSE),
 * POST /api/control, GET /api/messages?lang=, GET /api/lesson, and /try/* (try-proxy.ts).
 */
export interface ClassroomOptions {
  live: LiveCluster;
  /** Default page language when the browser asks for neither en nor ko. */
  lang: Lang;
  /** Needed for controls from non-loopback clients; a random one when omitted. */
  controlToken?: string;
  /** Background requests per second at start (0 = none, e.g. route tests). */
  trafficRate?: number;
  maxEventClients?: number;
  /** The URL students open (`--lan`): shown as a QR code on the projector. */
  joinUrl?: string;
  /**
   * Proxies whose X-Forwarded-For names a joining phone's address (addresses/CIDRs as TRUST_PROXY;
   * the CLI names the console's own balancer). Nobody's by default: the TCP peer counts.
   */
  trustProxy?: string[];
  /** Students joined from one address at most (default MAX_PER_ADDRESS). */
  maxJoinsPerAddress?: number;
}

/**
 * Controls after which the projector says how many students were just logged out: a kill or a
 * stopped store takes effect at once; a new cluster or balancer only when it is swapped in (the
 * old one serves until then, so answers before the swap decide nothing).
 */
const DISRUPTS_AT_ONCE = new Set(['kill-node', 'stop-store', 'stop-primary']);
const DISRUPTS_AT_SWAP = new Set(['set-mode', 'set-strategy', 'set-nodes', 'set-cluster']);

/** `GET /api/messages`: the console's and the common words in one language. */
export interface MessagesBody {
  lang: Lang;
  messages: Record<string, string>;
}

/** `GET /api/lesson`. */
export interface LessonBody {
  steps: LessonStep[];
}

// From the repository root, not from this module: the installed package runs it bundled in dist/.
const PAGE_DIR = join(ROOT, 'classroom', 'page');
const PAGE_FILES: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'students.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
  'students.css': 'text/css; charset=utf-8',
};
/** The page's ES modules (imported by app.js): every `.js` file of page/console, nothing else. */
const MODULE_DIR = join(PAGE_DIR, 'console');
const MODULE_TYPE = 'text/javascript; charset=utf-8';

/** Read once: the page is small, and a missing file should fail at start, not per request. */
function readModules(): Map<string, Buffer> {
  const names = readdirSync(MODULE_DIR).filter((name) => /^[a-z][a-z0-9-]*\.js$/.test(name));
  return new Map(names.map((name) => [name, readFileSync(join(MODULE_DIR, name))]));
}

export function buildClassroom(options: ClassroomOptions): FastifyInstance {
  const controlToken = options.controlToken ?? randomBytes(18).toString('base64url');
  const live = options.live;
  const students = new Students(options.maxJoinsPerAddress);
  const trusted = trustedProxies(options.trustProxy);
  const joinUrl = options.joinUrl ?? null;
  const monitor = new Monitor(live, options.lang, options.trafficRate ?? DEFAULT_RATE, {
    view: () => students.view(),
    joinUrl,
  });
  const awaitSwap = trackSwaps(live, students);
  const events = new EventStream(() => monitor.state(), options.maxEventClients ?? MAX_CLIENTS);
  monitor.on('state', (state) => events.state(state));
  monitor.on('tick', (tick) => events.tick(tick));
  const serveFiles = pageRoutes();

  const app = Fastify({ logger: false, bodyLimit: 16 * 1024 });
  guardApp(app);
  serveFiles(app);
  stateRoutes(app, monitor, events);
  messagesRoute(app, options.lang);
  app.get('/api/lesson', async (): Promise<LessonBody> => ({ steps: LESSON }));
  app.get('/api/capacity', async (_request, reply) =>
    reply.header('cache-control', 'no-store').send(await capacityView(live)),
  );
  controlRoute(app, { live, monitor, students, controlToken, awaitSwap });

  joinRoutes(app, {
    students,
    setup: () => ({ mode: live.setup.mode, strategy: live.setup.strategy, generation: live.generation }),
    joinUrl,
    lang: options.lang,
    trusted,
  });

  tryProxy(app, {
    balancerUrl: live.balancerUrl,
    unavailable: () =>
      live.applying?.step === 'swapping-balancer' ? 'the load balancer is being swapped' : undefined,
    record: (kind, outcome) => monitor.record(kind, outcome),
  });

  app.addHook('onReady', async () => {
    await monitor.start();
  });
  app.addHook('preClose', async () => {
    events.closeAll();
    await monitor.stop();
    students.clear();
  });
  return app;
}

/**
 * Remembers the last control whose effect waits for the swap (a new cluster or balancer), and
 * once it is swapped in tells `students` who was logged out by it and starts a new set-up for them.
 * Returns how to name that control.
 */
function trackSwaps(live: LiveCluster, students: Students): (action: string) => void {
  let swapping = '';
  live.on('swapped', () => {
    if (swapping !== '') students.disrupted(swapping);
    swapping = '';
    students.newSetup();
  });
  return (action) => {
    swapping = action;
  };
}

/** Error bodies with the project's codes, a JSON-only body parser and the security headers. */
function guardApp(app: FastifyInstance): void {
  // JSON only: a cross-site form can send text/plain without a preflight.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof AuthscaleError) {
      return reply.code(error.statusCode).headers(error.headers).send(error.toJSON());
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const code: ErrorCode =
        status === 415
          ? 'ERR_UNSUPPORTED_MEDIA_TYPE'
          : status === 413
            ? 'ERR_BODY_TOO_LARGE'
            : 'ERR_BAD_REQUEST';
      return reply.code(statusOf(code)).send(errorBody(code, (error as Error).message));
    }
    return reply.code(statusOf('ERR_INTERNAL')).send(errorBody('ERR_INTERNAL', 'internal error'));
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(statusOf('ERR_NOT_FOUND')).send(errorBody('ERR_NOT_FOUND', 'no such route')),
  );
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    return payload;
  });
}

/**
 * Reads the page now and returns how to serve it: GET /, /page/:file and /page/console/:file.
 * Read once: the page is small, and a missing file should fail at start, not per request.
 */
function pageRoutes(): (app: FastifyInstance) => void {
  const page = readFileSync(join(PAGE_DIR, 'index.html'));
  const assets = Object.fromEntries(
    Object.keys(PAGE_FILES).map((name) => [name, readFileSync(join(PAGE_DIR, name))]),
  );
  const modules = readModules();
  return (app) => {
    app.get('/', async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header(
          'content-security-policy',
          "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
        )
        .send(page),
    );
    app.get<{ Params: { file: string } }>('/page/:file', async (request, reply) => {
      const type = PAGE_FILES[request.params.file];
      if (!type) throw new AuthscaleError('ERR_NOT_FOUND', 'no such file');
      return reply.type(type).header('cache-control', 'no-cache').send(assets[request.params.file]);
    });
    // Only the names read at start: no path from the request ever reaches the file system.
    app.get<{ Params: { file: string } }>('/page/console/:file', async (request, reply) => {
      const body = modules.get(request.params.file);
      if (!body) throw new AuthscaleError('ERR_NOT_FOUND', 'no such file');
      return reply.type(MODULE_TYPE).header('cache-control', 'no-cache').send(body);
    });
  };
}

/** GET /api/state (once) and /api/events (the live stream, a bounded number of pages). */
function stateRoutes(app: FastifyInstance, monitor: Monitor, events: EventStream): void {
  app.get('/api/state', async (_request, reply) =>
    reply.header('cache-control', 'no-store').send(monitor.state()),
  );

  app.get('/api/events', async (request, reply) => {
    if (events.full) {
      throw new AuthscaleError('ERR_TOO_MANY_CLIENTS', `at most ${events.maxClients} live pages at once`);
    }
    reply.hijack();
    events.attach(request.raw, reply.raw);
  });
}

/** GET /api/messages?lang=: the console's, the common and the students' words. */
function messagesRoute(app: FastifyInstance, fallback: Lang): void {
  app.get<{ Querystring: { lang?: string } }>('/api/messages', async (request, reply) => {
    const asked = request.query.lang;
    if (asked !== undefined && !isLang(asked)) {
      throw new AuthscaleError('ERR_BAD_REQUEST', 'lang must be en or ko');
    }
    const lang = asked ?? fallback;
    const messages = Object.fromEntries(
      Object.entries(CATALOGUES[lang]).filter(
        ([key]) => key.startsWith('console.') || key.startsWith('common.') || key.startsWith('students.'),
      ),
    );
    const body: MessagesBody = { lang, messages };
    return reply.header('cache-control', 'no-cache').send(body);
  });
}

interface ControlDeps {
  live: LiveCluster;
  monitor: Monitor;
  students: Students;
  controlToken: string;
  /** Names the control whose effect on the students shows only once it is swapped in. */
  awaitSwap: (action: string) => void;
}

/** POST /api/control: the teacher's changes (202 once started, 409 while another one runs). */
function controlRoute(app: FastifyInstance, deps: ControlDeps): void {
  const { live, monitor, students } = deps;
  app.post('/api/control', async (request, reply) => {
    assertMayControl(request, deps.controlToken);
    const control = parseControl(request.body);
    // Traffic controls are instant and cluster-independent: never "busy", so they always answer.
    if (control.action === 'set-traffic') {
      monitor.setTrafficRate(control.rate);
      return reply.code(202).send({ accepted: control });
    }
    if (control.action === 'reconnect') {
      monitor.reconnect();
      return reply.code(202).send({ accepted: control });
    }
    if (control.action === 'set-reconnect') {
      monitor.setReconnectEvery(control.every);
      return reply.code(202).send({ accepted: control });
    }
    const started = startControl(live, monitor, control);
    if (started === false) {
      throw new AuthscaleError(
        'ERR_BUSY',
        `still applying ${live.applying?.action ?? 'a change'}; try again when it is done`,
      );
    }
    if (DISRUPTS_AT_ONCE.has(control.action)) {
      students.disrupted('id' in control ? `${control.action} ${control.id}` : control.action);
    }
    if (DISRUPTS_AT_SWAP.has(control.action)) deps.awaitSwap(control.action);
    return reply.code(202).send({ accepted: control });
  });
}

/** Checks what can be checked at once (400/409), then starts the change; false when busy. */
function startControl(
  live: LiveCluster,
  monitor: Monitor,
  control: Exclude<Control, { action: 'set-traffic' | 'reconnect' | 'set-reconnect' }>,
): Promise<void> | false {
  const run = (step: Step, work: (setStep: (step: Step) => void) => Promise<void>) =>
    live.tryRun(control.action, step, work);
  switch (control.action) {
    case 'set-mode':
    case 'set-strategy':
    case 'set-nodes':
    case 'set-cluster': {
      const { action: _action, ...changes } = control;
      const next: Setup = { ...live.setup, ...changes };
      assertStoreAvailable(next.mode, live.redisUrl);
      return run('starting-cluster', (setStep) => live.reconfigure(next, setStep));
    }
    case 'kill-node': {
      const index = nodeIndex(live, control.id);
      return run('killing-node', () => live.killNode(index));
    }
    case 'restart-node': {
      const index = nodeIndex(live, control.id);
      return run('starting-node', () => live.restartNode(index));
    }
    case 'stop-store':
      assertStoreControllable(live);
      return run('stopping-store', () => live.stopStore());
    case 'start-store':
      assertStoreControllable(live);
      return run('starting-store', () => live.startStore());
    case 'stop-primary':
      if (live.cluster.store !== 'sentinel') {
        throw new AuthscaleError(
          'ERR_NO_STORE',
          'stop-primary needs the Sentinel topology (set-cluster with "redis": "sentinel" in a Redis mode)',
        );
      }
      return run('stopping-primary', (setStep) => monitor.failover.stopPrimary(setStep));
  }
}

function nodeIndex(live: LiveCluster, id: string): number {
  const index = live.cluster.nodeIds.indexOf(id);
  if (index === -1) throw new AuthscaleError('ERR_UNKNOWN_NODE', `no node ${id} in this cluster`);
  return index;
}

function assertStoreControllable(live: LiveCluster): void {
  const why = live.cluster.cannotStopRedis;
  if (why) throw new AuthscaleError('ERR_NO_STORE', why);
}
