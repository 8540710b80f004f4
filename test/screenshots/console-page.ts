import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildClassroom } from '../../classroom/build-classroom.ts';
import { LESSON } from '../../classroom/lesson.ts';
import { LiveCluster } from '../../classroom/live-cluster.ts';
import { freePort } from '../../lib/free-port.ts';

/**
 * Drives the console page in Debian's Chromium (never a downloaded browser) against a real
 * cluster started in one lesson step's own set-up (so opening the step applies nothing), lesson
 * mode set to open at that step — by default step 3 (memory sessions behind round-robin, 3 nodes).
 * Shared by the browser tests (screenshots into a temporary folder) and `npm run screenshots`.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_FILES = ['classroom-live.png', 'classroom.png', 'classroom-ko.png'] as const;

export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

export interface ConsolePage {
  live: LiveCluster;
  app: ReturnType<typeof buildClassroom>;
  browser: Browser;
  page: Page;
  /** The console's URL, ending in `/`. */
  url: string;
  close(): Promise<void>;
}

export async function openConsolePage(step = 2): Promise<ConsolePage> {
  const { chromium } = await import('playwright-core');
  const live = await LiveCluster.start({
    setup: LESSON[step]!.setup,
    balancerPort: await freePort(),
    healthInterval: '250ms',
    redisUrl: '',
  });
  const app = buildClassroom({ live, lang: 'en', trafficRate: 12 });
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await app.close();
    await live.close();
  };
  try {
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
    return { live, app, browser, page, url, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Waits until the text of `selector` matches (a string matches exactly). */
export async function textOf(page: Page, selector: string, wanted: string | RegExp, timeout = 30_000) {
  const source =
    typeof wanted === 'string' ? `^${wanted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : wanted.source;
  await page.waitForFunction(
    ([sel, pattern]) => new RegExp(pattern!).test((document.querySelector(sel!)?.textContent ?? '').trim()),
    [selector, source],
    { timeout },
  );
}

/**
 * Logs in on the "try it yourself" tab and calls /api/me ten times; returns how many lines the
 * request list had right after the login (a login starts it again) and the ten lines.
 */
export async function loginAndCallMe(page: Page): Promise<{ linesAfterLogin: number; lines: string[] }> {
  await page.click('#login');
  await page.waitForSelector('#login-status.ok');
  const linesAfterLogin = await page.locator('#try-log li').count();
  await page.click('#me10');
  await page.waitForFunction(() => document.querySelectorAll('#try-log li').length >= 10, undefined, {
    timeout: 60_000,
  });
  return {
    linesAfterLogin,
    lines: await page.$$eval('#try-log li', (items) => items.map((li) => li.textContent ?? '')),
  };
}

/** Waits until the live failure rate shows a measured figure (`measured N %`). */
export async function measuredRate(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    /measured \d+ %/.test(document.getElementById('fig-rate')?.textContent ?? ''),
  );
}

/**
 * The three 1280×720 screenshots into `dir`: the live page, then projector lesson step 3 in
 * English and in Korean. Leaves the page in projector and lesson mode, in Korean.
 */
export async function takeScreenshots(page: Page, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const [live, english, korean] = SCREENSHOT_FILES.map((file) => join(dir, file));
  await page.screenshot({ path: live });
  await page.click('#projector');
  await page.click('#lesson-toggle');
  await textOf(page, '#lesson-progress', /3\/14/);
  await page.waitForFunction(() =>
    /measured \d+ %/.test(document.getElementById('lesson-figure')?.textContent ?? ''),
  );
  await page.screenshot({ path: english });
  await page.click('#lang-ko');
  await textOf(page, '#tab-try', '직접 해 보기');
  await textOf(page, '#lesson-title', '확장성: 라운드 로빈');
  await page.waitForFunction(() =>
    /측정값 \d+ %/.test(document.getElementById('lesson-figure')?.textContent ?? ''),
  );
  await page.screenshot({ path: korean });
  return [live!, english!, korean!];
}
