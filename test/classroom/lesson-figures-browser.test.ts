import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapacityView } from '../../classroom/capacity-view.ts';
import { LESSON } from '../../classroom/lesson.ts';
import { redisServerPath } from '../../lib/redis-server.ts';
import { type ConsolePage, hasChromium, openConsolePage, textOf } from '../screenshots/console-page.ts';

/**
 * Lesson steps 13 (capacity) and 12 (token lifetime) in Debian's Chromium against a real cluster:
 * the page renders the measured figures, in English and Korean, and they are the server's own
 * (GET /api/capacity; the viewer's token). Starts in step 13's set-up; stepping back to 12 makes
 * the page switch the cluster to jwt-redis, as a teacher's click would.
 */
const SLOW = 240_000;
const CAPACITY = LESSON.findIndex((step) => step.figure === 'capacity');
const LIFETIMES = LESSON.findIndex((step) => step.figure === 'lifetimes');
const ready = hasChromium() && redisServerPath() !== undefined;
if (!ready)
  process.stderr.write('lesson figures browser test skipped: needs /usr/bin/chromium and redis-server\n');

describe.skipIf(!ready)('lesson steps 12 and 13 in Chromium', () => {
  let opened: ConsolePage | undefined;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    opened = await openConsolePage(CAPACITY);
    ({ page, url } = opened);
  }, SLOW);

  afterAll(async () => {
    await opened?.close();
  });

  const figure = async () => (await page.textContent('#lesson-figure')) ?? '';

  it(
    'capacity: the sessions in Redis and their measured size, as GET /api/capacity says',
    async () => {
      await page.click('#lesson-toggle');
      await textOf(page, '#lesson-progress', `Lesson ${CAPACITY + 1}/${LESSON.length}`);
      const shown =
        /^(\d+) sessions in Redis, (\d+) B each \(MEMORY USAGE, measured\) → 1 million users ≈ (\d+) MB \(derived\)$/;
      await textOf(page, '#lesson-figure', shown, 60_000);
      const [, sessions, bytes, million] = shown.exec(await figure())!;
      const capacity = (await (await fetch(`${url}api/capacity`)).json()) as CapacityView;
      expect(capacity).toMatchObject({ where: 'redis', measured: true });
      expect(Number(sessions)).toBeGreaterThan(0);
      expect(Number(bytes)).toBe(capacity.bytesPerSession);
      // A million sessions of `bytes` each, in MB (10^6 B): the same number.
      expect(Number(million)).toBe(Number(bytes));
      await page.click('#lang-ko');
      await textOf(
        page,
        '#lesson-figure',
        /^Redis에 세션 \d+개, 하나당 \d+ B \(MEMORY USAGE 측정값\) → 사용자 100만 명이면 약 \d+ MB \(계산값\)$/,
      );
      await page.click('#lang-en');
    },
    SLOW,
  );

  it(
    'token lifetime: read from the viewer own token after stepping back (jwt-redis)',
    async () => {
      await page.click('#lesson-prev');
      await textOf(page, '#lesson-progress', `Lesson ${LIFETIMES + 1}/${LESSON.length}`);
      await page.waitForSelector('body[data-mode="jwt-redis"][data-applying=""]', { timeout: SLOW - 60_000 });
      await textOf(page, '#lesson-figure', "log in here to read your token's lifetime");
      await page.click('#tab-try');
      await page.click('#login');
      await page.waitForSelector('#login-status.ok', { timeout: 60_000 });
      // The nodes' default ACCESS_TOKEN_TTL is 15 min: 60 / 15 = 4 refreshes per user-hour.
      await textOf(
        page,
        '#lesson-figure',
        'access token lifetime 15 min (from your token): about 4 refreshes per user-hour; a stolen copy works for up to 15 min',
      );
      await page.click('#lang-ko');
      await textOf(
        page,
        '#lesson-figure',
        '액세스 토큰 수명 15분 (내 토큰에서 읽음): 사용자당 시간마다 약 4회 갱신, 탈취된 사본은 최대 15분 동안 유효합니다',
      );
    },
    SLOW,
  );
});
