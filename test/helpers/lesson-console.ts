import type { Browser, Page } from 'playwright-core';
import { buildClassroom } from '../../classroom/build-classroom.ts';
import { LESSON } from '../../classroom/lesson.ts';
import { LiveCluster } from '../../classroom/live-cluster.ts';
import { freePort } from '../../lib/free-port.ts';
import { CHROMIUM } from '../screenshots/console-page.ts';

/** A console on a real cluster, opened in Chromium at one lesson step. */
export interface LessonConsole {
  live: LiveCluster;
  /** The console itself (for `inject()` as a client that is not the teacher). */
  app: ReturnType<typeof buildClassroom>;
  page: Page;
  /** The console's base URL, ending in `/`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the cluster in lesson step `step`'s own set-up (so opening the step applies nothing), the
 * console in English, and a 1280×720 Chromium page already on that step. Whatever started is
 * closed again when a later part fails.
 */
export async function openLessonConsole(step: number): Promise<LessonConsole> {
  const { chromium } = await import('playwright-core');
  let live: LiveCluster | undefined;
  let app: ReturnType<typeof buildClassroom> | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await app?.close();
    await live?.close();
  };
  try {
    live = await LiveCluster.start({
      setup: LESSON[step]!.setup,
      balancerPort: await freePort(),
      healthInterval: '250ms',
      redisUrl: '',
    });
    app = buildClassroom({ live, lang: 'en', trafficRate: 12 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(url);
    await page.waitForSelector('body[data-ready="1"]');
    await page.evaluate((index) => localStorage.setItem('authscale.lesson', String(index)), step);
    await page.reload();
    await page.waitForSelector('body[data-ready="1"]');
    return { live, app, page, url, close };
  } catch (error) {
    await close();
    throw error;
  }
}
