import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClassroom } from '../../classroom/build-classroom.ts';
import { LiveCluster } from '../../classroom/live-cluster.ts';
import { freePort } from '../../lib/free-port.ts';
import { CHROMIUM, hasChromium } from '../screenshots/console-page.ts';

/**
 * The teacher's page in Debian's Chromium: one event stream per page (the students' corner reads
 * the page's own stream), so two pages fit a limit of two streams and a third client is refused;
 * and the join URL in the projector corner stays on one line, inside the corner, at 1280×720.
 * The URL is a long LAN address on purpose; nothing needs to answer there (only the QR code and
 * the text are drawn from it).
 */
const SLOW = 180_000;
const JOIN_URL = 'http://192.168.100.200:8080/join';
const ready = hasChromium();
if (!ready) process.stderr.write(`console stream browser test skipped: no Chromium at ${CHROMIUM}\n`);

describe.skipIf(!ready)('the console page: one stream, the join URL on one line', () => {
  let live: LiveCluster | undefined;
  let app: ReturnType<typeof buildClassroom> | undefined;
  let browser: Browser | undefined;
  let url: string;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    live = await LiveCluster.start({
      setup: { mode: 'memory', strategy: 'round-robin', nodes: 2 },
      balancerPort: await freePort(),
      healthInterval: '250ms',
      redisUrl: '',
    });
    app = buildClassroom({ live, lang: 'en', trafficRate: 3, joinUrl: JOIN_URL, maxEventClients: 2 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await live?.close();
  });

  const openPage = async (): Promise<Page> => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(url);
    await page.waitForSelector('body[data-ready="1"]');
    return page;
  };

  /** Live: the node cards count answers (ticks) and the students' corner shows the join URL (state). */
  const isLive = async (page: Page) => {
    await page.waitForFunction(() => /✓ \d+/.test(document.querySelector('.node .ok')?.textContent ?? ''));
    await page.waitForFunction(
      (joinUrl) => document.getElementById('join-url')?.textContent === joinUrl,
      JOIN_URL,
    );
  };

  it(
    'two pages under a limit of two streams both stay live; a third stream is refused',
    async () => {
      const first = await openPage();
      const second = await openPage();
      await isLive(first);
      await isLive(second);
      const third = await fetch(`${url}api/events`);
      expect(third.status).toBe(503);
      expect(((await third.json()) as { code: string }).code).toBe('ERR_TOO_MANY_CLIENTS');
      // The students' corner follows the ticks of the shared stream too.
      await second.close();
      await expect
        .poll(async () => (await fetch(`${url}api/events`, { signal: AbortSignal.timeout(2000) })).status, {
          timeout: 10_000,
        })
        .toBe(200);
    },
    SLOW,
  );

  it(
    'projector mode: the join URL is one line, not cut, across the corner under the QR code',
    async () => {
      const page = await openPage();
      await isLive(page);
      await page.click('#projector');
      await page.waitForSelector('body.projector');
      const layout = await page.$eval('#join-url', (element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        const box = element.getBoundingClientRect();
        const corner = document.getElementById('students-box')!.getBoundingClientRect();
        const qr = document.getElementById('join-qr')!.getBoundingClientRect();
        return {
          lines: lines.size,
          overflows: element.scrollWidth > element.clientWidth,
          inside: box.left >= corner.left && box.right <= corner.right,
          belowQr: box.top >= qr.bottom,
          // The names and counts stay beside the QR code, not pushed under it.
          textBesideQr: document.querySelector('.students-text')!.getBoundingClientRect().left >= qr.right,
          fontPx: Number.parseFloat(getComputedStyle(element).fontSize),
          titlePx: Number.parseFloat(getComputedStyle(document.getElementById('students-title')!).fontSize),
        };
      });
      expect(layout).toMatchObject({
        lines: 1,
        overflows: false,
        inside: true,
        belowQr: true,
        textBesideQr: true,
      });
      // Readable from the back row: not shrunk to fit, larger than the corner's own title.
      expect(layout.fontPx).toBeGreaterThan(layout.titlePx);
      await page.close();
    },
    SLOW,
  );
});
