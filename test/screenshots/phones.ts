import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildClassroom } from '../../classroom/build-classroom.ts';
import { LiveCluster } from '../../classroom/live-cluster.ts';
import { freePort } from '../../lib/free-port.ts';

/**
 * The students' pictures for the docs (part of `npm run screenshots`), from a real cluster in
 * Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium; never a downloaded browser): the
 * phone page at 360×740 in English and Korean, and the projector with the join QR code at
 * 1280×720 in both languages. Writes classroom-phone-{en,ko}.png and classroom-join-{en,ko}.png
 * into `out`; returns their paths.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PHONE_SCREENSHOTS = [
  'classroom-phone-en.png',
  'classroom-phone-ko.png',
  'classroom-join-en.png',
  'classroom-join-ko.png',
] as const;

/** A student's phone that joined, logged in and keeps sending requests. */
async function joinedPhone(browser: Browser, joinUrl: string, name: string, locale: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    locale,
  });
  const phone = await context.newPage();
  await phone.goto(joinUrl);
  await phone.waitForSelector('body[data-ready="1"]');
  await phone.fill('#name', name);
  await phone.click('#join');
  await phone.click('#login');
  await phone.waitForSelector('body[data-logged-in="1"]');
  await phone.setChecked('#repeat', true);
  return phone;
}

export async function takePhoneScreenshots(out: string): Promise<string[]> {
  mkdirSync(out, { recursive: true });
  const { chromium } = await import('playwright-core');
  const consolePort = await freePort();
  const consoleUrl = `http://127.0.0.1:${consolePort}`;
  const live = await LiveCluster.start({
    setup: { mode: 'memory', strategy: 'round-robin', nodes: 3 },
    balancerPort: await freePort(),
    joinOrigin: consoleUrl,
  });
  const joinUrl = `${live.balancerUrl}/join`;
  // Six phones on one machine: one source address, so the per-address bound is raised for them.
  const app = buildClassroom({ live, lang: 'en', trafficRate: 6, joinUrl, maxJoinsPerAddress: 6 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    await app.listen({ port: consolePort, host: '127.0.0.1' });
    const names = ['minji', 'Alex', '서연', 'Tomás', 'jun', 'Priya'];
    const phones = await Promise.all(
      names.map((name, i) => joinedPhone(browser, joinUrl, name, i === 2 ? 'ko-KR' : 'en-US')),
    );
    await phones[0]!.waitForFunction(() => Number(document.body.dataset.failed ?? 0) >= 4, undefined, {
      timeout: 60_000,
    });
    await phones[0]!.screenshot({ path: join(out, 'classroom-phone-en.png') });
    await phones[2]!.waitForFunction(() => Number(document.body.dataset.failed ?? 0) >= 4, undefined, {
      timeout: 60_000,
    });
    await phones[2]!.screenshot({ path: join(out, 'classroom-phone-ko.png') });

    const teacher = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await teacher.goto(consoleUrl);
    await teacher.waitForSelector(`body[data-students-joined="${names.length}"]`);
    await teacher.click('#projector');
    await teacher.waitForTimeout(1500); // let the dots flow for a moment: a picture, not a test
    await teacher.screenshot({ path: join(out, 'classroom-join-en.png') });
    await teacher.click('#lang-ko');
    await teacher.waitForFunction(() => document.documentElement.lang === 'ko');
    await teacher.waitForTimeout(1500);
    await teacher.screenshot({ path: join(out, 'classroom-join-ko.png') });
    return PHONE_SCREENSHOTS.map((file) => join(out, file));
  } finally {
    await browser.close();
    await app.close();
    await live.close();
  }
}
