import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LESSON } from '../../classroom/lesson.ts';
import type { ClassroomState } from '../../classroom/monitor.ts';
import { redisServerPath } from '../../lib/redis-server.ts';
import { type ConsolePage, hasChromium, openConsolePage, textOf } from '../screenshots/console-page.ts';

/**
 * Lesson step 14 in Debian's Chromium against a real Sentinel topology (a primary, a replica and
 * three sentinels, all real redis-servers) behind three real nodes: the page shows the
 * replication, the teacher's "stop the primary" kills the primary, and the page shows the
 * promotion with its measured durations, in English and Korean; the killed server comes back as
 * a replica. Skipped, saying why, without Chromium or redis-server.
 */
const SLOW = 240_000;
const STEP = LESSON.findIndex((step) => step.figure === 'failover');
const ready = hasChromium() && redisServerPath() !== undefined;
if (!ready)
  process.stderr.write('sentinel lesson browser test skipped: needs /usr/bin/chromium and redis-server\n');

describe.skipIf(!ready)('lesson step 14: Sentinel failover in Chromium', () => {
  let opened: ConsolePage | undefined;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    opened = await openConsolePage(STEP);
    ({ page, url } = opened);
  }, SLOW);

  afterAll(async () => {
    await opened?.close();
  });

  const state = async () => (await (await fetch(`${url}api/state`)).json()) as ClassroomState;

  it(
    'shows the primary, the replica and three sentinels',
    async () => {
      await page.click('#lesson-toggle');
      await textOf(page, '#lesson-progress', `Lesson ${STEP + 1}/${LESSON.length}`);
      await textOf(page, '#lesson-title', 'A replicated store: Sentinel failover');
      await textOf(page, '#lesson-setup', /redis · .* · 3 nodes · Sentinel/);
      await textOf(
        page,
        '#lesson-figure',
        /^Redis :\d+ (primary|replica) ✓ · :\d+ (primary|replica) ✓ · sentinels 3\/3 answering$/,
      );
      const replication = (await state()).replication;
      expect(replication?.instances.map((i) => i.role).sort()).toEqual(['primary', 'replica']);
      expect(replication?.primaryPort).toBe(replication?.instances.find((i) => i.role === 'primary')?.port);
    },
    SLOW,
  );

  it('only the teacher may stop the primary', async () => {
    const answer = await opened!.app.inject({
      method: 'POST',
      url: '/api/control',
      remoteAddress: '10.1.2.3',
      headers: { host: '10.1.2.3:8080' },
      payload: { action: 'stop-primary' },
    });
    expect(answer.statusCode).toBe(403);
    expect(answer.json().code).toBe('ERR_FORBIDDEN');
    expect((await state()).replication?.failover).toBeNull();
  });

  it(
    'stop the primary: the page shows the promotion and the measured time, then the old primary as a replica',
    async () => {
      const before = await state();
      const okBefore = before.nodes.reduce((sum, n) => sum + n.ok, 0);
      await page.waitForSelector('#lesson-actions button[data-action="stop-primary"]:not([disabled])');
      await page.click('#lesson-actions button[data-action="stop-primary"]');
      const shown = /failover: :(\d+) promoted, accepting writes after (\d+\.\d) s/;
      await textOf(page, '#lesson-figure', shown, 60_000);
      const text = (await page.textContent('#lesson-figure')) ?? '';
      const failover = (await state()).replication?.failover;
      expect(failover?.stoppedPort).toBe(before.replication?.primaryPort);
      expect(failover?.promotedPort).not.toBe(failover?.stoppedPort);
      expect(failover?.writableAfterMs).toBeGreaterThan(0);
      const [, port, secondsShown] = shown.exec(text)!;
      expect(Number(port)).toBe(failover?.promotedPort);
      expect(secondsShown).toBe((failover!.writableAfterMs! / 1000).toFixed(1));
      expect(text).toMatch(/users sent back to log in: \d+/);
      // The session from before the stop answered again (kept) or 401 (lost): either is shown.
      await page.waitForFunction(
        () =>
          /worked again after \d+\.\d s|was lost/.test(
            document.getElementById('lesson-figure')?.textContent ?? '',
          ),
        undefined,
        { timeout: 60_000 },
      );
      // The killed server returns as the new primary's replica; the virtual users are served again.
      await page.waitForFunction(
        (stopped) => {
          const figure = document.getElementById('lesson-figure')?.textContent ?? '';
          return (
            figure.includes(`:${stopped} replica ✓`) && figure.includes(`the old primary :${stopped} is back`)
          );
        },
        failover?.stoppedPort,
        { timeout: 90_000 },
      );
      const after = await state();
      expect(after.replication?.primaryPort).toBe(failover?.promotedPort);
      expect(after.replication?.failover?.phase).toBe('rejoined');
      await expect
        .poll(async () => (await state()).nodes.reduce((sum, n) => sum + n.ok, 0), { timeout: 30_000 })
        .toBeGreaterThan(okBefore);
      const f = after.replication!.failover!;
      process.stderr.write(
        `sentinel failover (measured): writes accepted after ${f.writableAfterMs} ms, session back after ${f.sessionAfterMs} ms, kept ${f.sessionKept}, 401s ${f.sessionUnknown}; load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}\n`,
      );
    },
    SLOW,
  );

  it('the figure in Korean', async () => {
    await page.click('#lang-ko');
    await textOf(page, '#lesson-title', '복제된 저장소: Sentinel 장애 조치');
    await textOf(
      page,
      '#lesson-figure',
      /^Redis :\d+ (프라이머리|레플리카) ✓ · .*센티널 3\/3 응답 — 장애 조치: :\d+ 승격, \d+\.\d초 뒤부터 쓰기 가능/,
    );
  });
});
