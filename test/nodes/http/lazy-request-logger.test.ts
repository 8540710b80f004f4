import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { lazyRequestLogger } from '../../../nodes/http/lazy-request-logger.ts';

/** A pino logger at "warn" writing its lines into an array. */
function capture(): { parent: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { parent: pino({ level: 'warn' }, sink), lines };
}

describe('lazy request logger', () => {
  it('writes the request id with every line, at the parent level, and builds one child', async () => {
    const { parent, lines } = capture();
    let children = 0;
    const counting = Object.assign(Object.create(parent), {
      child: (...args: Parameters<pino.Logger['child']>) => {
        children++;
        return parent.child(...args);
      },
    });
    const log = lazyRequestLogger(counting, { reqId: 'req-7' }, {});
    log.info('below the level');
    expect(log.level).toBe('warn');
    log.warn({ failOpen: 1 }, 'first');
    log.error('second');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((line) => [line.reqId, line.msg])).toEqual([
      ['req-7', 'first'],
      ['req-7', 'second'],
    ]);
    expect(lines[0]?.failOpen).toBe(1);
    expect(children).toBe(1);
  });

  it('builds nothing while nothing is logged', () => {
    const { parent } = capture();
    let children = 0;
    const counting = Object.assign(Object.create(parent), {
      child: () => {
        children++;
        return parent;
      },
    });
    lazyRequestLogger(counting, { reqId: 'req-8' }, {});
    expect(children).toBe(0);
  });
});
