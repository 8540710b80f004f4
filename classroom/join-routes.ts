import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { ROOT } from '../cluster/entrypoints.ts';
import { AuthscaleError } from '../lib/errors.ts';
import { CATALOGUES, isLang, type Lang } from '../lib/i18n/index.ts';
import { JOIN_PREFIX } from './live-cluster.ts';
import { sourceAddress, type TrustedProxies } from './source-address.ts';
import { parseAnswer, parseIdentity, sanitiseName } from './student-input.ts';
import type { Students } from './students.ts';

/**
 * The students' side, under /join: the phone page and its three calls. The balancer passes
 * /join to the console (PATH_ROUTES), so the page shares the balancer's origin and the phone's
 * /auth and /api requests go to the nodes as a first-party web app's would. Nothing under /join
 * reaches the teacher's controls (those live under /api on the console, which the balancer never
 * passes on; access.ts also refuses any request that came through a proxy).
 *
 * Teacher side: GET /api/join-qr.svg, the QR code of the join URL, drawn here (no network).
 */
// From the repository root, not from this module: the installed package runs it bundled in dist/.
const PAGE_DIR = join(ROOT, 'classroom', 'page');
const FILES: Record<string, string> = {
  'join.js': 'text/javascript; charset=utf-8',
  'join.css': 'text/css; charset=utf-8',
};
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'none'";

export interface JoinRouteOptions {
  students: Students;
  /** The current set-up, sent back with every report so the phone shows what it is talking to. */
  setup: () => { mode: string; strategy: string; generation: number };
  joinUrl: string | null;
  /** Fallback page language when the browser asks for neither en nor ko. */
  lang: Lang;
  /** The proxies whose X-Forwarded-For names the joining phone (the console's own balancer). */
  trusted: TrustedProxies;
  /** Tells the console a count changed (the teacher view follows each second anyway). */
  onChange?: () => void;
}

/** en or ko from Accept-Language (first supported tag wins), else the fallback. */
export function langFromHeader(header: string | undefined, fallback: Lang): Lang {
  for (const part of (header ?? '').split(',')) {
    const tag = part.split(';', 1)[0]!.trim().toLowerCase().slice(0, 2);
    if (isLang(tag)) return tag;
  }
  return fallback;
}

function phoneMessages(lang: Lang): Record<string, string> {
  return Object.fromEntries(
    Object.entries(CATALOGUES[lang]).filter(([key]) => key.startsWith('students.phone.')),
  );
}

/** The phone page, its files and its messages (in the phone's language). */
function pageRoutes(app: FastifyInstance, options: JoinRouteOptions): void {
  const html = readFileSync(join(PAGE_DIR, 'join.html'), 'utf8');
  const assets = Object.fromEntries(
    Object.keys(FILES).map((name) => [name, readFileSync(join(PAGE_DIR, name))]),
  );
  app.get(JOIN_PREFIX, async (request: FastifyRequest, reply) => {
    const lang = langFromHeader(request.headers['accept-language'], options.lang);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CSP)
      .send(html.replace('<html lang="en">', `<html lang="${lang}">`));
  });
  app.get<{ Params: { file: string } }>(`${JOIN_PREFIX}/page/:file`, async (request, reply) => {
    const type = FILES[request.params.file];
    if (!type) throw new AuthscaleError('ERR_NOT_FOUND', 'no such file');
    return reply.type(type).header('cache-control', 'no-cache').send(assets[request.params.file]);
  });
  app.get<{ Querystring: { lang?: string } }>(`${JOIN_PREFIX}/api/messages`, async (request, reply) => {
    const asked = request.query.lang;
    if (asked !== undefined && !isLang(asked))
      throw new AuthscaleError('ERR_BAD_REQUEST', 'lang must be en or ko');
    const lang = asked ?? langFromHeader(request.headers['accept-language'], options.lang);
    return reply.header('cache-control', 'no-cache').send({ lang, messages: phoneMessages(lang) });
  });
}

/** The phone's three calls: join (hello), report an answer, leave. */
function studentCalls(app: FastifyInstance, options: JoinRouteOptions): void {
  const { students } = options;
  app.post(`${JOIN_PREFIX}/api/hello`, async (request, reply) => {
    const body = (request.body ?? {}) as { name?: unknown };
    const joined = students.join(
      sanitiseName(body.name),
      Date.now(),
      sourceAddress(request, options.trusted),
    );
    options.onChange?.();
    return reply.header('cache-control', 'no-store').send({ ...joined, ...options.setup() });
  });
  app.post(`${JOIN_PREFIX}/api/report`, async (request, reply) => {
    const { id, key } = parseIdentity(request.body);
    students.report(id, key, parseAnswer(request.body));
    return reply.header('cache-control', 'no-store').send(options.setup());
  });
  app.post(`${JOIN_PREFIX}/api/leave`, async (request, reply) => {
    const { id, key } = parseIdentity(request.body);
    students.leave(id, key);
    options.onChange?.();
    return reply.code(204).send();
  });
}

/** The teacher's QR code of the join URL, drawn once on first request. */
function qrRoute(app: FastifyInstance, options: JoinRouteOptions): void {
  let qr: Promise<string> | undefined;
  app.get('/api/join-qr.svg', async (_request, reply) => {
    if (options.joinUrl === null)
      throw new AuthscaleError('ERR_NOT_FOUND', 'start with --lan to show a QR code');
    qr ??= QRCode.toString(options.joinUrl, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    return reply
      .type('image/svg+xml')
      .header('cache-control', 'no-cache')
      .send(await qr);
  });
}

export function joinRoutes(app: FastifyInstance, options: JoinRouteOptions): void {
  pageRoutes(app, options);
  studentCalls(app, options);
  qrRoute(app, options);
}
