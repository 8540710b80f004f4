import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeLog } from '../../nodes/node-log.ts';
import { closeApps, node, testConfig } from '../helpers/node.ts';

// Random per run, as the node requires of a secret.
const ADMIN_TOKEN = randomBytes(24).toString('base64url');

/** The node's log lines, parsed, as a test reads them. */
function capture(): { lines: Record<string, unknown>[]; log: ReturnType<typeof createNodeLog> } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, log: createNodeLog(stream) };
}

afterEach(closeApps);

describe("the node's own logger", () => {
  it('writes no line for ordinary requests, answered or refused', async () => {
    const { lines, log } = capture();
    const app = await node(testConfig(), { log });
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/nowhere' })).statusCode).toBe(404);
    expect(lines).toEqual([]);
  });

  it("writes a request's line with its own reqId, at warn and above", async () => {
    const { lines, log } = capture();
    const app = await node(testConfig({ ADMIN_TOKEN }), { log, onCrash: () => {} });
    app.get('/boom', async () => {
      throw new Error('detail for the log only');
    });
    const boom = await app.inject({ method: 'GET', url: '/boom' });
    expect(boom.statusCode).toBe(500);
    expect(boom.body).not.toContain('detail for the log only');
    const headers = { 'x-admin-token': ADMIN_TOKEN };
    expect((await app.inject({ method: 'POST', url: '/__admin/crash', headers })).statusCode).toBe(202);

    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [50, 'unhandled'],
      [40, 'admin crash requested: exiting'],
    ]);
    expect(lines[0]?.err).toMatchObject({ message: 'detail for the log only' });
    const ids = lines.map((line) => line.reqId);
    expect(typeof ids[0]).toBe('string');
    expect(typeof ids[1]).toBe('string');
    expect(ids[1]).not.toBe(ids[0]);
  });
});
