import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { lazyLoggerOf } from '../../../nodes/http/lazy-request-logger.ts';

/** A Fastify app logging at "warn" into an array through the node's lazy logger. */
function app(lines: Record<string, unknown>[]) {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return Fastify({
    loggerInstance: lazyLoggerOf(pino({ level: 'warn' }, stream)),
    logController: new LogController({ disableRequestLogging: true }),
  });
}

describe('lazy request logger', () => {
  it("writes each request's id with its lines, at the server's level", async () => {
    const lines: Record<string, unknown>[] = [];
    const server = app(lines);
    server.get('/', async (request) => {
      request.log.info('below the level');
      request.log.warn({ failOpen: 1 }, 'first');
      request.log.error('second');
      return { level: request.log.level };
    });
    const first = await server.inject({ method: 'GET', url: '/' });
    await server.inject({ method: 'GET', url: '/' });
    await server.close();
    expect(first.json()).toEqual({ level: 'warn' });
    const requestIds = lines.map((line) => line.reqId);
    expect(lines.map((line) => line.msg)).toEqual(['first', 'second', 'first', 'second']);
    expect(requestIds[0]).toBeDefined();
    expect(requestIds[1]).toBe(requestIds[0]);
    expect(requestIds[2]).not.toBe(requestIds[0]);
    expect(lines[0]?.failOpen).toBe(1);
  });

  it("builds a request's child logger on its first line only", () => {
    let children = 0;
    const parent = {
      level: 'warn',
      child: () => {
        children++;
        return parent;
      },
      warn: () => {},
    } as unknown as FastifyBaseLogger;
    const app = lazyLoggerOf(parent).child({}, {});
    expect(children).toBe(0);
    const log = app.child({ reqId: 'req-8' }, {});
    // The app's real child, once for all its requests; the request's only on its first line.
    expect(children).toBe(1);
    log.warn('one');
    log.warn('two');
    expect(children).toBe(2);
    app.child({ reqId: 'req-9' }, {});
    expect(children).toBe(2);
  });
});
