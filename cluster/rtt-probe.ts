import { connect } from 'node:net';
import { median, spread } from '../lib/stats/index.ts';

/** A request and how to tell its whole answer has arrived. */
export interface RttProbe {
  request: string;
  complete(answer: string): boolean;
}

export const REDIS_PING: RttProbe = { request: 'PING\r\n', complete: (a) => a.endsWith('\r\n') };
export const HTTP_HEAD: RttProbe = {
  request: 'HEAD /health HTTP/1.1\r\nHost: relay\r\n\r\n',
  complete: (a) => a.includes('\r\n\r\n'),
};

/**
 * The round-trip time of a link as the application sees it: one connection, `samples` small
 * request/answer exchanges one after the other, each timed from the write to the end of the
 * answer. Returns the median, the range and the median absolute deviation (the jitter as seen: unlike a
 * standard deviation, one exchange stalled by a busy scheduler barely moves it) in ms — measured, for the report beside the RTT that
 * was configured.
 */
export async function measureRtt(
  port: number,
  probe: RttProbe,
  samples = 15,
): Promise<{ medianMs: number; minMs: number; maxMs: number; madMs: number }> {
  const socket = connect({ port, host: '127.0.0.1', noDelay: true });
  let answer = '';
  let done: (() => void) | undefined;
  let failed: ((error: Error) => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    answer += chunk.toString();
    if (probe.complete(answer)) done?.();
  });
  socket.on('error', (error) => failed?.(error));
  socket.on('close', () => failed?.(new Error('the link closed during an RTT probe')));
  const times: number[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      failed = reject;
    });
    for (let i = 0; i < samples; i++) {
      answer = '';
      const sent = performance.now();
      await new Promise<void>((resolve, reject) => {
        done = resolve;
        failed = reject;
        socket.write(probe.request);
      });
      times.push(performance.now() - sent);
    }
  } finally {
    failed = undefined;
    socket.destroy();
  }
  const rtt = spread(times, 2);
  if (rtt === undefined) throw new Error('measureRtt: no sample (samples must be at least 1)');
  // The median absolute deviation, from the unrounded median.
  const middle = median(times)!;
  const mad = median(times.map((t) => Math.abs(t - middle)))!;
  return { medianMs: rtt.median, minMs: rtt.min, maxMs: rtt.max, madMs: Math.round(mad * 100) / 100 };
}
